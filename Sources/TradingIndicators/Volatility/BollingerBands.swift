/// Bollinger Bands, as TA-Lib's `BBANDS` with a simple average: `middle = SMA(period)`,
/// `upper/lower = middle ± deviations × σ`, σ the population standard deviation of the window. O(1)
/// amortised (``RollingMoments``).
public struct BollingerBands: Sendable, Hashable {
    public struct Output: Sendable, Hashable {
        public let upper: Double
        public let middle: Double
        public let lower: Double
    }

    public let period: Int
    public let deviations: Double
    private var moments: RollingMoments
    public private(set) var value: Output?

    public init(period: Int, deviations: Double) {
        precondition(period >= 1, "Invariant: a Bollinger period is at least 1")
        self.period = period
        self.deviations = deviations
        moments = RollingMoments(period: period)
    }

    /// Adds one price and returns the bands (`nil` until `period` inputs).
    @discardableResult
    public mutating func update(_ input: Double) -> Output? {
        moments.update(input)
        guard let middle = moments.average, let sigma = moments.standardDeviation else { return nil }
        let width = deviations * sigma
        let output = Output(upper: middle + width, middle: middle, lower: middle - width)
        value = output
        return output
    }
}
