/// The venue's identifier for one fill (execution), up to 39 characters.
public struct TradeID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The identifier, stored inline.
    public let text: ShortText

    /// - Throws: ``IdentifierError`` unless `value` is 1 to 39 printable ASCII characters without spaces.
    public init(_ value: String) throws(IdentifierError) {
        text = try IdentifierError.shortText(value, kind: "trade ID", maxLength: 39)
    }

    /// Wraps text already known to be valid.
    init(trustedText: ShortText) { text = trustedText }

    /// The counter's current text (a printable prefix and decimal digits, always valid). For IDs made by a
    /// simulator, one after another.
    @inlinable
    public init(_ counter: SequenceCounter) { text = counter.text }

    /// `prefix` followed by the decimal `sequence`, built without allocating. For IDs made by a simulator.
    public init(sequence: UInt64, prefix: StaticString) { text = SequenceCounter.format(prefix, sequence) }

    /// The identifier as a `String`.
    public var value: String { text.string }
    public var description: String { text.string }
    @inlinable
    public static func < (lhs: TradeID, rhs: TradeID) -> Bool { lhs.text < rhs.text }
}
