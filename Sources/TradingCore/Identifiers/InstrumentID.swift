/// Our name for an instrument: symbol and venue, written `"BTCUSDT.BINANCE"`.
public struct InstrumentID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The symbol part, stored inline.
    public let symbolText: ShortText
    public let venue: Venue

    /// - Throws: ``IdentifierError`` when the symbol is empty, contains spaces or a `.`.
    public init(symbol: String, venue: Venue) throws(IdentifierError) {
        symbolText = try IdentifierError.shortText(symbol, kind: "instrument symbol")
        guard !symbol.contains(".") else {
            throw IdentifierError(kind: "instrument symbol", text: symbol, reason: "must not contain '.'")
        }
        self.venue = venue
    }

    /// The symbol part, such as `"BTCUSDT-PERP"`.
    public var symbol: String { symbolText.string }

    /// Parses `"SYMBOL.VENUE"`.
    /// - Throws: ``IdentifierError`` when the text is not of that form.
    public init(parsing text: String) throws(IdentifierError) {
        guard let dot = text.lastIndex(of: ".") else {
            throw IdentifierError(kind: "instrument ID", text: text, reason: "expected SYMBOL.VENUE")
        }
        let venue = try Venue(String(text[text.index(after: dot)...]))
        try self.init(symbol: String(text[..<dot]), venue: venue)
    }

    public var description: String { "\(symbol).\(venue.name)" }

    public static func < (lhs: InstrumentID, rhs: InstrumentID) -> Bool {
        (lhs.symbolText, lhs.venue) < (rhs.symbolText, rhs.venue)
    }
}
