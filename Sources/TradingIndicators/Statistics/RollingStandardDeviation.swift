/// Population standard deviation of the last `period` inputs, as TA-Lib's `STDDEV` with one deviation.
/// O(1) amortised (``RollingMoments``).
public struct RollingStandardDeviation: Sendable, Hashable {
    public let period: Int
    /// The fewest inputs that give a value: `period` (TA-Lib's warm-up) unless asked otherwise. With fewer
    /// (like pandas' `min_periods`), σ is of the inputs so far until the window fills.
    public let minimumCount: Int
    private var moments: RollingMoments
    public private(set) var value: Double?

    /// - Parameters:
    ///   - period: the window's length.
    ///   - minimumCount: the fewest inputs that give a value, 1…`period` (clamped); `nil` for `period`.
    public init(period: Int, minimumCount: Int? = nil) {
        self.period = period
        self.minimumCount = min(max(1, minimumCount ?? period), max(1, period))
        moments = RollingMoments(period: period)
    }

    /// Adds one input and returns σ of the window (`nil` until `minimumCount` inputs).
    @discardableResult
    public mutating func update(_ input: Double) -> Double? {
        moments.update(input)
        value = moments.count >= minimumCount ? moments.varianceSoFar?.squareRoot() : nil
        return value
    }
}
