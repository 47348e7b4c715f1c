/// Wilder's directional movement system, as TA-Lib's `ADX`, `PLUS_DI` and `MINUS_DI` (unstable period 0).
///
/// +DM and −DM (only the larger counts, and only when positive) and the true range are summed over the
/// first `period − 1` changes, then smoothed as `s = s − s / period + x`. `±DI = 100 ± DM / TR` (0 when TR
/// is 0), first at the `period + 1`-th bar. `DX = 100 |+DI − −DI| / (+DI + −DI)`; ADX is the mean of the first
/// `period` DX values, first at the `2 period`-th bar, then `(ADX (period − 1) + DX) / period`. O(1).
public struct AverageDirectionalIndex: Sendable, Hashable {
    public struct Output: Sendable, Hashable {
        /// `nil` before the `2 period`-th bar.
        public let adx: Double?
        public let plusDI: Double
        public let minusDI: Double
    }

    public let period: Int
    private var previousHigh = 0.0
    private var previousLow = 0.0
    private var previousClose = 0.0
    private var bars = 0
    private var plusDM = 0.0
    private var minusDM = 0.0
    private var trueRange = 0.0
    private var dxSum = 0.0
    private var adx: Double?
    public private(set) var value: Output?

    public init(period: Int) {
        precondition(period >= 2, "Invariant: an ADX period is at least 2")
        self.period = period
    }

    /// Adds one bar and returns the DIs and ADX (`nil` for the first `period` bars).
    @discardableResult
    public mutating func update(high: Double, low: Double, close: Double) -> Output? {
        bars += 1
        defer {
            previousHigh = high
            previousLow = low
            previousClose = close
        }
        guard bars > 1 else { return nil }
        let up = high - previousHigh
        let down = previousLow - low
        let range = max(high - low, abs(high - previousClose), abs(low - previousClose))
        let p = Double(period)
        let changes = bars - 1
        if changes < period {
            // The first period − 1 changes are summed.
            if down > 0 && up < down {
                minusDM += down
            } else if up > 0 && up > down {
                plusDM += up
            }
            trueRange += range
            return nil
        }
        minusDM -= minusDM / p
        plusDM -= plusDM / p
        if down > 0 && up < down {
            minusDM += down
        } else if up > 0 && up > down {
            plusDM += up
        }
        trueRange = trueRange - trueRange / p + range
        var plus = 0.0
        var minus = 0.0
        var dx: Double?
        if !Self.isZero(trueRange) {
            minus = 100 * (minusDM / trueRange)
            plus = 100 * (plusDM / trueRange)
            let total = minus + plus
            if !Self.isZero(total) { dx = 100 * (abs(minus - plus) / total) }
        }
        if changes < 2 * period - 1 {
            dxSum += dx ?? 0
        } else if changes == 2 * period - 1 {
            // The first ADX is the mean of the first `period` DX values.
            dxSum += dx ?? 0
            adx = dxSum / p
        } else if let dx, let previous = adx {
            adx = (previous * (p - 1) + dx) / p
        }
        let output = Output(adx: adx, plusDI: plus, minusDI: minus)
        value = output
        return output
    }

    /// TA-Lib's `TA_IS_ZERO`.
    private static func isZero(_ value: Double) -> Bool { value > -0.00000001 && value < 0.00000001 }
}
