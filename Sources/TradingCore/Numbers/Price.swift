/// An exact decimal price, `raw × 10⁻¹⁸`, in the quote currency of its instrument.
///
/// The instrument, not the price, knows the tick size and display precision: ``Instrument`` validates and
/// rounds prices to its grid. Prices may be negative (price differences, spreads); two prices are equal
/// when their values are equal.
///
/// | operation | result |
/// | --- | --- |
/// | `+`, `-` | exact, traps on overflow |
/// | ``multiplied(by:rounding:)`` | `price × ratio`, rounded once |
/// | ``doubleValue`` | nearest `Double` (as `strtod` would read the decimal text) |
public struct Price: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The value in units of 10⁻¹⁸.
    public let raw: Int128

    /// A price from raw units of 10⁻¹⁸ (arithmetic results, fixtures).
    @inlinable
    public init(raw: Int128) { self.raw = raw }

    /// Parses decimal text (`"65432.10"`) digit by digit; never through `Double`.
    /// - Throws: ``DecimalParseError`` for malformed text, more than 18 decimals or out-of-range values.
    @inlinable
    public init(_ text: some StringProtocol) throws(DecimalParseError) {
        raw = try FixedPoint.parse(text)
    }

    /// The price nearest to a `Double` (through its shortest decimal text), or `nil` for NaN, infinities
    /// and values out of range. For analytics results only; round the result to the instrument's grid.
    public init?(approximating value: Double) {
        guard let raw = FixedPoint.fromDouble(value) else { return nil }
        self.raw = raw
    }

    public static let zero = Price(raw: 0)

    /// The nearest `Double`, correctly rounded. For analytics (indicators, charts), never for the ledger.
    @inlinable
    public var doubleValue: Double { FixedPoint.toDouble(raw) }

    /// Shortest exact decimal text, e.g. `"65432.1"`.
    public var description: String { FixedPoint.format(raw) }

    /// Decimal text with exactly `decimals` places, rounded half to even.
    public func formatted(decimals: Int) -> String { FixedPoint.format(raw, decimals: decimals) }

    @inlinable
    public static func < (lhs: Price, rhs: Price) -> Bool { lhs.raw < rhs.raw }

    @inlinable
    public static func + (lhs: Price, rhs: Price) -> Price { Price(raw: FixedPoint.add(lhs.raw, rhs.raw)) }

    @inlinable
    public static func - (lhs: Price, rhs: Price) -> Price { Price(raw: FixedPoint.subtract(lhs.raw, rhs.raw)) }

    /// `self × ratio`, rounded once by `rounding`.
    @inlinable
    public func multiplied(by ratio: Ratio, rounding: RoundingRule) -> Price {
        Price(raw: FixedPoint.multiply(raw, ratio.raw, rounding: rounding))
    }

    /// `self / divisor` for an integer divisor, rounded once by `rounding` (midpoints, averages).
    public func divided(by divisor: Int, rounding: RoundingRule) -> Price {
        Price(raw: FixedPoint.multiplyDivide(raw, 1, Int128(divisor), rounding: rounding))
    }
}
