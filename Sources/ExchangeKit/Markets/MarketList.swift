/// A venue's markets, found by unified symbol (`BTC/USDT`, `BTC/USDT:USDT`) or by the venue's own name.
public struct MarketList: Sendable, Hashable {
    public let markets: [VenueMarket]
    private let byName: [String: Int]

    public init(_ markets: [VenueMarket]) {
        self.markets = markets
        var byName: [String: Int] = [:]
        for (index, market) in markets.enumerated() {
            byName[market.symbol] = index
            // A venue name may be shared by a spot market and a perpetual (Binance BTCUSDT): the first wins,
            // and `market(_:kind:)` picks by kind.
            if byName[market.venueSymbol] == nil { byName[market.venueSymbol] = index }
        }
        self.byName = byName
    }

    /// The market named `name`, unified or venue-native; venue names are matched without regard to case.
    /// - Throws: ``UnknownSymbolError`` naming the closest known symbols.
    public func market(_ name: String) throws(UnknownSymbolError) -> VenueMarket {
        if let index = byName[name] ?? byName[name.uppercased()] { return markets[index] }
        throw UnknownSymbolError(symbol: name, known: markets.map(\.symbol))
    }

    /// The market named `name` of `kind` (a venue name shared by spot and perpetual picks by kind).
    public func market(_ name: String, kind: VenueMarket.Kind) throws(UnknownSymbolError) -> VenueMarket {
        let upper = name.uppercased()
        if let found = markets.first(where: { ($0.symbol == name || $0.venueSymbol == upper) && $0.kind == kind }) {
            return found
        }
        throw UnknownSymbolError(symbol: name, known: markets.filter { $0.kind == kind }.map(\.symbol))
    }
}

/// A symbol the venue does not list.
public struct UnknownSymbolError: Error, Sendable, CustomStringConvertible {
    public let symbol: String
    public let known: [String]

    public var description: String {
        let shown = known.prefix(8).joined(separator: ", ")
        return "unknown symbol \(symbol)" + (known.isEmpty ? "" : " (markets include \(shown))")
    }
}
