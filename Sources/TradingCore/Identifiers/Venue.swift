/// A trading venue in our own spelling: `"BINANCE"`, `"BYBIT"`, `"SIM"`.
public struct Venue: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The name, stored inline.
    public let text: ShortText

    /// - Throws: ``IdentifierError`` unless `name` is 1 to 32 upper-case ASCII letters, digits or `_`.
    public init(_ name: String) throws(IdentifierError) {
        guard !name.isEmpty, name.utf8.count <= 32,
            name.utf8.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F })
        else {
            throw IdentifierError(kind: "venue", text: name, reason: "expected upper-case letters, digits or _")
        }
        text = ShortText(truncating: name)
    }

    /// The name, such as `"BINANCE"`.
    public var name: String { text.string }
    public var description: String { text.string }
    public static func < (lhs: Venue, rhs: Venue) -> Bool { lhs.text < rhs.text }

    /// The simulated venue used when data names none.
    public static let simulated: Venue = {
        do { return try Venue("SIM") } catch { preconditionFailure("Invariant: SIM is a valid venue") }
    }()
}
