extension FixedPoint {
    /// The shortest exact decimal text of `raw × 10⁻¹⁸`: no exponent, no trailing zeros after the point,
    /// `"0"` for zero. `parse(format(x)) == x` for every raw value.
    public static func format(_ raw: Int128) -> String {
        var digits = formatFixed(raw, decimals: decimals)
        if digits.contains(".") {
            while digits.last == "0" { digits.removeLast() }
            if digits.last == "." { digits.removeLast() }
        }
        return digits
    }

    /// The value with exactly `decimals` digits after the point, rounded half to even when digits are
    /// dropped (`formatFixed(raw of 1.25, decimals: 1) == "1.2"`).
    public static func format(_ raw: Int128, decimals places: Int) -> String {
        precondition(places >= 0 && places <= decimals, "Invariant: 0...18 decimal places")
        let step = powerOfTen(decimals - places)
        let rounded = round(raw, toMultipleOf: step, rounding: .toNearestOrEven)
        return formatFixed(rounded / step, decimals: places)
    }

    /// Formats an integer count of 10^-`decimals` units with exactly `decimals` digits after the point.
    static func formatFixed(_ units: Int128, decimals places: Int) -> String {
        let negative = units < 0
        var magnitude = units.magnitude
        // Collect decimal digits, least significant first.
        var reversed: [UInt8] = []
        reversed.reserveCapacity(44)
        repeat {
            let (q, r) = magnitude.quotientAndRemainder(dividingBy: 10)
            reversed.append(UInt8(truncatingIfNeeded: r) &+ 0x30)
            magnitude = q
        } while magnitude != 0
        while reversed.count <= places { reversed.append(0x30) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(reversed.count + 2)
        if negative { bytes.append(UInt8(ascii: "-")) }
        for position in stride(from: reversed.count - 1, through: 0, by: -1) {
            bytes.append(reversed[position])
            if position == places && places > 0 { bytes.append(UInt8(ascii: ".")) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
