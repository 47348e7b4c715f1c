/// On-balance volume, as TA-Lib's `OBV`: starts at the first bar's volume, then adds the volume of a bar
/// that closes higher and subtracts that of one that closes lower. O(1).
public struct OnBalanceVolume: Sendable, Hashable {
    private var previousClose: Double?
    public private(set) var value: Double?

    public init() {}

    /// Adds one bar and returns the running OBV.
    @discardableResult
    public mutating func update(close: Double, volume: Double) -> Double {
        var total = value ?? volume
        if let previous = previousClose {
            if close > previous {
                total += volume
            } else if close < previous {
                total -= volume
            }
        }
        previousClose = close
        value = total
        return total
    }
}
