import Foundation
import Testing
import TradingCore
import TradingIndicators
import TradingTestSupport

/// The first 300 one-minute bars of `binance_BTCUSDT_1m.csv` with TA-Lib reference values.
struct ReferenceIndicators {
    var time: [Int64] = []
    var open: [Double] = []
    var volume: [Double] = []
    var high: [Double] = []
    var low: [Double] = []
    var close: [Double] = []
    var columns: [String: [Double?]] = [:]

    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for line in lines {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            func value(_ name: String) -> Double? {
                guard let index = header.firstIndex(of: name), index < fields.count, !fields[index].isEmpty else {
                    return nil
                }
                return Double(fields[index])
            }
            open.append(value("open") ?? .nan)
            volume.append(value("volume") ?? .nan)
            time.append(Int64(value("timestamp") ?? 0) * 1_000_000)
            high.append(value("high") ?? .nan)
            low.append(value("low") ?? .nan)
            close.append(value("close") ?? .nan)
            for name in header { columns[name, default: []].append(value(name)) }
        }
    }
}

extension ReferenceIndicators {
    var candles: [Candle] {
        close.indices.map {
            Candle(time: time[$0], open: open[$0], high: high[$0], low: low[$0], close: close[$0], volume: volume[$0])
        }
    }

    /// The spec's outputs for every bar.
    func run(_ spec: IndicatorSpec) -> [[Double?]] { runIndicator(spec, over: candles) }
}

/// Runs an indicator built from `spec` over `candles`, one row of outputs per bar.
func runIndicator(_ spec: IndicatorSpec, over candles: [Candle]) -> [[Double?]] {
    var indicator = spec.makeIndicator()
    var rows: [[Double?]] = []
    for candle in candles {
        var row = [Double?](repeating: nil, count: indicator.outputCount)
        indicator.update(candle, into: &row, at: 0)
        rows.append(row)
    }
    return rows
}

/// Checks an indicator series against a reference column to `tolerance` relative wherever the reference
/// is defined, and that both are undefined during the same warm-up.
func compare(_ actual: [Double?], _ expected: [Double?], tolerance: Double = 1e-9) -> [String] {
    var problems: [String] = []
    for (index, (a, e)) in zip(actual, expected).enumerated() {
        switch (a, e) {
        case (nil, nil): continue
        case (let a?, let e?):
            if abs(a - e) > tolerance * max(abs(e), 1e-12) { problems.append("row \(index): \(a) vs \(e)") }
        default: problems.append("row \(index): defined \(a != nil), reference defined \(e != nil)")
        }
    }
    return problems
}

@Suite("Indicators")
struct IndicatorTests {
    @Test(
        "agree with TA-Lib on real data to 1e-9 relative",
        .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason))
    )
    func referenceValues() throws {
        let reference = try ReferenceIndicators(path: SharedData.reference("indicators_head.csv"))
        #expect(reference.close.count == 300)
        // Each reference column and the spec output that must reproduce it.
        let columns: [(reference: String, spec: String, output: Int)] = [
            ("sma20", "sma:20", 0), ("ema12", "ema:12", 0), ("rsi14", "rsi:14", 0), ("atr14", "atr:14", 0),
            ("macd", "macd:12:26:9", 0), ("macd_signal", "macd:12:26:9", 1), ("macd_hist", "macd:12:26:9", 2),
            ("bb_upper", "bbands:20:2", 0), ("bb_mid", "bbands:20:2", 1), ("bb_lower", "bbands:20:2", 2),
            ("stoch_k", "stoch:14:3:3", 0), ("stoch_d", "stoch:14:3:3", 1),
            ("adx14", "adx:14", 0), ("plus_di14", "adx:14", 1), ("minus_di14", "adx:14", 2),
            ("obv", "obv", 0), ("vwap", "vwap", 0),
        ]
        for column in columns {
            let spec = try IndicatorSpec(parsing: column.spec)
            let values = reference.run(spec).map { $0[column.output] }
            let expected = try #require(reference.columns[column.reference])
            let problems = compare(values, expected)
            #expect(problems.isEmpty, "\(column.reference) from \(column.spec): \(problems.prefix(3))")
        }
    }

    @Test("incremental EMA and SMA equal a from-scratch batch computation (property)")
    func incrementalEqualsBatch() {
        let failures = PropertyTesting.check("incremental == batch", cases: 200) { generator in
            let period = Int.random(in: 1...30, using: &generator)
            let series = (0..<200).map { _ in 100 + Double.random(in: -5...5, using: &generator) }
            var ema = ExponentialMovingAverage(period: period)
            var sma = SimpleMovingAverage(period: period)
            let k = 2.0 / Double(period + 1)
            var batchEMA: Double?
            for index in series.indices {
                let emaValue = ema.update(series[index])
                let smaValue = sma.update(series[index])
                if index == period - 1 {
                    batchEMA = series[0..<period].reduce(0, +) / Double(period)
                } else if let previous = batchEMA {
                    batchEMA = (series[index] - previous) * k + previous
                }
                if emaValue != batchEMA { return "EMA(\(period)) differs at \(index)" }
                if index >= period - 1 {
                    let window = series[(index - period + 1)...index].reduce(0, +) / Double(period)
                    guard let smaValue, abs(smaValue - window) <= 1e-9 * abs(window) else {
                        return "SMA(\(period)) at \(index)"
                    }
                } else if smaValue != nil {
                    return "SMA defined during warm-up"
                }
            }
            return nil
        }
        #expect(failures.isEmpty)
    }

    @Test("rolling extremes equal a naive window scan (property)")
    func rollingExtremes() {
        let failures = PropertyTesting.check("rolling max/min", cases: 200) { generator in
            let period = Int.random(in: 1...25, using: &generator)
            var maximum = RollingExtremum(period: period, kind: .maximum)
            var minimum = RollingExtremum(period: period, kind: .minimum)
            var series: [Double] = []
            for index in 0..<300 {
                let value = Double(Int.random(in: 0...50, using: &generator))
                series.append(value)
                let high = maximum.update(value)
                let low = minimum.update(value)
                if index >= period - 1 {
                    let window = series[(index - period + 1)...index]
                    if high != window.max() || low != window.min() { return "window \(period) at \(index)" }
                } else if high != nil || low != nil {
                    return "defined during warm-up"
                }
            }
            return nil
        }
        #expect(failures.isEmpty)
    }
}
