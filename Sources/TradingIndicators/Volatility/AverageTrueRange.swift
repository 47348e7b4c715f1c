/// Average true range with Wilder's smoothing, as TA-Lib's `ATR` (unstable period 0).
///
/// The true range needs the previous close, so the first value comes at the `period + 1`-th bar: the mean
/// of the first `period` true ranges; after that `atr = (atr × (p − 1) + tr) / p`.
public struct AverageTrueRange: Sendable, Hashable {
    public let period: Int
    private var previousClose: Double?
    private var count = 0
    private var sum = 0.0
    public private(set) var value: Double?

    public init(period: Int) {
        precondition(period >= 1, "Invariant: an ATR period is at least 1")
        self.period = period
    }

    /// Adds one bar and returns the new ATR (`nil` during warm-up). O(1).
    @discardableResult
    public mutating func update(high: Double, low: Double, close: Double) -> Double? {
        defer { previousClose = close }
        guard let previous = previousClose else { return nil }
        let trueRange = max(high - low, abs(high - previous), abs(low - previous))
        let p = Double(period)
        if let current = value {
            value = (current * (p - 1) + trueRange) / p
        } else {
            sum += trueRange
            count += 1
            if count == period { value = sum / p }
        }
        return value
    }
}
