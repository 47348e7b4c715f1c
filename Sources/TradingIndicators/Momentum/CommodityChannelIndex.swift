/// Commodity channel index, as TA-Lib's `CCI`: with typical price `tp = (high + low + close) / 3`,
/// `CCI = (tp − SMA(tp)) / (0.015 × mean |tp − SMA(tp)|)` over `period` bars, 0 when either part is 0.
///
/// The mean absolute deviation is taken over the window against its current mean, so each update costs
/// O(`period`), as in TA-Lib: no exact O(1) form exists.
public struct CommodityChannelIndex: Sendable, Hashable {
    public let period: Int
    private var window: RingWindow
    public private(set) var value: Double?

    public init(period: Int) {
        precondition(period >= 1, "Invariant: a CCI period is at least 1")
        self.period = period
        window = RingWindow(capacity: period)
    }

    /// Adds one bar and returns the CCI (`nil` until `period` bars).
    @discardableResult
    public mutating func update(high: Double, low: Double, close: Double) -> Double? {
        let typical = (high + low + close) / 3
        window.push(typical)
        guard window.isFull else { return nil }
        // Summed afresh around the oldest value (differences of nearby prices are exact), so a flat window's
        // tiny mean deviation is not swamped by rounding at the price's own scale.
        let anchor = window[age: period - 1]
        var sum = 0.0
        for age in (0..<period).reversed() { sum += window[age: age] - anchor }
        let offset = sum / Double(period)
        var deviation = 0.0
        for age in 0..<period { deviation += abs(window[age: age] - anchor - offset) }
        let distance = typical - anchor - offset
        value = distance != 0 && deviation != 0 ? distance / (0.015 * (deviation / Double(period))) : 0
        return value
    }
}
