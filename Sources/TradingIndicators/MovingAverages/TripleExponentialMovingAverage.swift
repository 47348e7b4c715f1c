/// Triple exponential moving average, as TA-Lib's `TEMA`: `3 e₁ − 3 e₂ + e₃` with `e₂ = EMA(e₁)` and
/// `e₃ = EMA(e₂)`, all SMA-seeded, so the first value comes after `3 (period − 1)` inputs.
public struct TripleExponentialMovingAverage: Sendable, Hashable {
    public let period: Int
    private var first: ExponentialMovingAverage
    private var second: ExponentialMovingAverage
    private var third: ExponentialMovingAverage
    public private(set) var value: Double?

    public init(period: Int) {
        precondition(period >= 1, "Invariant: a TEMA period is at least 1")
        self.period = period
        first = ExponentialMovingAverage(period: period)
        second = ExponentialMovingAverage(period: period)
        third = ExponentialMovingAverage(period: period)
    }

    /// Adds one input and returns the new value (`nil` during warm-up). O(1).
    @discardableResult
    public mutating func update(_ input: Double) -> Double? {
        guard let e1 = first.update(input), let e2 = second.update(e1), let e3 = third.update(e2) else { return nil }
        value = 3 * e1 - 3 * e2 + e3
        return value
    }
}
