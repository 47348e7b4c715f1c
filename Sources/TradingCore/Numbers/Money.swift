/// An exact signed amount of one currency, `raw × 10⁻¹⁸`.
///
/// Amounts of different currencies never mix: `+`, `-` and comparisons trap when the currencies differ.
public struct Money: Sendable, Hashable, CustomStringConvertible {
    /// The amount in units of 10⁻¹⁸.
    public let raw: Int128
    /// The currency the amount is in.
    public let currency: Currency

    @inlinable
    public init(raw: Int128, currency: Currency) {
        self.raw = raw
        self.currency = currency
    }

    /// Parses decimal text (`"-12.5"`) as an amount of `currency`; never through `Double`.
    /// - Throws: ``DecimalParseError`` for malformed text.
    public init(_ text: some StringProtocol, currency: Currency) throws(DecimalParseError) {
        raw = try FixedPoint.parse(text)
        self.currency = currency
    }

    /// Zero of `currency`.
    @inlinable
    public static func zero(_ currency: Currency) -> Money { Money(raw: 0, currency: currency) }

    @inlinable
    public var isZero: Bool { raw == 0 }
    @inlinable
    public var isNegative: Bool { raw < 0 }

    /// The nearest `Double`, correctly rounded. For analytics only.
    @inlinable
    public var doubleValue: Double { FixedPoint.toDouble(raw) }

    /// `"12.5 USDT"`.
    public var description: String { "\(FixedPoint.format(raw)) \(currency.code)" }

    /// The amount alone, as shortest exact decimal text.
    public var amountText: String { FixedPoint.format(raw) }

    /// The amount with exactly `decimals` places, rounded half to even.
    public func formatted(decimals: Int) -> String { FixedPoint.format(raw, decimals: decimals) }

    @inlinable
    public static func + (lhs: Money, rhs: Money) -> Money {
        precondition(lhs.currency == rhs.currency, "Invariant: money of different currencies does not add")
        return Money(raw: FixedPoint.add(lhs.raw, rhs.raw), currency: lhs.currency)
    }

    @inlinable
    public static func - (lhs: Money, rhs: Money) -> Money {
        precondition(lhs.currency == rhs.currency, "Invariant: money of different currencies does not subtract")
        return Money(raw: FixedPoint.subtract(lhs.raw, rhs.raw), currency: lhs.currency)
    }

    @inlinable
    public static prefix func - (value: Money) -> Money {
        Money(raw: FixedPoint.subtract(0, value.raw), currency: value.currency)
    }

    /// Compares two amounts of the same currency. Traps when the currencies differ.
    @inlinable
    public static func < (lhs: Money, rhs: Money) -> Bool {
        precondition(lhs.currency == rhs.currency, "Invariant: money of different currencies does not compare")
        return lhs.raw < rhs.raw
    }

    @inlinable
    public static func <= (lhs: Money, rhs: Money) -> Bool { !(rhs < lhs) }
    @inlinable
    public static func > (lhs: Money, rhs: Money) -> Bool { rhs < lhs }
    @inlinable
    public static func >= (lhs: Money, rhs: Money) -> Bool { !(lhs < rhs) }

    /// `self × ratio`, rounded once by `rounding` (fees, funding).
    @inlinable
    public func multiplied(by ratio: Ratio, rounding: RoundingRule) -> Money {
        Money(raw: FixedPoint.multiply(raw, ratio.raw, rounding: rounding), currency: currency)
    }

    /// `self / price` as a quantity, rounded once by `rounding`; `nil` if the price is not positive or the
    /// amount is negative.
    public func quantity(at price: Price, rounding: RoundingRule) -> Quantity? {
        guard price.raw > 0, raw >= 0 else { return nil }
        return Quantity(raw: FixedPoint.divide(raw, price.raw, rounding: rounding))
    }
}
