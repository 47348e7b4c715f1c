extension FixedPoint {
    /// The `Double` nearest to `raw × 10⁻¹⁸` (correctly rounded, ties to even), the same value that
    /// `Double(String)` or C's `strtod` gives for the decimal text.
    ///
    /// Values with at most 18 significant digits after removing trailing zeros take a fast path: an exact
    /// integer divided by an exact power of ten is rounded once by the hardware (Clinger's fast path).
    /// Other values go through exact decimal text.
    @inlinable
    public static func toDouble(_ raw: Int128) -> Double {
        if raw == 0 { return 0 }
        let negative = raw < 0
        let magnitude = raw.magnitude
        // Most market prices have at most 8 decimals, so raw = m × 10¹⁰ with m < 2⁵³. Exact division by
        // 10¹⁰ = 2¹⁰ × 5¹⁰ without a divide: shift out the 2¹⁰, then multiply by the inverse of 5¹⁰ modulo
        // 2¹²⁸. The product is below 2⁵³ exactly when the division is exact and m is small.
        if magnitude & 0x3FF == 0 {
            let m = (magnitude >> 10) &* inverseOfFivePowerTen
            if m < (1 << 53) {
                let value = Double(UInt64(truncatingIfNeeded: m)) / 1e8
                return negative ? -value : value
            }
        }
        let value = toDoubleSlow(magnitude)
        return negative ? -value : value
    }

    /// `(5¹⁰)⁻¹ mod 2¹²⁸`.
    @usableFromInline
    static let inverseOfFivePowerTen: UInt128 = 0x516a_b2a4_a325_1819_4fa7_f60d_3ed6_1f49

    /// `raw × 10⁻¹⁸` as a `Double` within a few units in the last place, without division: for analytics
    /// mirrors of the ledger (equity estimates), never for values that must equal a parser's result.
    @inlinable
    public static func toDoubleApproximately(_ raw: Int128) -> Double {
        let high = Int64(truncatingIfNeeded: raw >> 64)
        let low = UInt64(truncatingIfNeeded: raw)
        return (Double(high) * 18_446_744_073_709_551_616.0 + Double(low)) * 1e-18
    }

    @usableFromInline
    static func toDoubleSlow(_ magnitude: UInt128) -> Double {
        var mantissa = magnitude
        var exponent = decimals
        while exponent > 0 {
            let (q, r) = mantissa.quotientAndRemainder(dividingBy: 10)
            if r != 0 { break }
            mantissa = q
            exponent -= 1
        }
        if mantissa < (1 << 53) {
            // Both operands are exact doubles, so the division rounds once.
            return Double(UInt64(truncatingIfNeeded: mantissa)) / exactPowerOfTen(exponent)
        }
        // Exact decimal text, parsed by the correctly rounded standard-library parser.
        let text = format(Int128(magnitude))
        guard let parsed = Double(text) else {
            preconditionFailure("Invariant: formatted fixed-point text is a valid Double literal")
        }
        return parsed
    }

    /// 10ⁿ as a Double, exact for n ≤ 22.
    @usableFromInline
    static func exactPowerOfTen(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<n { result *= 10 }
        return result
    }

    /// The raw value nearest to `value`, through its shortest round-trip decimal text, then rounded to
    /// 18 decimals half to even. Returns `nil` for NaN, infinities and values out of range.
    ///
    /// This is for values that come from analytics (an indicator level used as a limit price); the
    /// caller then rounds to the instrument's grid.
    public static func fromDouble(_ value: Double) -> Int128? {
        guard value.isFinite, abs(value) < 1.0e20 else { return nil }
        if value == 0 { return 0 }
        // `description` is the shortest text that round-trips; it may use an exponent.
        let text = value.description
        if let raw = try? parse(text) { return raw }
        // More than 18 decimals: round through a scaled integer.
        let scaled = (value * 1e18).rounded(.toNearestOrEven)
        guard abs(scaled) < 1.7e38 else { return nil }
        return Int128(scaled)
    }
}
