import Testing
import TradingCore
import TradingIndicators
import TradingTestSupport

/// From-scratch batch computations over whole arrays: each value is computed again from its window (or by
/// the textbook recursion over the full history), independently of the incremental types.
enum Batch {
    static func window(_ x: [Double], _ i: Int, _ p: Int) -> ArraySlice<Double>? {
        i >= p - 1 ? x[(i - p + 1)...i] : nil
    }

    static func sma(_ x: [Double], _ p: Int) -> [Double?] {
        x.indices.map { i in window(x, i, p).map { $0.reduce(0, +) / Double(p) } }
    }

    static func wma(_ x: [Double], _ p: Int) -> [Double?] {
        x.indices.map { i in
            window(x, i, p).map { w in
                zip(w, 1...p).reduce(0) { $0 + $1.0 * Double($1.1) } / Double(p * (p + 1) / 2)
            }
        }
    }

    /// SMA-seeded EMA over the defined values of `x` (warm-up `nil`s are skipped, as when chaining).
    static func ema(_ x: [Double?], _ p: Int) -> [Double?] {
        var out: [Double?] = []
        var seen: [Double] = []
        var current: Double?
        let k = 2 / Double(p + 1)
        for value in x {
            guard let value else {
                out.append(nil)
                continue
            }
            seen.append(value)
            if let previous = current {
                current = (value - previous) * k + previous
            } else if seen.count == p {
                current = seen.reduce(0, +) / Double(p)
            }
            out.append(current)
        }
        return out
    }

    static func std(_ w: ArraySlice<Double>) -> Double {
        let mean = w.reduce(0, +) / Double(w.count)
        return (w.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(w.count)).squareRoot()
    }

    static func slope(_ w: ArraySlice<Double>) -> Double {
        let n = Double(w.count)
        let xs = (0..<w.count).map(Double.init)
        let meanX = xs.reduce(0, +) / n
        let meanY = w.reduce(0, +) / n
        var numerator = 0.0
        var denominator = 0.0
        for (x, y) in zip(xs, w) {
            numerator += (x - meanX) * (y - meanY)
            denominator += (x - meanX) * (x - meanX)
        }
        return numerator / denominator
    }

    static func rsi(_ x: [Double], _ p: Int) -> [Double?] {
        var out: [Double?] = [nil]
        var gain = 0.0
        var loss = 0.0
        for i in 1..<x.count {
            let change = x[i] - x[i - 1]
            let (g, l) = (max(change, 0), max(-change, 0))
            if i <= p {
                gain += g / Double(p)
                loss += l / Double(p)
                if i < p {
                    out.append(nil)
                    continue
                }
                // Seed: the simple means of the first p changes.
                gain = (1...p).reduce(0) { $0 + max(x[$1] - x[$1 - 1], 0) } / Double(p)
                loss = (1...p).reduce(0) { $0 + max(x[$1 - 1] - x[$1], 0) } / Double(p)
            } else {
                gain = (gain * Double(p - 1) + g) / Double(p)
                loss = (loss * Double(p - 1) + l) / Double(p)
            }
            out.append(gain + loss == 0 ? 0 : 100 * gain / (gain + loss))
        }
        return out
    }

    static func trueRange(_ c: [Candle], _ i: Int) -> Double {
        max(c[i].high - c[i].low, abs(c[i].high - c[i - 1].close), abs(c[i].low - c[i - 1].close))
    }

    static func atr(_ c: [Candle], _ p: Int) -> [Double?] {
        var out: [Double?] = [nil]
        var current: Double?
        for i in 1..<c.count {
            if let previous = current {
                current = (previous * Double(p - 1) + trueRange(c, i)) / Double(p)
            } else if i == p {
                current = (1...p).reduce(0) { $0 + trueRange(c, $1) } / Double(p)
            }
            out.append(current)
        }
        return out
    }
}

/// A random walk around 100 with flat stretches and gaps, as real minute bars have.
func randomCandles(_ generator: inout SeededGenerator, count: Int) -> [Candle] {
    var candles: [Candle] = []
    var price = 100.0
    for index in 0..<count {
        if Int.random(in: 0..<10, using: &generator) > 0 {
            price *= 1 + Double.random(in: -0.01...0.01, using: &generator)
        }
        let high = price * (1 + Double.random(in: 0...0.005, using: &generator))
        let low = price * (1 - Double.random(in: 0...0.005, using: &generator))
        let close = Double.random(in: low...high, using: &generator)
        let volume = Int.random(in: 0..<8, using: &generator) == 0 ? 0 : Double.random(in: 0.1...10, using: &generator)
        candles.append(
            Candle(
                time: Int64(index) * 3_600_000_000_000,
                open: price,
                high: high,
                low: low,
                close: close,
                volume: volume
            )
        )
        price = close
    }
    return candles
}

