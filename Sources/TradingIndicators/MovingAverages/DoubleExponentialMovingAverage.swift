/// Double exponential moving average, as TA-Lib's `DEMA`: `2 × EMA(x) − EMA(EMA(x))`, both SMA-seeded,
/// so the first value comes after `2 (period − 1)` inputs.
public struct DoubleExponentialMovingAverage: Sendable, Hashable {
    public let period: Int
    private var first: ExponentialMovingAverage
    private var second: ExponentialMovingAverage
    public private(set) var value: Double?

    public init(period: Int) {
        precondition(period >= 1, "Invariant: a DEMA period is at least 1")
        self.period = period
        first = ExponentialMovingAverage(period: period)
        second = ExponentialMovingAverage(period: period)
    }

    /// Adds one input and returns the new value (`nil` during warm-up). O(1).
    @discardableResult
    public mutating func update(_ input: Double) -> Double? {
        guard let single = first.update(input), let double = second.update(single) else { return nil }
        value = 2 * single - double
        return value
    }
}
