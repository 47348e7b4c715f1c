/// Linearly weighted moving average, as TA-Lib's `WMA`: the newest of the last `period` inputs has weight
/// `period`, the oldest weight 1, divided by `period (period + 1) / 2`. O(1) amortised.
public struct WeightedMovingAverage: Sendable, Hashable {
    public let period: Int
    private var sums: SlidingLinearSums
    private let divisor: Double
    public private(set) var value: Double?

    public init(period: Int) {
        precondition(period >= 1, "Invariant: a WMA period is at least 1")
        self.period = period
        sums = SlidingLinearSums(period: period)
        divisor = Double(period * (period + 1)) / 2
    }

    /// Adds one input and returns the new average (`nil` until `period` inputs).
    @discardableResult
    public mutating func update(_ input: Double) -> Double? {
        sums.update(input)
        // Weight = position + 1.
        value = sums.isFull ? (sums.positionWeightedSum + sums.sum) / divisor : nil
        return value
    }
}
