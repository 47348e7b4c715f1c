/// Donchian channel: the highest high and lowest low of the last `period` bars and their midpoint.
/// Amortised O(1).
public struct DonchianChannel: Sendable, Hashable {
    public struct Output: Sendable, Hashable {
        public let upper: Double
        public let middle: Double
        public let lower: Double
    }

    public let period: Int
    private var highest: RollingExtremum
    private var lowest: RollingExtremum
    public private(set) var value: Output?

    public init(period: Int) {
        precondition(period >= 1, "Invariant: a Donchian period is at least 1")
        self.period = period
        highest = RollingExtremum(period: period, kind: .maximum)
        lowest = RollingExtremum(period: period, kind: .minimum)
    }

    /// Adds one bar and returns the channel (`nil` until `period` bars).
    @discardableResult
    public mutating func update(high: Double, low: Double) -> Output? {
        let top = highest.update(high)
        let bottom = lowest.update(low)
        guard let top, let bottom else { return nil }
        let output = Output(upper: top, middle: (top + bottom) / 2, lower: bottom)
        value = output
        return output
    }
}
