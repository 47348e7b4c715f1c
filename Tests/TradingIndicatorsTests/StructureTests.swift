import Testing
import TradingCore
import TradingIndicators
import TradingTestSupport

/// Candles whose high and low are the given prices (close in the middle).
func candles(highs: [Double], lows: [Double]) -> [Candle] {
    zip(highs, lows).enumerated().map { index, pair in
        Candle(
            time: Int64(index) * 60_000_000_000,
            open: (pair.0 + pair.1) / 2,
            high: pair.0,
            low: pair.1,
            close: (pair.0 + pair.1) / 2
        )
    }
}

/// Candles along a path of closes, each with a small range around its close.
func path(_ closes: [Double]) -> [Candle] {
    candles(highs: closes.map { $0 * 1.001 }, lows: closes.map { $0 * 0.999 })
}

@Suite("Market structure")
struct StructureTests {
    @Test("fractals confirm a swing high two bars after it, and a swing low")
    func fractals() {
        var swings = FractalSwings(left: 2, right: 2)
        let highs: [Double] = [10, 11, 13, 12, 11, 10, 9, 10, 11]
        let lows: [Double] = [9, 10, 12, 11, 10, 8, 7, 9, 10]
        var found: [(Int, SwingPoint)] = []
        for (index, candle) in candles(highs: highs, lows: lows).enumerated() {
            for swing in swings.update(candle) { found.append((index, swing)) }
        }
        #expect(found.count == 2)
        #expect(found[0].0 == 4 && found[0].1.kind == .high && found[0].1.index == 2 && found[0].1.price == 13)
        #expect(found[1].0 == 8 && found[1].1.kind == .low && found[1].1.index == 6 && found[1].1.price == 7)
    }

    @Test("ZigZag confirms alternating swings once price reverses by the threshold")
    func zigzag() {
        var zigzag = ZigZag(threshold: 0.1)
        let closes: [Double] = [100, 104, 112, 120, 114, 106, 105, 110, 118, 130, 125, 100, 96]
        var confirmed: [SwingPoint] = []
        for candle in path(closes) {
            if let swing = zigzag.update(candle) { confirmed.append(swing) }
        }
        #expect(confirmed.map(\.kind) == [.low, .high, .low, .high])
        #expect(confirmed.map(\.index) == [0, 3, 6, 9])
        #expect(abs(confirmed[1].price - 120 * 1.001) < 1e-9 && abs(confirmed[2].price - 105 * 0.999) < 1e-9)
        let leg = zigzag.lastLeg
        #expect(leg?.from.kind == .low && leg?.to.kind == .high)
    }

    @Test("Fibonacci levels of an up-leg and a down-leg")
    func fibonacci() {
        let low = SwingPoint(kind: .low, index: 0, time: 0, price: 100)
        let high = SwingPoint(kind: .high, index: 5, time: 5, price: 200)
        let up = FibonacciLevels(from: low, to: high)
        #expect(up.isUpLeg)
        let expected: [Double] = [176.4, 161.8, 150, 138.2, 121.4]
        for (level, value) in zip(up.retracements, expected) { #expect(abs(level.price - value) < 1e-9) }
        #expect(abs(up.extensionLevel(1.618) - 261.8) < 1e-9)
        #expect(abs(up.extensionLevel(2.618) - 361.8) < 1e-9)
        let down = FibonacciLevels(from: high, to: low)
        #expect(!down.isUpLeg)
        #expect(abs(down.retracementLevel(0.618) - 161.8) < 1e-9)
        #expect(abs(down.extensionLevel(1.618) - 38.2) < 1e-9)
    }

    @Test("support and resistance cluster nearby swings and rank by touches")
    func clusters() {
        var levels = SupportResistance(tolerance: 0.01)
        let prices: [Double] = [100, 100.5, 150, 99.8, 149, 120]
        for (index, price) in prices.enumerated() {
            levels.add(SwingPoint(kind: .low, index: index, time: 0, price: price))
        }
        let ranked = levels.levels
        #expect(ranked.count == 3)
        #expect(ranked[0].touches == 3 && abs(ranked[0].price - (100 + 100.5 + 99.8) / 3) < 1e-9)
        #expect(ranked[1].touches == 2 && abs(ranked[1].price - 149.5) < 1e-9)
        let near = levels.nearest(to: 130)
        #expect(near.support.map { abs($0 - 100.1) < 0.01 } == true)
        #expect(near.resistance.map { abs($0 - 149.5) < 1e-9 } == true)
    }

    @Test("the regime classifier tells a trend, a range and a volatility burst apart (seeded)")
    func regimes() {
        var generator = SeededGenerator(seed: 17)
        var closes: [Double] = []
        var price = 100.0
        // A range: independent noise around a constant level.
        for _ in 0..<400 {
            price = 100 * (1 + Double.random(in: -0.004...0.004, using: &generator))
            closes.append(price)
        }
        for _ in 0..<150 {
            price *= 1.004 + Double.random(in: -0.001...0.001, using: &generator)
            closes.append(price)
        }
        for _ in 0..<40 {
            price *= 1 + Double.random(in: -0.03...0.03, using: &generator)
            closes.append(price)
        }
        var classifier = RegimeClassifier()
        var regimes: [RegimeClassifier.Regime?] = []
        for candle in path(closes) { regimes.append(classifier.update(candle)) }
        func share(_ regime: RegimeClassifier.Regime, _ range: Range<Int>) -> Double {
            Double(regimes[range].filter { $0 == regime }.count) / Double(range.count)
        }
        print(
            "regime classifier, seed 17: ranging \(share(.ranging, 250..<400)), trending up \(share(.trendingUp, 480..<550)), volatile \(share(.volatile, 570..<590))"
        )
        #expect(share(.ranging, 250..<400) > 0.8)
        #expect(share(.trendingUp, 480..<550) > 0.8)
        #expect(share(.volatile, 570..<590) > 0.8)
    }
}
