/// Wilder's parabolic stop-and-reverse, as TA-Lib's `SAR`.
///
/// The first direction comes from the first two bars (short when the low fell by more than the high
/// rose, as TA-Lib's −DM); the first value is at the second bar. The acceleration factor starts at
/// `acceleration`, grows by it at each new extreme up to `maximum`, and resets on a reversal; the SAR never
/// enters the last two bars' range. O(1).
public struct ParabolicSAR: Sendable, Hashable {
    public let acceleration: Double
    public let maximum: Double
    private var bars = 0
    private var isLong = true
    private var factor: Double
    private var extreme = 0.0
    private var sar = 0.0
    private var newHigh = 0.0
    private var newLow = 0.0
    public private(set) var value: Double?

    public init(acceleration: Double = 0.02, maximum: Double = 0.2) {
        precondition(acceleration > 0 && maximum >= acceleration, "Invariant: 0 < acceleration ≤ maximum")
        self.acceleration = acceleration
        self.maximum = maximum
        factor = acceleration
    }

    /// Adds one bar and returns the SAR for it (`nil` for the first bar).
    @discardableResult
    public mutating func update(high: Double, low: Double) -> Double? {
        bars += 1
        if bars == 1 {
            // The first bar only seeds the direction test.
            newHigh = high
            newLow = low
            return nil
        }
        if bars == 2 {
            let up = high - newHigh
            let down = newLow - low
            isLong = !(down > 0 && up < down)
            extreme = isLong ? high : low
            sar = isLong ? newLow : newHigh
            newLow = low
            newHigh = high
        }
        return step(high: high, low: low)
    }

    private mutating func step(high: Double, low: Double) -> Double {
        let previousLow = newLow
        let previousHigh = newHigh
        newLow = low
        newHigh = high
        let output: Double
        if isLong {
            if newLow <= sar {
                isLong = false
                sar = max(extreme, previousHigh, newHigh)
                output = sar
                factor = acceleration
                extreme = newLow
                sar = max(sar + factor * (extreme - sar), previousHigh, newHigh)
            } else {
                output = sar
                if newHigh > extreme {
                    extreme = newHigh
                    factor = min(factor + acceleration, maximum)
                }
                sar = min(sar + factor * (extreme - sar), previousLow, newLow)
            }
        } else {
            if newHigh >= sar {
                isLong = true
                sar = min(extreme, previousLow, newLow)
                output = sar
                factor = acceleration
                extreme = newHigh
                sar = min(sar + factor * (extreme - sar), previousLow, newLow)
            } else {
                output = sar
                if newLow < extreme {
                    extreme = newLow
                    factor = min(factor + acceleration, maximum)
                }
                sar = max(sar + factor * (extreme - sar), previousHigh, newHigh)
            }
        }
        value = output
        return output
    }
}
