/// Williams %R, as TA-Lib's `WILLR`: `−100 (highest high − close) / (highest high − lowest low)` over
/// `period` bars, 0 when the range is 0. From −100 (at the low) to 0 (at the high). Amortised O(1).
public struct WilliamsPercentRange: Sendable, Hashable {
    public let period: Int
    private var highest: RollingExtremum
    private var lowest: RollingExtremum
    public private(set) var value: Double?

    public init(period: Int) {
        precondition(period >= 1, "Invariant: a Williams %R period is at least 1")
        self.period = period
        highest = RollingExtremum(period: period, kind: .maximum)
        lowest = RollingExtremum(period: period, kind: .minimum)
    }

    /// Adds one bar and returns %R (`nil` until `period` bars).
    @discardableResult
    public mutating func update(high: Double, low: Double, close: Double) -> Double? {
        let top = highest.update(high)
        let bottom = lowest.update(low)
        guard let top, let bottom else { return nil }
        let range = (top - bottom) / -100
        value = range != 0 ? (top - close) / range : 0
        return value
    }
}