/// Compares two series to `tolerance` × max(1, |expected|), with the same warm-up.
func mismatch(_ actual: [Double?], _ expected: [Double?], tolerance: Double = 1e-9) -> String? {
    guard actual.count == expected.count else { return "lengths \(actual.count) vs \(expected.count)" }
    for (index, (a, e)) in zip(actual, expected).enumerated() {
        switch (a, e) {
        case (nil, nil): continue
        case (let a?, let e?): if abs(a - e) > tolerance * max(1, abs(e)) { return "index \(index): \(a) vs \(e)" }
        default: return "index \(index): defined \(a != nil) vs \(e != nil)"
        }
    }
    return nil
}

@Suite("Indicators: incremental equals batch")
struct IncrementalBatchTests {
    /// Runs `spec` through the catalog over `candles`; column `output` of each row.
    func series(_ spec: String, _ candles: [Candle], output: Int = 0) -> [Double?] {
        guard let parsed = try? IndicatorSpec(parsing: spec) else { return [] }
        var indicator = parsed.makeIndicator()
        var row = [Double?](repeating: nil, count: indicator.outputCount)
        return candles.map { candle in
            indicator.update(candle, into: &row, at: 0)
            return row[output]
        }
    }

    @Test("moving averages (property)")
    func movingAverages() {
        let failures = PropertyTesting.check("moving averages", cases: 60) { generator in
            let p = Int.random(in: 2...30, using: &generator)
            let candles = randomCandles(&generator, count: 250)
            let close = candles.map(\.close)
            if let m = mismatch(series("sma:\(p)", candles), Batch.sma(close, p)) { return "sma:\(p) \(m)" }
            if let m = mismatch(series("ema:\(p)", candles), Batch.ema(close, p)) { return "ema:\(p) \(m)" }
            if let m = mismatch(series("wma:\(p)", candles), Batch.wma(close, p)) { return "wma:\(p) \(m)" }
            let e1 = Batch.ema(close, p)
            let e2 = Batch.ema(e1, p)
            let e3 = Batch.ema(e2, p)
            let dema = zip(e1, e2).map { a, b in b.map { 2 * a! - $0 } }
            let tema = e1.indices.map { i in e3[i].map { 3 * e1[i]! - 3 * e2[i]! + $0 } }
            if let m = mismatch(series("dema:\(p)", candles), dema) { return "dema:\(p) \(m)" }
            if let m = mismatch(series("tema:\(p)", candles), tema) { return "tema:\(p) \(m)" }
            let half = Batch.wma(close, p / 2)
            let full = Batch.wma(close, p)
            let raw = close.indices.map { i -> Double? in
                guard let h = half[i], let f = full[i] else { return nil }
                return 2 * h - f
            }
            let firstRaw = raw.firstIndex { $0 != nil } ?? raw.count
            let rawValues = raw.compactMap { $0 }
            let smooth = Batch.wma(rawValues, max(1, Int(Double(p).squareRoot())))
            let hull = close.indices.map { i in i >= firstRaw ? smooth[i - firstRaw] : nil }
            if let m = mismatch(series("hma:\(p)", candles), hull) { return "hma:\(p) \(m)" }
            return nil
        }
        #expect(failures.isEmpty)
    }

