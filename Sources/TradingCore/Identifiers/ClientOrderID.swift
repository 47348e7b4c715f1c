/// Our identifier for an order, unique per engine, up to 36 characters (the shortest limit among
/// supported venues). Replay-sensitive IDs are pure functions of their inputs: ``init(strategy:sequence:)``
/// derives one from the strategy and a per-engine sequence number.
public struct ClientOrderID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The identifier, stored inline.
    public let text: ShortText

    /// - Throws: ``IdentifierError`` unless `value` is 1 to 36 printable ASCII characters without spaces.
    public init(_ value: String) throws(IdentifierError) {
        text = try IdentifierError.shortText(value, kind: "client order ID", maxLength: 36)
    }

    /// Wraps text already known to be valid.
    init(trustedText: ShortText) { text = trustedText }

    /// `"O-<sequence>-<strategy>"`, cut to 36 characters. Deterministic for the same inputs; built without
    /// allocating.
    public init(strategy: StrategyID, sequence: UInt64) {
        text = ShortText(writing: { buffer in
            let limit = min(buffer.count, 36)
            buffer[0] = UInt8(ascii: "O")
            buffer[1] = UInt8(ascii: "-")
            var count =
                2 + SequenceDigits.write(sequence, into: UnsafeMutableRawBufferPointer(rebasing: buffer[2..<limit]))
            if count < limit {
                buffer[count] = UInt8(ascii: "-")
                count += 1
            }
            strategy.text.withBytes { bytes in
                for byte in bytes where count < limit {
                    buffer[count] = byte
                    count += 1
                }
            }
            return count
        })
    }

    /// The identifier as a `String`.
    public var value: String { text.string }
    public var description: String { text.string }
    @inlinable
    public static func < (lhs: ClientOrderID, rhs: ClientOrderID) -> Bool { lhs.text < rhs.text }
}
