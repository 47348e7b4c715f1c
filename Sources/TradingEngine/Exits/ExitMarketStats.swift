public import TradingCore

/// Wilder's average true range, exact in price units: the mean of the first `period` true ranges, then
/// `(ATR × (period − 1) + TR) / period`, each step rounded to the nearest raw unit.
public struct ExactAverageTrueRange: Sendable, Hashable {
    public let period: Int
    private var previousClose: Int128?
    private var sum: Int128 = 0
    private var count = 0
    /// The current value, once `period` bars have been seen.
    public private(set) var value: Price?

    public init(period: Int) {
        precondition(period > 0, "Invariant: an ATR period is positive")
        self.period = period
    }

    public mutating func update(high: Price, low: Price, close: Price) {
        var range = high.raw - low.raw
        if let previousClose { range = max(high.raw, previousClose) - min(low.raw, previousClose) }
        previousClose = close.raw
        if let current = value {
            value = Price(
                raw: FixedPoint.multiplyDivide(
                    current.raw * Int128(period - 1) + range,
                    1,
                    Int128(period),
                    rounding: .toNearestOrEven
                )
            )
            return
        }
        sum += range
        count += 1
        if count == period {
            value = Price(raw: FixedPoint.multiplyDivide(sum, 1, Int128(period), rounding: .toNearestOrEven))
        }
    }
}

/// What exits read from each instrument's bars: ATRs for the periods the plans use, and the highs and lows
/// of the last bars for structure stops and chandelier trailing.
public struct ExitMarketStats: Sendable, Hashable {
    public private(set) var averageTrueRanges: [ExactAverageTrueRange]
    private var highs: [Int128]
    private var lows: [Int128]
    private var next = 0
    private var filled = 0

    init(periods: [Int], lookback: Int) {
        averageTrueRanges = periods.map(ExactAverageTrueRange.init(period:))
        highs = Array(repeating: 0, count: lookback)
        lows = Array(repeating: 0, count: lookback)
    }

    mutating func update(_ bar: Bar) {
        for index in averageTrueRanges.indices {
            averageTrueRanges[index].update(high: bar.high, low: bar.low, close: bar.close)
        }
        guard !highs.isEmpty else { return }
        highs[next] = bar.high.raw
        lows[next] = bar.low.raw
        next = (next + 1) % highs.count
        filled = min(filled + 1, highs.count)
    }

    /// ATR over `period` bars, once known.
    public func averageTrueRange(period: Int) -> Price? {
        averageTrueRanges.first { $0.period == period }?.value
    }

    /// The highest high of the last `count` bars (fewer when fewer are known; `nil` when none are).
    public func highestHigh(last count: Int) -> Price? { extreme(highs, count: count, highest: true) }

    /// The lowest low of the last `count` bars.
    public func lowestLow(last count: Int) -> Price? { extreme(lows, count: count, highest: false) }

    private func extreme(_ values: [Int128], count: Int, highest: Bool) -> Price? {
        let span = min(count, filled)
        guard span > 0 else { return nil }
        var best: Int128 = highest ? .min : .max
        for step in 1...span {
            let value = values[(next - step + values.count) % values.count]
            best = highest ? max(best, value) : min(best, value)
        }
        return Price(raw: best)
    }
}