    @Test("oscillators and channels (property)")
    func oscillators() {
        let failures = PropertyTesting.check("oscillators", cases: 60) { generator in
            let p = Int.random(in: 2...25, using: &generator)
            let candles = randomCandles(&generator, count: 250)
            let close = candles.map(\.close)
            let highs = candles.map(\.high)
            let lows = candles.map(\.low)
            if let m = mismatch(series("rsi:\(p)", candles), Batch.rsi(close, p)) { return "rsi:\(p) \(m)" }
            if let m = mismatch(series("atr:\(p)", candles), Batch.atr(candles, p)) { return "atr:\(p) \(m)" }
            let roc = close.indices.map { i in
                i >= p ? (close[i - p] != 0 ? (close[i] / close[i - p] - 1) * 100 : 0) : nil
            }
            if let m = mismatch(series("roc:\(p)", candles), roc) { return "roc:\(p) \(m)" }
            let top = highs.indices.map { i in Batch.window(highs, i, p)?.max() }
            let bottom = lows.indices.map { i in Batch.window(lows, i, p)?.min() }
            let willr = close.indices.map { i -> Double? in
                guard let h = top[i], let l = bottom[i] else { return nil }
                return h == l ? 0 : -100 * (h - close[i]) / (h - l)
            }
            if let m = mismatch(series("willr:\(p)", candles), willr) { return "willr:\(p) \(m)" }
            for (output, band) in [top, top.indices.map { i in top[i].map { ($0 + bottom[i]!) / 2 } }, bottom]
                .enumerated()
            {
                if let m = mismatch(series("donchian:\(p)", candles, output: output), band) {
                    return "donchian:\(p) \(m)"
                }
            }
            let fastK = close.indices.map { i -> Double? in
                guard let h = top[i], let l = bottom[i] else { return nil }
                return h == l ? 0 : 100 * (close[i] - l) / (h - l)
            }
            let firstK = fastK.firstIndex { $0 != nil } ?? 0
            let slowK = Batch.sma(fastK.compactMap { $0 }, 3)
            let slowD = Batch.sma(slowK.compactMap { $0 }, 3)
            let kSeries = close.indices.map { i -> Double? in
                let j = i - firstK
                guard j >= 4, let k = slowK[j] else { return nil }
                return k
            }
            let dSeries = close.indices.map { i -> Double? in
                let j = i - firstK
                guard j >= 4 else { return nil }
                return slowD[j - 2]
            }
            if let m = mismatch(series("stoch:\(p):3:3", candles), kSeries) { return "stoch.k \(m)" }
            if let m = mismatch(series("stoch:\(p):3:3", candles, output: 1), dSeries) { return "stoch.d \(m)" }
            let typical = candles.map(\.typicalPrice)
            let cci = typical.indices.map { i -> Double? in
                guard let w = Batch.window(typical, i, p) else { return nil }
                let mean = w.reduce(0, +) / Double(p)
                let deviation = w.reduce(0) { $0 + abs($1 - mean) } / Double(p)
                return deviation == 0 ? 0 : (typical[i] - mean) / (0.015 * deviation)
            }
            if let m = mismatch(series("cci:\(p)", candles), cci, tolerance: 1e-7) { return "cci:\(p) \(m)" }
            return nil
        }
        #expect(failures.isEmpty)
    }

    @Test("statistics and bands (property)")
    func statistics() {
        let failures = PropertyTesting.check("statistics", cases: 60) { generator in
            let p = Int.random(in: 2...25, using: &generator)
            let k = Double(Int.random(in: 1...30, using: &generator)) / 10
            let candles = randomCandles(&generator, count: 250)
            let close = candles.map(\.close)
            let sigma = close.indices.map { i in Batch.window(close, i, p).map(Batch.std) }
            let mean = Batch.sma(close, p)
            if let m = mismatch(series("stddev:\(p)", candles), sigma) { return "stddev:\(p) \(m)" }
            let z = close.indices.map { i -> Double? in
                guard let s = sigma[i], let mu = mean[i] else { return nil }
                return s > 1e-9 ? (close[i] - mu) / s : 0
            }
            let zActual = series("zscore:\(p)", candles).enumerated().map { i, v in
                (sigma[i] ?? 1) > 1e-9 ? v : v.map { _ in 0 }
            }
            if let m = mismatch(zActual, z, tolerance: 1e-6) { return "zscore:\(p) \(m)" }
            let slope = close.indices.map { i in Batch.window(close, i, p).map(Batch.slope) }
            if let m = mismatch(series("linreg_slope:\(p)", candles), slope, tolerance: 1e-8) {
                return "linreg_slope:\(p) \(m)"
            }
            let upper = close.indices.map { i in mean[i].map { $0 + k * sigma[i]! } }
            let lower = close.indices.map { i in mean[i].map { $0 - k * sigma[i]! } }
            for (output, band) in [upper, mean, lower].enumerated() {
                if let m = mismatch(series("bbands:\(p):\(k)", candles, output: output), band) {
                    return "bbands \(output) \(m)"
                }
            }
            let ema = Batch.ema(close, p)
            let atr = Batch.atr(candles, p)
            let keltnerUpper = close.indices.map { i -> Double? in
                guard let e = ema[i], let a = atr[i] else { return nil }
                return e + k * a
            }
            if let m = mismatch(series("keltner:\(p):\(k)", candles), keltnerUpper) { return "keltner \(m)" }
            return nil
        }
        #expect(failures.isEmpty)
    }

