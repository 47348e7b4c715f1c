/// How many standard deviations the latest input is from the mean of the last `period` inputs
/// (population σ, the input included); 0 when σ is 0. O(1) amortised.
public struct ZScore: Sendable, Hashable {
    public let period: Int
    private var moments: RollingMoments
    public private(set) var value: Double?

    public init(period: Int) {
        self.period = period
        moments = RollingMoments(period: period)
    }

    /// Adds one input and returns its z-score (`nil` until `period` inputs).
    @discardableResult
    public mutating func update(_ input: Double) -> Double? {
        moments.update(input)
        guard let mean = moments.average, let sigma = moments.standardDeviation else { return nil }
        value = sigma > 0 ? (input - mean) / sigma : 0
        return value
    }
}
