extension FixedPoint {
    /// The shortest exact decimal text of `raw × 10⁻¹⁸`: no exponent, no trailing zeros after the point,
    /// `"0"` for zero. `parse(format(x)) == x` for every raw value.
    public static func format(_ raw: Int128) -> String {
        formatFixed(raw, decimals: decimals, trimTrailingZeros: true)
    }

    /// The value with exactly `decimals` digits after the point, rounded half to even when digits are
    /// dropped (`format(raw of 1.25, decimals: 1) == "1.2"`). Zero is never negative.
    public static func format(_ raw: Int128, decimals places: Int) -> String {
        precondition(places >= 0 && places <= decimals, "Invariant: 0...18 decimal places")
        let step = powerOfTen(decimals - places)
        let rounded = round(raw, toMultipleOf: step, rounding: .toNearestOrEven)
        return formatFixed(rounded / step, decimals: places, trimTrailingZeros: false)
    }

    /// Formats an integer count of 10^-`places` units with `places` digits after the point, writing the
    /// digits once into the string's own buffer.
    static func formatFixed(_ units: Int128, decimals places: Int, trimTrailingZeros: Bool) -> String {
        let negative = units < 0
        var magnitude = units.magnitude
        // 39 digits at most, a point, a sign and a leading zero.
        return String(unsafeUninitializedCapacity: 48) { buffer in
            var digits: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)
            let count = withUnsafeMutableBytes(of: &digits) { scratch -> Int in
                // Least significant digit first, in chunks of 19 digits to use 64-bit division.
                var written = 0
                repeat {
                    let (quotient, remainder) = magnitude.quotientAndRemainder(dividingBy: 10_000_000_000_000_000_000)
                    var chunk = UInt64(truncatingIfNeeded: remainder)
                    magnitude = quotient
                    for _ in 0..<19 {
                        scratch[written] = UInt8(truncatingIfNeeded: chunk % 10) &+ 0x30
                        chunk /= 10
                        written += 1
                        if chunk == 0 && magnitude == 0 { break }
                    }
                } while magnitude != 0
                while written <= places {
                    scratch[written] = 0x30
                    written += 1
                }
                return written
            }
            var fractionEnd = 0
            if trimTrailingZeros {
                while fractionEnd < places && withUnsafeBytes(of: digits, { $0[fractionEnd] }) == 0x30 {
                    fractionEnd += 1
                }
            }
            let isZero = withUnsafeBytes(of: digits) { bytes in (0..<count).allSatisfy { bytes[$0] == 0x30 } }
            var length = 0
            if negative && !isZero {
                buffer[0] = UInt8(ascii: "-")
                length = 1
            }
            withUnsafeBytes(of: digits) { bytes in
                var position = count - 1
                while position >= places {
                    buffer[length] = bytes[position]
                    length += 1
                    position -= 1
                }
                if position >= fractionEnd {
                    buffer[length] = UInt8(ascii: ".")
                    length += 1
                    while position >= fractionEnd {
                        buffer[length] = bytes[position]
                        length += 1
                        position -= 1
                    }
                }
            }
            return length
        }
    }
}
