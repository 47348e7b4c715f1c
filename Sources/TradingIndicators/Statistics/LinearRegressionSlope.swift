/// Least-squares slope of the last `period` inputs against their position (per input), as TA-Lib's
/// `LINEARREG_SLOPE`. O(1) amortised.
public struct LinearRegressionSlope: Sendable, Hashable {
    public let period: Int
    private var sums: SlidingLinearSums
    private let positionSum: Double
    private let divisor: Double
    public private(set) var value: Double?

    public init(period: Int) {
        precondition(period >= 2, "Invariant: a regression needs at least 2 points")
        self.period = period
        sums = SlidingLinearSums(period: period)
        let n = Double(period)
        positionSum = n * (n - 1) / 2
        let squareSum = n * (n - 1) * (2 * n - 1) / 6
        divisor = n * squareSum - positionSum * positionSum
    }

    /// Adds one input and returns the slope (`nil` until `period` inputs).
    @discardableResult
    public mutating func update(_ input: Double) -> Double? {
        sums.update(input)
        guard sums.isFull else { return nil }
        value = (Double(period) * sums.positionWeightedSum - positionSum * sums.sum) / divisor
        return value
    }
}
