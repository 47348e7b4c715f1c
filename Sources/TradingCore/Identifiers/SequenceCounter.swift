/// A counter kept as text: a prefix followed by a decimal number, advanced in place ("SIM-9" →
/// "SIM-10"). The text is always what formatting the number after the prefix gives, but moving to the
/// next number changes the last digit (and now and then carries) instead of dividing the number down to
/// its digits. The simulated venue names each order and fill this way.
public struct SequenceCounter: Sendable {
    /// The prefix followed by ``value`` in decimal.
    public private(set) var text: ShortText
    /// The current number.
    public private(set) var value: UInt64
    /// Where the digits start: the prefix's length.
    private let digitsStart: Int

    /// The longest prefix: it leaves room for the 20 digits of any `UInt64`.
    public static let maximumPrefixLength = ShortText.capacity - 20

    /// Starts at `start`. The prefix must be printable ASCII without spaces (so that the text is a valid
    /// identifier) and at most ``maximumPrefixLength`` bytes.
    public init(prefix: StaticString, start: UInt64) {
        precondition(
            prefix.hasPointerRepresentation && prefix.utf8CodeUnitCount <= Self.maximumPrefixLength,
            "Invariant: a counter's prefix is short ASCII"
        )
        digitsStart = prefix.utf8CodeUnitCount
        value = start
        text = Self.format(prefix, start)
    }

    /// `prefix` then `number` in decimal.
    static func format(_ prefix: StaticString, _ number: UInt64) -> ShortText {
        ShortText(writing: { buffer in
            var count = 0
            prefix.withUTF8Buffer { bytes in
                for byte in bytes where count < buffer.count {
                    precondition(byte > 0x20 && byte < 0x7F, "Invariant: a counter's prefix is printable ASCII")
                    buffer[count] = byte
                    count += 1
                }
            }
            return count + SequenceDigits.write(number, into: UnsafeMutableRawBufferPointer(rebasing: buffer[count...]))
        })
    }

    /// Moves to the next number.
    public mutating func advance() {
        value += 1
        let start = digitsStart
        withUnsafeMutableBytes(of: &text.storage) { bytes in
            let count = Int(bytes[ShortText.capacity])
            if Self.advanceDigits(bytes, from: start, to: count) { return }
            // All nines: one digit more, a one followed by the zeros. The prefix leaves room for it.
            bytes[start] = UInt8(ascii: "1")
            bytes[count] = UInt8(ascii: "0")
            bytes[ShortText.capacity] = UInt8(count + 1)
        }
    }

    /// Adds one to the decimal number in `bytes[start..<end]`, carrying; `false` when it was all nines (it
    /// is then all zeros and needs a leading one).
    @inline(__always)
    static func advanceDigits(_ bytes: UnsafeMutableRawBufferPointer, from start: Int, to end: Int) -> Bool {
        var index = end - 1
        while index >= start {
            if bytes[index] != UInt8(ascii: "9") {
                bytes[index] &+= 1
                return true
            }
            bytes[index] = UInt8(ascii: "0")
            index -= 1
        }
        return false
    }
}
