/// An instrument's name as its venue spells it (`"BTCUSDT"`, `"BTC-USDT-SWAP"`), up to 39 characters.
/// Parsed only in adapters; the engine uses ``InstrumentID``.
public struct VenueSymbol: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The symbol, stored inline.
    public let text: ShortText

    /// - Throws: ``IdentifierError`` unless `value` is 1 to 39 printable ASCII characters without spaces.
    public init(_ value: String) throws(IdentifierError) {
        text = try IdentifierError.shortText(value, kind: "venue symbol")
    }

    /// The symbol as a `String`.
    public var value: String { text.string }
    public var description: String { text.string }
    public static func < (lhs: VenueSymbol, rhs: VenueSymbol) -> Bool { lhs.text < rhs.text }
}
