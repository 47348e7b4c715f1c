/// An exact, never negative, decimal quantity, `raw × 10⁻¹⁸`, in base-asset units or contracts.
///
/// The instrument knows the lot step and minimum; ``Instrument`` validates and rounds quantities to its
/// grid. Subtraction that would go below zero traps: callers compare first.
public struct Quantity: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The value in units of 10⁻¹⁸, never negative.
    public let raw: Int128

    /// A quantity from raw units of 10⁻¹⁸. Traps if `raw` is negative.
    @inlinable
    public init(raw: Int128) {
        precondition(raw >= 0, "Invariant: a quantity is never negative")
        self.raw = raw
    }

    /// Parses decimal text (`"0.00150"`); never through `Double`.
    /// - Throws: ``DecimalParseError`` for malformed or negative text.
    @inlinable
    public init(_ text: some StringProtocol) throws(DecimalParseError) {
        let value = try FixedPoint.parse(text)
        guard value >= 0 else { throw .negative }
        raw = value
    }

    /// The quantity nearest to a non-negative `Double`, or `nil`. For analytics results only.
    public init?(approximating value: Double) {
        guard value >= 0, let raw = FixedPoint.fromDouble(value) else { return nil }
        self.raw = raw
    }

    public static let zero = Quantity(raw: 0)

    @inlinable
    public var isZero: Bool { raw == 0 }

    /// The nearest `Double`, correctly rounded. For analytics only.
    @inlinable
    public var doubleValue: Double { FixedPoint.toDouble(raw) }

    public var description: String { FixedPoint.format(raw) }

    /// Decimal text with exactly `decimals` places, rounded half to even.
    public func formatted(decimals: Int) -> String { FixedPoint.format(raw, decimals: decimals) }

    @inlinable
    public static func < (lhs: Quantity, rhs: Quantity) -> Bool { lhs.raw < rhs.raw }

    @inlinable
    public static func + (lhs: Quantity, rhs: Quantity) -> Quantity {
        Quantity(raw: FixedPoint.add(lhs.raw, rhs.raw))
    }

    /// Exact difference. Traps if `rhs > lhs`.
    @inlinable
    public static func - (lhs: Quantity, rhs: Quantity) -> Quantity {
        Quantity(raw: FixedPoint.subtract(lhs.raw, rhs.raw))
    }

    /// `quantity × price` as an amount of `currency`, rounded once by `rounding`.
    @inlinable
    public func notional(at price: Price, currency: Currency, rounding: RoundingRule) -> Money {
        Money(raw: FixedPoint.multiply(raw, price.raw, rounding: rounding), currency: currency)
    }

    /// `self × ratio`, rounded once by `rounding`. Traps if the result would be negative.
    public func multiplied(by ratio: Ratio, rounding: RoundingRule) -> Quantity {
        Quantity(raw: FixedPoint.multiply(raw, ratio.raw, rounding: rounding))
    }

    /// The smaller of two quantities.
    @inlinable
    public static func minimum(_ a: Quantity, _ b: Quantity) -> Quantity { a.raw <= b.raw ? a : b }
}
