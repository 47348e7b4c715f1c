/// Up to 39 bytes of UTF-8 text stored inline, without a heap allocation or reference counting.
///
/// Identifiers (client order IDs, venue order IDs, trade IDs, strategy IDs) and order tags use it so that
/// the engine's orders, fills and positions are plain data: copying them is a memory copy, never a retain.
public struct ShortText: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// Bytes 0...38 hold the text, byte 39 its length.
    @usableFromInline var storage: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)

    /// The most bytes a `ShortText` holds.
    public static let capacity = 39

    public init() {}

    /// The text, or `nil` if it is longer than ``capacity`` bytes of UTF-8.
    public init?(exactly text: some StringProtocol) {
        guard text.utf8.count <= ShortText.capacity else { return nil }
        self.init(truncating: text)
    }

    /// The text, cut to at most ``capacity`` bytes at a character boundary.
    public init(truncating text: some StringProtocol) {
        withUnsafeMutableBytes(of: &storage) { bytes in
            bytes[ShortText.capacity] = UInt8(InlineUTF8.write(text, into: bytes, capacity: ShortText.capacity))
        }
    }

    /// Literal text, cut to ``capacity`` bytes (at a character boundary when it is longer).
    public init(stringLiteral value: StaticString) {
        guard value.hasPointerRepresentation, value.utf8CodeUnitCount <= ShortText.capacity else {
            self.init(truncating: value.description)
            return
        }
        self.init()
        withUnsafeMutableBytes(of: &storage) { bytes in
            let count = value.utf8CodeUnitCount
            bytes.baseAddress!.copyMemory(from: value.utf8Start, byteCount: count)  // Non-nil: 40 bytes of storage.
            bytes[ShortText.capacity] = UInt8(count)
        }
    }

    /// Builds text from bytes written by `body`, which returns how many it wrote (at most ``capacity``).
    @inlinable
    public init(writing body: (UnsafeMutableRawBufferPointer) -> Int) {
        withUnsafeMutableBytes(of: &storage) { bytes in
            let count = min(
                body(UnsafeMutableRawBufferPointer(rebasing: bytes[0..<ShortText.capacity])),
                ShortText.capacity
            )
            bytes[ShortText.capacity] = UInt8(count)
        }
    }

    /// The inline storage as five words (text bytes, then the length in the last byte), for fast hashing.
    @inlinable
    public var words: (UInt64, UInt64, UInt64, UInt64, UInt64) { storage }

    /// Length in bytes.
    @inlinable
    public var count: Int { Int(storage.4 >> 56) }

    public var isEmpty: Bool { count == 0 }

    /// Calls `body` with the text's bytes.
    @inlinable
    public func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        let length = count
        return try withUnsafeBytes(of: storage) { try body(UnsafeRawBufferPointer(rebasing: $0[0..<length])) }
    }

    /// The text as a `String`.
    public var string: String { withBytes { String(decoding: $0, as: UTF8.self) } }

    public var description: String { string }

    @inlinable
    public static func == (lhs: ShortText, rhs: ShortText) -> Bool {
        lhs.storage.0 == rhs.storage.0 && lhs.storage.1 == rhs.storage.1 && lhs.storage.2 == rhs.storage.2
            && lhs.storage.3 == rhs.storage.3 && lhs.storage.4 == rhs.storage.4
    }

    @inlinable
    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.0)
        hasher.combine(storage.1)
        hasher.combine(storage.2)
        hasher.combine(storage.3)
        hasher.combine(storage.4)
    }

    /// Byte-wise order (for ASCII, alphabetical).
    public static func < (lhs: ShortText, rhs: ShortText) -> Bool {
        lhs.withBytes { a in rhs.withBytes { b in a.lexicographicallyPrecedes(b) } }
    }

    /// Whether every byte is printable ASCII other than space.
    public var isPrintableASCIIWithoutSpaces: Bool { withBytes { $0.allSatisfy { $0 > 0x20 && $0 < 0x7F } } }
}