    @Test("volume indicators (property)")
    func volume() {
        let failures = PropertyTesting.check("volume", cases: 60) { generator in
            let hour = Int.random(in: 0...23, using: &generator)
            let candles = randomCandles(&generator, count: 300)
            var obv: [Double?] = []
            for i in candles.indices {
                let previous = obv.last.flatMap { $0 } ?? candles[0].volume
                if i == 0 {
                    obv.append(candles[0].volume)
                } else {
                    let sign: Double =
                        candles[i].close > candles[i - 1].close ? 1 : candles[i].close < candles[i - 1].close ? -1 : 0
                    obv.append(previous + sign * candles[i].volume)
                }
            }
            if let m = mismatch(series("obv", candles), obv) { return "obv \(m)" }
            let hourNanos: Int64 = 3_600_000_000_000
            let session = candles.indices.map { i -> Double? in
                let day = (candles[i].time - Int64(hour) * hourNanos).dividedFloor(by: 24 * hourNanos)
                let members = candles[...i].filter {
                    ($0.time - Int64(hour) * hourNanos).dividedFloor(by: 24 * hourNanos) == day
                }
                let volume = members.reduce(0) { $0 + $1.volume }
                return volume > 0 ? members.reduce(0) { $0 + $1.typicalPrice * $1.volume } / volume : nil
            }
            if let m = mismatch(series("session_vwap:\(hour)", candles), session) { return "session_vwap:\(hour) \(m)" }
            return nil
        }
        #expect(failures.isEmpty)
    }
}

extension Int64 {
    fileprivate func dividedFloor(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}

@Suite("Indicators: precision")
struct IndicatorPrecisionTests {
    @Test("σ and CCI stay exact in a nearly flat window at a large price (seeded)")
    func flatWindowAtLargePrice() {
        let failures = PropertyTesting.check("flat window", cases: 20) { generator in
            var close: [Double] = []
            for _ in 0..<100 { close.append(100_000 + Double.random(in: -500...500, using: &generator)) }
            for _ in 0..<60 { close.append(100_000.01 + Double(Int.random(in: -3...3, using: &generator)) / 1_000) }
            var deviation = RollingStandardDeviation(period: 20)
            var cci = CommodityChannelIndex(period: 20)
            for index in close.indices {
                let sigma = deviation.update(close[index])
                let channel = cci.update(high: close[index], low: close[index], close: close[index])
                guard let window = Batch.window(close, index, 20), let sigma, let channel else { continue }
                let expected = Batch.std(window)
                if abs(sigma - expected) > 1e-9 * expected { return "σ at \(index): \(sigma) vs \(expected)" }
                let mean = window.reduce(0, +) / 20
                let meanDeviation = window.reduce(0) { $0 + abs($1 - mean) } / 20
                let expectedCCI = meanDeviation == 0 ? 0 : (close[index] - mean) / (0.015 * meanDeviation)
                if abs(channel - expectedCCI) > 1e-6 * max(1, abs(expectedCCI)) {
                    return "CCI at \(index): \(channel) vs \(expectedCCI)"
                }
            }
            return nil
        }
        #expect(failures.isEmpty)
    }
}

@Suite("Indicators: warm-up")
struct IndicatorWarmUpTests {
    @Test("σ with a minimum count is σ of the inputs so far until the window fills, then the window's (seeded)")
    func standardDeviationWithMinimumCount() {
        let failures = PropertyTesting.check("σ so far", cases: 20) { generator in
            let period = Int.random(in: 2...30, using: &generator)
            let minimum = Int.random(in: 1...period, using: &generator)
            var deviation = RollingStandardDeviation(period: period, minimumCount: minimum)
            var full = RollingStandardDeviation(period: period)
            var inputs: [Double] = []
            for index in 0..<(3 * period) {
                let input = Double.random(in: -0.01...0.01, using: &generator)
                inputs.append(input)
                let sigma = deviation.update(input)
                let windowSigma = full.update(input)
                let window = inputs.suffix(period)
                guard index + 1 >= minimum else {
                    if sigma != nil { return "a value after \(index + 1) of \(minimum) inputs" }
                    continue
                }
                guard let sigma else { return "no value after \(index + 1) inputs (minimum \(minimum))" }
                let expected = Batch.std(window)
                if abs(sigma - expected) > 1e-12 { return "σ at \(index): \(sigma) vs \(expected)" }
                if index + 1 >= period, sigma != windowSigma { return "σ at \(index) differs from the full window's" }
            }
            return nil
        }
        #expect(failures.isEmpty)
    }
}
