/// An exact signed dimensionless decimal, `raw × 10⁻¹⁸`: fee rates, funding rates, leverage, slippage.
///
/// `Ratio("0.001")` is 0.1 %; ``basisPoints(_:)`` builds one from basis points (1 bp = 0.0001).
public struct Ratio: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The value in units of 10⁻¹⁸.
    public let raw: Int128

    @inlinable
    public init(raw: Int128) { self.raw = raw }

    /// Parses decimal text (`"0.0001"`, `"-2.5e-4"`); never through `Double`.
    /// - Throws: ``DecimalParseError`` for malformed text.
    @inlinable
    public init(_ text: some StringProtocol) throws(DecimalParseError) {
        raw = try FixedPoint.parse(text)
    }

    /// A whole number as a ratio (leverage `10`).
    @inlinable
    public init(_ integer: Int) {
        raw = FixedPoint.multiplyDivide(Int128(integer), FixedPoint.scale, 1, rounding: .towardZero)
    }

    public static let zero = Ratio(raw: 0)
    public static let one = Ratio(raw: FixedPoint.scale)

    /// `bps / 10 000`, exact: `basisPoints(10) == Ratio("0.001")`.
    public static func basisPoints(_ bps: Ratio) -> Ratio {
        Ratio(raw: FixedPoint.multiplyDivide(bps.raw, 1, 10_000, rounding: .toNearestOrEven))
    }

    /// The ratio expressed in basis points.
    public var basisPoints: Ratio { Ratio(raw: FixedPoint.multiplyDivide(raw, 10_000, 1, rounding: .towardZero)) }

    /// The nearest `Double`, correctly rounded.
    @inlinable
    public var doubleValue: Double { FixedPoint.toDouble(raw) }

    public var description: String { FixedPoint.format(raw) }

    @inlinable
    public static func < (lhs: Ratio, rhs: Ratio) -> Bool { lhs.raw < rhs.raw }
    @inlinable
    public static func + (lhs: Ratio, rhs: Ratio) -> Ratio { Ratio(raw: FixedPoint.add(lhs.raw, rhs.raw)) }
    @inlinable
    public static func - (lhs: Ratio, rhs: Ratio) -> Ratio { Ratio(raw: FixedPoint.subtract(lhs.raw, rhs.raw)) }

    /// `self × other`, rounded once by `rounding`.
    public func multiplied(by other: Ratio, rounding: RoundingRule) -> Ratio {
        Ratio(raw: FixedPoint.multiply(raw, other.raw, rounding: rounding))
    }

    /// `self / other`, rounded once by `rounding`. Traps if `other` is zero.
    public func divided(by other: Ratio, rounding: RoundingRule) -> Ratio {
        Ratio(raw: FixedPoint.divide(raw, other.raw, rounding: rounding))
    }
}
