/// ZigZag swings: alternate highs and lows that are at least `threshold` (a fraction, 0.05 = 5 %) apart.
///
/// It follows the running extreme in the current direction; when price reverses by `threshold` from it,
/// the extreme is confirmed as a swing and the direction flips. The first direction is set by the first
/// move of `threshold` from the first bar. O(1) per bar.
public struct ZigZag: Sendable, Hashable {
    public let threshold: Double
    private var rising: Bool?
    private var extreme: Double
    private var extremeIndex = 0
    private var extremeTime: Int64 = 0
    private var firstHigh = -Double.infinity
    private var firstHighIndex = 0
    private var firstHighTime: Int64 = 0
    private var firstLow = Double.infinity
    private var firstLowIndex = 0
    private var firstLowTime: Int64 = 0
    private var index = -1
    /// The confirmed swings so far, oldest first (only the last few are kept).
    public private(set) var swings: [SwingPoint] = []

    public init(threshold: Double) {
        precondition(threshold > 0 && threshold < 1, "Invariant: a ZigZag threshold is a fraction in (0, 1)")
        self.threshold = threshold
        extreme = 0
    }

    /// Adds one bar and returns the swing it confirms, if any.
    @discardableResult
    public mutating func update(_ candle: Candle) -> SwingPoint? {
        index += 1
        guard let up = rising else {
            if candle.high > firstHigh {
                (firstHigh, firstHighIndex, firstHighTime) = (candle.high, index, candle.time)
            }
            if candle.low < firstLow { (firstLow, firstLowIndex, firstLowTime) = (candle.low, index, candle.time) }
            if candle.high >= firstLow * (1 + threshold) && firstLowIndex <= index {
                // Up from the low: the low is the first swing.
                rising = true
                confirm(SwingPoint(kind: .low, index: firstLowIndex, time: firstLowTime, price: firstLow))
                (extreme, extremeIndex, extremeTime) = (candle.high, index, candle.time)
            } else if candle.low <= firstHigh * (1 - threshold) {
                rising = false
                confirm(SwingPoint(kind: .high, index: firstHighIndex, time: firstHighTime, price: firstHigh))
                (extreme, extremeIndex, extremeTime) = (candle.low, index, candle.time)
            }
            return rising == nil ? nil : swings.last
        }
        if up {
            if candle.high > extreme {
                (extreme, extremeIndex, extremeTime) = (candle.high, index, candle.time)
            } else if candle.low <= extreme * (1 - threshold) {
                let swing = SwingPoint(kind: .high, index: extremeIndex, time: extremeTime, price: extreme)
                confirm(swing)
                rising = false
                (extreme, extremeIndex, extremeTime) = (candle.low, index, candle.time)
                return swing
            }
        } else {
            if candle.low < extreme {
                (extreme, extremeIndex, extremeTime) = (candle.low, index, candle.time)
            } else if candle.high >= extreme * (1 + threshold) {
                let swing = SwingPoint(kind: .low, index: extremeIndex, time: extremeTime, price: extreme)
                confirm(swing)
                rising = true
                (extreme, extremeIndex, extremeTime) = (candle.high, index, candle.time)
                return swing
            }
        }
        return nil
    }

    /// The last two confirmed swings as a leg (from, to), if there are two.
    public var lastLeg: (from: SwingPoint, to: SwingPoint)? {
        guard swings.count >= 2 else { return nil }
        return (swings[swings.count - 2], swings[swings.count - 1])
    }

    private mutating func confirm(_ swing: SwingPoint) {
        swings.append(swing)
        if swings.count > 64 { swings.removeFirst(swings.count - 16) }
    }
}
