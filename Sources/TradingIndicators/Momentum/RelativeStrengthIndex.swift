/// Relative strength index with Wilder's smoothing, as TA-Lib's `RSI` (unstable period 0).
///
/// The first value comes after `period` price changes: average gain and loss are their simple means;
/// after that `avg = (avg × (p − 1) + change) / p`. `RSI = 100 × gain / (gain + loss)`, and 0 when both
/// are zero.
public struct RelativeStrengthIndex: Sendable, Hashable {
    public let period: Int
    private var previous: Double?
    private var count = 0
    private var gainSum = 0.0
    private var lossSum = 0.0
    private var averageGain = 0.0
    private var averageLoss = 0.0
    public private(set) var value: Double?

    public init(period: Int) {
        precondition(period >= 1, "Invariant: an RSI period is at least 1")
        self.period = period
    }

    /// Adds one price and returns the new RSI (`nil` during warm-up). O(1).
    @discardableResult
    public mutating func update(_ price: Double) -> Double? {
        guard let last = previous else {
            previous = price
            return nil
        }
        previous = price
        let change = price - last
        let gain = change > 0 ? change : 0
        let loss = change < 0 ? -change : 0
        let p = Double(period)
        if count < period {
            gainSum += gain
            lossSum += loss
            count += 1
            guard count == period else { return nil }
            averageGain = gainSum / p
            averageLoss = lossSum / p
        } else {
            averageGain = (averageGain * (p - 1) + gain) / p
            averageLoss = (averageLoss * (p - 1) + loss) / p
        }
        let total = averageGain + averageLoss
        let rsi = total != 0 ? 100 * (averageGain / total) : 0
        value = rsi
        return rsi
    }
}
