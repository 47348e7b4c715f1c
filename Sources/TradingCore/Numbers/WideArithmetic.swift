/// Unsigned 256-bit products and quotients in 64-bit limbs, for ``FixedPoint``.
///
/// The standard library's generic `multipliedFullWidth` and `dividingFullWidth` on `UInt128` are exact but
/// slow; every ledger operation goes through these, so they are written out with the hardware 64×64→128
/// multiply and 128/64 divide. The tests check them against the standard library on random operands.
public enum WideArithmetic {
    /// `a × b` as a 256-bit value.
    @inlinable @inline(__always)
    public static func multiply(_ a: UInt128, _ b: UInt128) -> (high: UInt128, low: UInt128) {
        let a0 = UInt64(truncatingIfNeeded: a)
        let a1 = UInt64(truncatingIfNeeded: a &>> 64)
        let b0 = UInt64(truncatingIfNeeded: b)
        let b1 = UInt64(truncatingIfNeeded: b &>> 64)
        let p00 = UInt128(a0) &* UInt128(b0)
        if a1 == 0 && b1 == 0 { return (0, p00) }
        let p01 = UInt128(a0) &* UInt128(b1)
        let p10 = UInt128(a1) &* UInt128(b0)
        let p11 = UInt128(a1) &* UInt128(b1)
        // Limb 1 collects three 64-bit parts; limb 2 three more plus the carry.
        let middle = (p00 &>> 64) &+ (p01 & UInt128(UInt64.max)) &+ (p10 & UInt128(UInt64.max))
        let upper = (p01 &>> 64) &+ (p10 &>> 64) &+ (p11 & UInt128(UInt64.max)) &+ (middle &>> 64)
        let low = (middle &<< 64) | (p00 & UInt128(UInt64.max))
        let high = ((p11 &>> 64) &+ (upper &>> 64)) &<< 64 | (upper & UInt128(UInt64.max))
        return (high, low)
    }

    /// `(high, low) / divisor` and the remainder, for a quotient that fits 128 bits (`high < divisor`).
    @inlinable
    public static func divide(
        _ high: UInt128,
        _ low: UInt128,
        by divisor: UInt128
    ) -> (quotient: UInt128, remainder: UInt128) {
        precondition(divisor != 0 && high < divisor, "Invariant: wide quotient fits 128 bits")
        if divisor &>> 64 == 0 {
            let d = UInt64(truncatingIfNeeded: divisor)
            if high == 0 && low &>> 64 == 0 {
                let (q, r) = UInt64(truncatingIfNeeded: low).quotientAndRemainder(dividingBy: d)
                return (UInt128(q), UInt128(r))
            }
            // high < d < 2⁶⁴, so the top two limbs are (0, high) and the first quotient limb comes from
            // (high, limb 1).
            var top = UInt64(truncatingIfNeeded: high)
            var q1: UInt64 = 0
            let l1 = UInt64(truncatingIfNeeded: low &>> 64)
            if top == 0 {
                (q1, top) = l1.quotientAndRemainder(dividingBy: d)
            } else {
                (q1, top) = d.dividingFullWidth((high: top, low: l1))
            }
            let (q0, r0) = d.dividingFullWidth((high: top, low: UInt64(truncatingIfNeeded: low)))
            return (UInt128(q1) &<< 64 | UInt128(q0), UInt128(r0))
        }
        return divideByWide(high, low, by: divisor)
    }

    /// Knuth's algorithm D in base 2⁶⁴ for a two-limb divisor: normalise, then two quotient limbs, each
    /// estimated from the top limbs with the hardware divide and corrected at most twice.
    @usableFromInline
    static func divideByWide(
        _ high: UInt128,
        _ low: UInt128,
        by divisor: UInt128
    ) -> (quotient: UInt128, remainder: UInt128) {
        let shift = divisor.leadingZeroBitCount  // 0...63: the divisor's top limb is non-zero.
        let d = divisor &<< shift
        let nHigh = shift == 0 ? high : (high &<< shift) | (low &>> (128 - shift))
        let nLow = low &<< shift
        let (q1, r1) = divideThreeByTwo(nHigh, UInt64(truncatingIfNeeded: nLow &>> 64), by: d)
        let (q0, r0) = divideThreeByTwo(r1, UInt64(truncatingIfNeeded: nLow), by: d)
        return (UInt128(q1) &<< 64 | UInt128(q0), r0 &>> shift)
    }

