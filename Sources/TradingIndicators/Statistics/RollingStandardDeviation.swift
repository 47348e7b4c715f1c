/// Population standard deviation of the last `period` inputs, as TA-Lib's `STDDEV` with one deviation.
/// O(1) amortised (``RollingMoments``).
public struct RollingStandardDeviation: Sendable, Hashable {
    public let period: Int
    private var moments: RollingMoments
    public private(set) var value: Double?

    public init(period: Int) {
        self.period = period
        moments = RollingMoments(period: period)
    }

    /// Adds one input and returns σ of the window (`nil` until `period` inputs).
    @discardableResult
    public mutating func update(_ input: Double) -> Double? {
        moments.update(input)
        value = moments.standardDeviation
        return value
    }
}
