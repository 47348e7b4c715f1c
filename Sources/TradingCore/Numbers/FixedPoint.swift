/// Exact decimal arithmetic on `Int128` values scaled by 10¹⁸.
///
/// Every money-like type in TradingCore (``Price``, ``Quantity``, ``Money``, ``Ratio``) stores its value as
/// `raw × 10⁻¹⁸`. This namespace holds the operations they share. All results are exact or rounded once, by
/// an explicit ``RoundingRule``, and every operation traps on overflow rather than wrapping.
///
/// | operation | result | rounding |
/// | --- | --- | --- |
/// | `a + b`, `a - b` | exact | none (traps on overflow) |
/// | ``multiply(_:_:rounding:)`` | `a × b / 10¹⁸` | once, by the given rule |
/// | ``divide(_:_:rounding:)`` | `a × 10¹⁸ / b` | once, by the given rule |
/// | ``multiplyDivide(_:_:_:rounding:)`` | `a × b / c` | once, by the given rule |
/// | ``round(_:toMultipleOf:rounding:)`` | nearest multiple of `step` | once, by the given rule |
public enum FixedPoint {
    /// The number of decimal digits after the point that the raw representation holds.
    public static let decimals = 18
    /// 10¹⁸, the value of `1` in raw units.
    public static let scale: Int128 = 1_000_000_000_000_000_000

    /// 10¹⁸ and `Int128.max` as unsigned values, written as literals so they cost nothing at run time.
    @usableFromInline static let unsignedScale: UInt128 = 1_000_000_000_000_000_000
    @usableFromInline static let largestMagnitude: UInt128 = 0x7FFF_FFFF_FFFF_FFFF_FFFF_FFFF_FFFF_FFFF

    /// `10ⁿ` for `n` in `0...38`.
    @inlinable
    public static func powerOfTen(_ n: Int) -> Int128 {
        precondition(n >= 0 && n <= 38, "Invariant: powers of ten fit Int128 up to 10^38")
        return powersOfTen[n]
    }

    @usableFromInline
    static let powersOfTen: [Int128] = {
        var table: [Int128] = [1]
        for _ in 1...38 { table.append(table[table.count - 1] * 10) }
        return table
    }()

    /// Whether `a × b / 10¹⁸` fits in `Int128` (what ``multiply(_:_:rounding:)`` needs to not trap): for a
    /// value computed from outside input, such as the notional of a fill at a data price.
    @inlinable
    public static func productFits(_ a: Int128, _ b: Int128) -> Bool {
        WideArithmetic.multiply(a.magnitude, b.magnitude).high < unsignedScale / 2
    }

    /// `a × b / 10¹⁸`, rounded once. Traps if the result does not fit.
    @inlinable
    public static func multiply(_ a: Int128, _ b: Int128, rounding: RoundingRule) -> Int128 {
        let negative = (a < 0) != (b < 0) && a != 0 && b != 0
        var small = a.magnitude
        var large = b.magnitude
        if small > large { swap(&small, &large) }
        let high: UInt128
        let low: UInt128
        if small &>> 64 == 0 {
            // The usual case (a quantity or rate times a price or amount): 64 × 128 bits, two products.
            let s0 = UInt128(UInt64(truncatingIfNeeded: small))
            let p0 = s0 &* UInt128(UInt64(truncatingIfNeeded: large))
            let p1 = s0 &* UInt128(UInt64(truncatingIfNeeded: large &>> 64)) &+ (p0 &>> 64)
            low = (p1 &<< 64) | (p0 & UInt128(UInt64.max))
            high = p1 &>> 64
        } else {
            (high, low) = WideArithmetic.multiply(small, large)
        }
        precondition(high < unsignedScale, "Invariant: fixed-point result overflows Int128")
        let (quotient, remainder) = WideArithmetic.divideByScale(high, low)
        let rounded = roundScaled(quotient, remainder: remainder, negative: negative, rounding: rounding)
        return signed(rounded, negative: negative)
    }