    /// `(upper, next) / d` for a normalised `d` (top bit set) and `upper < d`: one 64-bit quotient limb and
    /// the remainder.
    @inlinable
    static func divideThreeByTwo(_ upper: UInt128, _ next: UInt64, by d: UInt128) -> (UInt64, UInt128) {
        let d1 = UInt64(truncatingIfNeeded: d &>> 64)
        let d0 = UInt64(truncatingIfNeeded: d)
        let u2 = UInt64(truncatingIfNeeded: upper &>> 64)
        let u1 = UInt64(truncatingIfNeeded: upper)
        var estimate: UInt64
        if u2 >= d1 {
            estimate = .max
        } else {
            estimate = d1.dividingFullWidth((high: u2, low: u1)).quotient
        }
        // The 192-bit product estimate × d as (top limb, lower 128 bits), against (u2, u1, next).
        let lowProduct = UInt128(estimate) &* UInt128(d0)
        let highProduct = UInt128(estimate) &* UInt128(d1) &+ (lowProduct &>> 64)
        var productTop = UInt64(truncatingIfNeeded: highProduct &>> 64)
        var productRest = (highProduct &<< 64) | (lowProduct & UInt128(UInt64.max))
        let rest = (UInt128(u1) &<< 64) | UInt128(next)
        // With a normalised divisor the estimate is at most two too large.
        while productTop > u2 || (productTop == u2 && productRest > rest) {
            estimate &-= 1
            let (difference, borrow) = productRest.subtractingReportingOverflow(d)
            productRest = difference
            if borrow { productTop &-= 1 }
        }
        // The remainder is below d, so it fits 128 bits.
        return (estimate, rest &- productRest)
    }

    /// `(high, low) / 10¹⁸` and the remainder, for a quotient that fits 128 bits (`high < 10¹⁸`): the
    /// fixed-point scale. Divides by multiplying with a precomputed reciprocal of the normalised divisor
    /// (Möller and Granlund, "Improved division by invariant integers", 2011), two limbs at a time, instead
    /// of the hardware divide.
    @inlinable @inline(__always)
    public static func divideByScale(_ high: UInt128, _ low: UInt128) -> (quotient: UInt128, remainder: UInt64) {
        precondition(high < 1_000_000_000_000_000_000, "Invariant: wide quotient fits 128 bits")
        // Normalise: 10¹⁸ << 4 has its top bit set; shift the numerator by the same 4 bits.
        let l0 = UInt64(truncatingIfNeeded: low)
        let l1 = UInt64(truncatingIfNeeded: low &>> 64)
        let h0 = UInt64(truncatingIfNeeded: high)
        let u2 = h0 &<< 4 | l1 &>> 60
        let u1 = l1 &<< 4 | l0 &>> 60
        let u0 = l0 &<< 4
        let (q1, r1) = divideByNormalisedScale(u2, u1)
        let (q0, r0) = divideByNormalisedScale(r1, u0)
        return (UInt128(q1) &<< 64 | UInt128(q0), r0 &>> 4)
    }

    /// `(u1, u0) / (10¹⁸ << 4)` for `u1` below the divisor, by the precomputed reciprocal.
    @inlinable @inline(__always)
    static func divideByNormalisedScale(_ u1: UInt64, _ u0: UInt64) -> (UInt64, UInt64) {
        let d: UInt64 = 0xDE0B_6B3A_7640_0000  // 10¹⁸ << 4
        let v: UInt64 = 0x2725_DD1D_243A_BA0E  // ⌊(2¹²⁸ − 1) / d⌋ − 2⁶⁴
        let product = UInt128(v) &* UInt128(u1) &+ (UInt128(u1 &+ 1) &<< 64 | UInt128(u0))
        var q = UInt64(truncatingIfNeeded: product &>> 64)
        var r = u0 &- q &* d
        if r > UInt64(truncatingIfNeeded: product) {
            q &-= 1
            r &+= d
        }
        if r >= d {
            q &+= 1
            r &-= d
        }
        return (q, r)
    }

    /// `a / b` and the remainder for 128-bit operands, with the hardware divide where they fit 64 bits.
    @inlinable
    public static func quotientAndRemainder(_ a: UInt128, _ b: UInt128) -> (quotient: UInt128, remainder: UInt128) {
        if b > a { return (0, a) }
        return divide(0, a, by: b)
    }
}
