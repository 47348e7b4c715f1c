import TradingCore

extension BitgetREST {
    /// The markets of `spot/public/symbols` or `mix/market/contracts`. Spot tick and step come from
    /// `pricePrecision`/`quantityPrecision` (decimal places); futures from `pricePlace` and `priceEndStep`
    /// (tick = step × 10^-place) and `sizeMultiplier`; the minimum notional is `minTradeUSDT`.
    /// - Throws: ``ResponseFormatError`` naming the symbol and field that is missing or not a decimal.
    public func markets(_ kind: VenueMarket.Kind, fromSymbols body: [UInt8]) throws -> [VenueMarket] {
        guard let root = try JSONBody.object(body) as? [String: Any], let data = root["data"] as? [[String: Any]] else {
            throw ResponseFormatError("symbols: expected data[]")
        }
        var markets: [VenueMarket] = []
        for entry in data {
            let name = entry["symbol"] as? String ?? "?"
            func text(_ key: String) throws -> String {
                guard let value = entry[key].flatMap(JSONBody.decimal), !value.isEmpty else {
                    throw ResponseFormatError("symbols \(name): \(key) missing")
                }
                return value
            }
            func decimal(_ key: String) throws -> Int128 {
                let value = try text(key)
                do { return try Price(value).raw } catch {
                    throw ResponseFormatError("symbols \(name): \(key) \(value) is not a decimal")
                }
            }
            func places(_ key: String) throws -> Int {
                guard let value = Int(try text(key)), (0...18).contains(value) else {
                    throw ResponseFormatError("symbols \(name): \(key) is not a number of decimal places")
                }
                return value
            }
            guard let base = entry["baseCoin"] as? String, let quote = entry["quoteCoin"] as? String else {
                throw ResponseFormatError("symbols \(name): baseCoin or quoteCoin missing")
            }
            let unit = FixedPoint.scale
            func power(_ places: Int) -> Int128 {
                var value = unit
                for _ in 0..<places { value /= 10 }
                return value
            }
            if kind == .spot {
                markets.append(
                    VenueMarket(
                        venueSymbol: name,
                        kind: .spot,
                        base: base,
                        quote: quote,
                        tickSize: Price(raw: power(try places("pricePrecision"))),
                        lotStep: Quantity(raw: power(try places("quantityPrecision"))),
                        minQuantity: Quantity(raw: try decimal("minTradeAmount")),
                        minNotional: Price(raw: (try? decimal("minTradeUSDT")) ?? 0),
                        isTrading: entry["status"] as? String == "online"
                    )
                )
            } else {
                if let type = entry["symbolType"] as? String, type != "perpetual" { continue }
                let endStep = (try? decimal("priceEndStep")) ?? unit
                markets.append(
                    VenueMarket(
                        venueSymbol: name,
                        kind: .linear,
                        base: base,
                        quote: quote,
                        settle: (entry["supportMarginCoins"] as? [String])?.first ?? quote,
                        tickSize: Price(raw: endStep / unit * power(try places("pricePlace"))),
                        lotStep: Quantity(raw: try decimal("sizeMultiplier")),
                        minQuantity: Quantity(raw: try decimal("minTradeNum")),
                        minNotional: Price(raw: (try? decimal("minTradeUSDT")) ?? 0),
                        isTrading: entry["symbolStatus"] as? String == "normal",
                        takerFeeRate: try? Price(entry["takerFeeRate"].flatMap(JSONBody.decimal) ?? "")
                    )
                )
            }
        }
        return markets
    }
}
