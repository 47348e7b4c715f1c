/// Keltner channel: `middle = EMA(close, period)`, `upper/lower = middle ± multiplier × ATR(atrPeriod)`
/// (Wilder ATR, ``AverageTrueRange``). Defined once both are. O(1).
public struct KeltnerChannel: Sendable, Hashable {
    public struct Output: Sendable, Hashable {
        public let upper: Double
        public let middle: Double
        public let lower: Double
    }

    public let period: Int
    public let multiplier: Double
    private var average: ExponentialMovingAverage
    private var range: AverageTrueRange
    public private(set) var value: Output?

    public init(period: Int, multiplier: Double, atrPeriod: Int? = nil) {
        precondition(period >= 1, "Invariant: a Keltner period is at least 1")
        self.period = period
        self.multiplier = multiplier
        average = ExponentialMovingAverage(period: period)
        range = AverageTrueRange(period: atrPeriod ?? period)
    }

    /// Adds one bar and returns the channel (`nil` during warm-up).
    @discardableResult
    public mutating func update(high: Double, low: Double, close: Double) -> Output? {
        let middle = average.update(close)
        let atr = range.update(high: high, low: low, close: close)
        guard let middle, let atr else { return nil }
        let output = Output(upper: middle + multiplier * atr, middle: middle, lower: middle - multiplier * atr)
        value = output
        return output
    }
}
