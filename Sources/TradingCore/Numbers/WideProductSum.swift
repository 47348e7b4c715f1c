/// An exact sum of products of non-negative raw values, kept at full 256-bit width, for volume-weighted
/// averages that round only once: `Σ(qᵢ × pᵢ) / Σ qᵢ` equals `p` exactly when all `pᵢ` are `p`.
public struct WideProductSum: Sendable, Hashable {
    private var high: UInt128 = 0
    private var low: UInt128 = 0

    public init() {}

    /// Adds `a × b` (both non-negative raw values) exactly.
    public mutating func add(_ a: Int128, times b: Int128) {
        precondition(a >= 0 && b >= 0, "Invariant: wide sums take non-negative factors")
        let product = WideArithmetic.multiply(a.magnitude, b.magnitude)
        let (sum, carry) = low.addingReportingOverflow(product.low)
        low = sum
        high = high + product.high + (carry ? 1 : 0)
    }

    public var isZero: Bool { high == 0 && low == 0 }

    /// `sum / divisor`, rounded once by `rounding`; `nil` if the divisor is not positive or the result
    /// does not fit.
    public func divided(by divisor: Int128, rounding: RoundingRule) -> Int128? {
        guard divisor > 0 else { return nil }
        let magnitude = divisor.magnitude
        guard high < magnitude else { return nil }
        let (quotient, remainder) = WideArithmetic.divide(high, low, by: magnitude)
        let rounded = FixedPoint.roundMagnitude(
            quotient,
            remainder: remainder,
            divisor: magnitude,
            negative: false,
            rounding: rounding
        )
        guard rounded <= FixedPoint.largestMagnitude else { return nil }
        return Int128(rounded)
    }
}
