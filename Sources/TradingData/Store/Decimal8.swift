/// An exact decimal with at most 8 fractional digits, as an integer count of 10⁻⁸ (the precision exchanges
/// publish prices and sizes in). The store keeps numbers this way: exact, and fast to write and compare.
public struct Decimal8: Sendable, Hashable, Comparable, CustomStringConvertible {
    public static let scale: Int64 = 100_000_000
    public var units: Int64

    public init(units: Int64) { self.units = units }

    public static func < (lhs: Decimal8, rhs: Decimal8) -> Bool { lhs.units < rhs.units }

    /// Parses decimal text (`65432.1`, `-0.5`, `1e-05`); `nil` when it is not a number, has more than 8
    /// significant fractional digits, or does not fit.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Decimal8? {
        var index = 0
        let count = bytes.count
        // Trim spaces and quotes.
        var end = count
        while index < end && (bytes[index] == 0x20 || bytes[index] == 0x22) { index += 1 }
        while end > index && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x22) { end -= 1 }
        guard index < end else { return nil }
        var negative = false
        if bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        } else if bytes[index] == UInt8(ascii: "+") {
            index += 1
        }
        var mantissa: Int64 = 0
        var digits = 0
        var fraction = 0
        var seenDot = false
        var nonZeroBeyond = false
        var exponent = 0
        while index < end {
            let byte = bytes[index]
            if byte >= 0x30 && byte <= 0x39 {
                let digit = Int64(byte - 0x30)
                if seenDot { fraction += 1 }
                if !seenDot || fraction <= 18 {
                    if mantissa > (Int64.max - digit) / 10 { return nil }
                    mantissa = mantissa * 10 + digit
                } else if digit != 0 {
                    nonZeroBeyond = true
                }
                digits += 1
            } else if byte == UInt8(ascii: ".") && !seenDot {
                seenDot = true
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                index += 1
                var exponentNegative = false
                if index < end && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
                    exponentNegative = bytes[index] == UInt8(ascii: "-")
                    index += 1
                }
                var value = 0
                var exponentDigits = 0
                while index < end, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                    value = value * 10 + Int(bytes[index] - 0x30)
                    exponentDigits += 1
                    if value > 40 { return nil }
                    index += 1
                }
                guard exponentDigits > 0, index == end else { return nil }
                exponent = exponentNegative ? -value : value
                break
            } else {
                return nil
            }
            index += 1
        }
        guard digits > 0, !nonZeroBeyond else { return nil }
        // mantissa × 10^(exponent − min(fraction, 18)) in units of 10⁻⁸.
        var shift = exponent - min(fraction, 18) + 8
        while shift < 0 {
            guard mantissa % 10 == 0 else { return nil }
            mantissa /= 10
            shift += 1
        }
        while shift > 0 {
            guard mantissa <= Int64.max / 10 else { return nil }
            mantissa *= 10
            shift -= 1
        }
        return Decimal8(units: negative ? -mantissa : mantissa)
    }

    /// Reads a `Double` (a JSON number) through its shortest round-trip text, which is the decimal the
    /// exchange wrote for any number with at most 8 decimals; `nil` when that text has more.
    public init?(exactly value: Double) {
        guard value.isFinite else { return nil }
        let text = Array(value.description.utf8)
        guard let parsed = text.withUnsafeBufferPointer(Decimal8.parse) else { return nil }
        self = parsed
    }

    /// The shortest exact decimal text: `65432.1`, `0.00012`, `-3`.
    public var description: String {
        let negative = units < 0
        let magnitude = units.magnitude
        let whole = magnitude / UInt64(Self.scale)
        var fraction = magnitude % UInt64(Self.scale)
        var text = negative ? "-" : ""
        text += String(whole)
        if fraction != 0 {
            var width = 8
            while fraction % 10 == 0 {
                fraction /= 10
                width -= 1
            }
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: width - digits.count) + digits
        }
        return text
    }

    public var doubleValue: Double { Double(units) / Double(Self.scale) }

    /// The value with the ledger's 18 decimals.
    public var fixedPointRaw: Int128 { Int128(units) * 10_000_000_000 }
}
