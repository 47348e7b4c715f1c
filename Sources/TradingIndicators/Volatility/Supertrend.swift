/// Supertrend, as TradingView's `ta.supertrend`: bands `hl2 ± multiplier × ATR(period)` that only tighten
/// while price stays inside them; the trend flips up when the close crosses above the upper band and down
/// when it crosses below the lower band. The line is the lower band in an up-trend, the upper band in a
/// down-trend. ATR is Wilder's (``AverageTrueRange``). O(1).
public struct Supertrend: Sendable, Hashable {
    public struct Output: Sendable, Hashable {
        /// The stop line: below price in an up-trend, above it in a down-trend.
        public let line: Double
        /// +1 in an up-trend, −1 in a down-trend.
        public let direction: Int
    }

    public let period: Int
    public let multiplier: Double
    private var range: AverageTrueRange
    private var lowerBand: Double?
    private var upperBand: Double?
    private var previousClose: Double?
    private var direction = 1
    public private(set) var value: Output?

    public init(period: Int, multiplier: Double) {
        precondition(period >= 1, "Invariant: a Supertrend period is at least 1")
        self.period = period
        self.multiplier = multiplier
        range = AverageTrueRange(period: period)
    }

    /// Adds one bar and returns the line and direction (`nil` during the ATR warm-up).
    @discardableResult
    public mutating func update(high: Double, low: Double, close: Double) -> Output? {
        defer { previousClose = close }
        guard let atr = range.update(high: high, low: low, close: close) else { return nil }
        let middle = (high + low) / 2
        var lower = middle - multiplier * atr
        var upper = middle + multiplier * atr
        if let previousLower = lowerBand, let previousUpper = upperBand, let previousClose {
            if previousClose > previousLower { lower = max(lower, previousLower) }
            if previousClose < previousUpper { upper = min(upper, previousUpper) }
            if direction == -1 && close > previousUpper {
                direction = 1
            } else if direction == 1 && close < previousLower {
                direction = -1
            }
        }
        lowerBand = lower
        upperBand = upper
        let output = Output(line: direction == 1 ? lower : upper, direction: direction)
        value = output
        return output
    }
}
