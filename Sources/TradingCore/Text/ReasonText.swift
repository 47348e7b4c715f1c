/// Up to 119 bytes of UTF-8 text stored inline: why a venue rejected or cancelled an order.
///
/// Venue reports carry reasons in this type rather than `String` so that reports are plain data, copied
/// without reference counting. Longer text is cut at a character boundary.
public struct ReasonText: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// Bytes 0...118 hold the text, byte 119 its length.
    private var storage:
        (
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
            UInt64,
            UInt64
        ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

    /// The most bytes a `ReasonText` holds.
    public static let capacity = 119

    /// The text, cut to at most ``capacity`` bytes at a character boundary.
    public init(_ text: some StringProtocol) {
        withUnsafeMutableBytes(of: &storage) { bytes in
            bytes[ReasonText.capacity] = UInt8(InlineUTF8.write(text, into: bytes, capacity: ReasonText.capacity))
        }
    }

    public init(stringLiteral value: String) { self.init(value) }

    public init(stringInterpolation: DefaultStringInterpolation) {
        self.init(String(stringInterpolation: stringInterpolation))
    }

    /// Length in bytes.
    public var count: Int { withUnsafeBytes(of: storage) { Int($0[ReasonText.capacity]) } }

    /// The text as a `String`.
    public var string: String {
        withUnsafeBytes(of: storage) { bytes in
            String(
                decoding: UnsafeRawBufferPointer(rebasing: bytes[0..<Int(bytes[ReasonText.capacity])]),
                as: UTF8.self
            )
        }
    }

    public var description: String { string }

    public static func == (lhs: ReasonText, rhs: ReasonText) -> Bool {
        withUnsafeBytes(of: lhs.storage) { a in withUnsafeBytes(of: rhs.storage) { b in a.elementsEqual(b) } }
    }

    public func hash(into hasher: inout Hasher) {
        withUnsafeBytes(of: storage) { hasher.combine(bytes: $0) }
    }
}
