import TradingCore

extension BinanceREST {
    /// The markets of an `exchangeInfo` response: tick from `PRICE_FILTER`, step and minimum from
    /// `LOT_SIZE`, minimum notional from spot's `NOTIONAL.minNotional` or USD-M's `MIN_NOTIONAL.notional`.
    /// USD-M lists only perpetuals (`contractType` `PERPETUAL`) as `BASE/QUOTE:MARGIN` markets.
    /// - Throws: ``ResponseFormatError`` naming the symbol and field that is missing or not a decimal.
    public func markets(_ product: Product, fromExchangeInfo body: [UInt8]) throws -> [VenueMarket] {
        guard let root = try JSONBody.object(body) as? [String: Any], let symbols = root["symbols"] as? [[String: Any]]
        else { throw ResponseFormatError("exchangeInfo: expected an object with a symbols array") }
        var markets: [VenueMarket] = []
        for entry in symbols {
            let name = entry["symbol"] as? String ?? "?"
            if product == .usdm, let contract = entry["contractType"] as? String, contract != "PERPETUAL" { continue }
            guard let base = entry["baseAsset"] as? String, let quote = entry["quoteAsset"] as? String else {
                throw ResponseFormatError("exchangeInfo \(name): baseAsset or quoteAsset missing")
            }
            let filters = (entry["filters"] as? [[String: Any]]) ?? []
            func filter(_ type: String) -> [String: Any]? { filters.first { $0["filterType"] as? String == type } }
            func decimal(_ object: [String: Any]?, _ key: String, _ filterName: String) throws -> Int128 {
                guard let text = object.flatMap({ $0[key] }).flatMap(JSONBody.decimal) else {
                    throw ResponseFormatError("exchangeInfo \(name): \(filterName).\(key) missing")
                }
                do { return try Price(text).raw } catch {
                    throw ResponseFormatError("exchangeInfo \(name): \(filterName).\(key) \(text) is not a decimal")
                }
            }
            let tick = try decimal(filter("PRICE_FILTER"), "tickSize", "PRICE_FILTER")
            let lot = filter("LOT_SIZE")
            let step = try decimal(lot, "stepSize", "LOT_SIZE")
            let minQty = try decimal(lot, "minQty", "LOT_SIZE")
            let notional: Int128 =
                if let spot = filter("NOTIONAL") {
                    try decimal(spot, "minNotional", "NOTIONAL")
                } else if let futures = filter("MIN_NOTIONAL") {
                    try decimal(futures, futures["notional"] != nil ? "notional" : "minNotional", "MIN_NOTIONAL")
                } else { 0 }
            markets.append(
                VenueMarket(
                    venueSymbol: name,
                    kind: product == .spot ? .spot : .linear,
                    base: base,
                    quote: quote,
                    settle: product == .spot ? nil : (entry["marginAsset"] as? String ?? quote),
                    tickSize: Price(raw: tick),
                    lotStep: Quantity(raw: step),
                    minQuantity: Quantity(raw: minQty),
                    minNotional: Price(raw: notional),
                    isTrading: entry["status"] as? String == "TRADING"
                )
            )
        }
        return markets
    }
}
