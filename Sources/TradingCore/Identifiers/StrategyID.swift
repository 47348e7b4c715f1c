/// Identifies a bot, that is one strategy instance with its own parameters: `"ema_cross-1"` (up to 39
/// characters).
public struct StrategyID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The identifier, stored inline.
    public let text: ShortText

    /// - Throws: ``IdentifierError`` unless `value` is 1 to 39 printable ASCII characters without spaces.
    public init(_ value: String) throws(IdentifierError) {
        text = try IdentifierError.shortText(value, kind: "strategy ID", maxLength: 39)
    }

    /// Wraps text already known to be valid.
    init(trustedText: ShortText) { text = trustedText }

    /// The identifier as a `String`.
    public var value: String { text.string }
    public var description: String { text.string }
    @inlinable
    public static func < (lhs: StrategyID, rhs: StrategyID) -> Bool { lhs.text < rhs.text }
}
