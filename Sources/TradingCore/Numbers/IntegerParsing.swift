/// The one parser of decimal integers from text bytes (data files, venue replies, command-line numbers):
/// an optional `-` or `+`, then ASCII digits; `nil` for anything else, including a value outside `Int64`.
/// Never traps and never wraps.
public enum IntegerParsing {
    /// The integer spelled by `bytes`, or `nil`.
    @inlinable
    public static func int64(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard let first = bytes.first else { return nil }
        var index = 0
        let negative = first == UInt8(ascii: "-")
        if negative || first == UInt8(ascii: "+") { index = 1 }
        guard index < bytes.count else { return nil }
        // Accumulated as a negative number, whose range reaches Int64.min.
        var value: Int64 = 0
        while index < bytes.count {
            let digit = bytes[index] &- 0x30
            guard digit <= 9 else { return nil }
            let (shifted, overflowShift) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowDigit) = shifted.subtractingReportingOverflow(Int64(digit))
            guard !overflowShift && !overflowDigit else { return nil }
            value = next
            index &+= 1
        }
        if negative { return value }
        return value == .min ? nil : -value
    }

    /// The integer spelled by `text`, or `nil`.
    public static func int64(_ text: some StringProtocol) -> Int64? {
        var copy = String(text)
        return copy.withUTF8 { int64($0) }
    }
}
