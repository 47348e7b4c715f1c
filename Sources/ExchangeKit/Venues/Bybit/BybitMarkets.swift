import TradingCore

extension BybitREST {
    /// The markets of an `instruments-info` response of one category. Linear and inverse list only
    /// perpetuals; futures with a delivery date are left out.
    /// - Throws: ``ResponseFormatError`` naming the symbol and field that is missing or not a decimal.
    public func markets(_ kind: VenueMarket.Kind, fromInstruments body: [UInt8]) throws -> [VenueMarket] {
        guard let root = try JSONBody.object(body) as? [String: Any], let result = root["result"] as? [String: Any],
            let list = result["list"] as? [[String: Any]]
        else { throw ResponseFormatError("instruments-info: expected result.list") }
        var markets: [VenueMarket] = []
        for entry in list {
            let name = entry["symbol"] as? String ?? "?"
            if kind != .spot, let contract = entry["contractType"] as? String, !contract.hasSuffix("Perpetual") {
                continue
            }
            guard let base = entry["baseCoin"] as? String, let quote = entry["quoteCoin"] as? String else {
                throw ResponseFormatError("instruments-info \(name): baseCoin or quoteCoin missing")
            }
            func decimal(_ group: String, _ keys: [String], required: Bool = true) throws -> Int128 {
                let object = entry[group] as? [String: Any]
                guard
                    let text = keys.lazy.compactMap({ object?[$0] }).compactMap(JSONBody.decimal).first(where: {
                        !$0.isEmpty
                    })
                else {
                    if required { throw ResponseFormatError("instruments-info \(name): \(group).\(keys[0]) missing") }
                    return 0
                }
                do { return try Price(text).raw } catch {
                    throw ResponseFormatError("instruments-info \(name): \(group).\(keys[0]) \(text) is not a decimal")
                }
            }
            markets.append(
                VenueMarket(
                    venueSymbol: name,
                    kind: kind,
                    base: base,
                    quote: quote,
                    settle: entry["settleCoin"] as? String,
                    tickSize: Price(raw: try decimal("priceFilter", ["tickSize"])),
                    lotStep: Quantity(raw: try decimal("lotSizeFilter", ["qtyStep", "basePrecision"])),
                    minQuantity: Quantity(raw: try decimal("lotSizeFilter", ["minOrderQty"])),
                    minNotional: Price(
                        raw: try decimal("lotSizeFilter", ["minNotionalValue", "minOrderAmt"], required: false)
                    ),
                    isTrading: entry["status"] as? String == "Trading"
                )
            )
        }
        return markets
    }
}