    /// ``roundMagnitude(_:remainder:divisor:negative:rounding:)`` for the divisor 10¹⁸, whose remainder fits
    /// 64 bits.
    @inlinable @inline(__always)
    static func roundScaled(_ quotient: UInt128, remainder: UInt64, negative: Bool, rounding: RoundingRule) -> UInt128 {
        if remainder == 0 { return quotient }
        let other: UInt64 = 1_000_000_000_000_000_000 - remainder
        let roundUp: Bool
        switch rounding {
        case .towardZero: roundUp = false
        case .awayFromZero: roundUp = true
        case .up: roundUp = !negative
        case .down: roundUp = negative
        case .toNearestOrAwayFromZero: roundUp = remainder >= other
        case .toNearestOrEven: roundUp = remainder > other || (remainder == other && quotient & 1 == 1)
        }
        return roundUp ? quotient &+ 1 : quotient
    }

    /// `a × 10¹⁸ / b`, rounded once. Traps if `b` is zero or the result does not fit.
    @inlinable
    public static func divide(_ a: Int128, _ b: Int128, rounding: RoundingRule) -> Int128 {
        multiplyDivide(a, scale, b, rounding: rounding)
    }

    /// `a × b / c` computed with a 256-bit intermediate and rounded once. Traps if `c` is zero or the
    /// result does not fit in `Int128`.
    @inlinable
    public static func multiplyDivide(
        _ a: Int128,
        _ b: Int128,
        _ c: Int128,
        rounding: RoundingRule
    ) -> Int128 {
        precondition(c != 0, "Invariant: fixed-point division by zero")
        let negative = (a < 0) != (b < 0) && a != 0 && b != 0
        let resultNegative = negative != (c < 0)
        let product = WideArithmetic.multiply(a.magnitude, b.magnitude)
        let divisor = c.magnitude
        precondition(product.high < divisor, "Invariant: fixed-point result overflows Int128")
        let (quotient, remainder) = WideArithmetic.divide(product.high, product.low, by: divisor)
        let rounded = roundMagnitude(
            quotient,
            remainder: remainder,
            divisor: divisor,
            negative: resultNegative,
            rounding: rounding
        )
        return signed(rounded, negative: resultNegative)
    }

    /// Rounds `raw` to a multiple of `step` (a positive raw value), once, by the given rule.
    @inlinable
    public static func round(
        _ raw: Int128,
        toMultipleOf step: Int128,
        rounding: RoundingRule
    )
        -> Int128
    {
        precondition(step > 0, "Invariant: a rounding step is positive")
        let negative = raw < 0
        let (quotient, remainder) = WideArithmetic.quotientAndRemainder(raw.magnitude, step.magnitude)
        let rounded = roundMagnitude(
            quotient,
            remainder: remainder,
            divisor: step.magnitude,
            negative: negative,
            rounding: rounding
        )
        let (product, overflow) = rounded.multipliedReportingOverflow(by: step.magnitude)
        precondition(!overflow, "Invariant: rounded value fits Int128")
        return signed(product, negative: negative)
    }

    /// Adds one unit to a truncated magnitude when the rule and the remainder call for it.
    @inlinable
    static func roundMagnitude(
        _ quotient: UInt128,
        remainder: UInt128,
        divisor: UInt128,
        negative: Bool,
        rounding: RoundingRule
    ) -> UInt128 {
        if remainder == 0 { return quotient }
        let roundUp: Bool
        switch rounding {
        case .towardZero:
            roundUp = false
        case .awayFromZero:
            roundUp = true
        case .up:
            roundUp = !negative
        case .down:
            roundUp = negative
        case .toNearestOrAwayFromZero:
            roundUp = remainder >= divisor - remainder
        case .toNearestOrEven:
            let other = divisor - remainder
            roundUp = remainder > other || (remainder == other && quotient & 1 == 1)
        }
        return roundUp ? quotient + 1 : quotient
    }

    @inlinable
    static func signed(_ magnitude: UInt128, negative: Bool) -> Int128 {
        precondition(magnitude <= largestMagnitude, "Invariant: fixed-point result overflows Int128")
        let value = Int128(bitPattern: magnitude)
        return negative ? 0 &- value : value
    }

    /// `a + b`, trapping on overflow with a clear message.
    @inlinable
    public static func add(_ a: Int128, _ b: Int128) -> Int128 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        precondition(!overflow, "Invariant: fixed-point addition overflows Int128")
        return sum
    }

    /// `a - b`, trapping on overflow with a clear message.
    @inlinable
    public static func subtract(_ a: Int128, _ b: Int128) -> Int128 {
        let (difference, overflow) = a.subtractingReportingOverflow(b)
        precondition(!overflow, "Invariant: fixed-point subtraction overflows Int128")
        return difference
    }
}
