import TradingCore

extension OKXREST {
    /// The markets of a `public/instruments` response (`SPOT` or `SWAP`). Swap amounts are contracts of
    /// `ctVal` base units; the unified symbol comes from `instFamily`/`uly` and `settleCcy`
    /// (`BTC-USDT-SWAP` settled in USDT is `BTC/USDT:USDT`).
    /// - Throws: ``ResponseFormatError`` naming the instrument and field that is missing or not a decimal.
    public func markets(fromInstruments body: [UInt8]) throws -> [VenueMarket] {
        guard let root = try JSONBody.object(body) as? [String: Any], let data = root["data"] as? [[String: Any]] else {
            throw ResponseFormatError("instruments: expected data[]")
        }
        var markets: [VenueMarket] = []
        for entry in data {
            let name = entry["instId"] as? String ?? "?"
            let type = entry["instType"] as? String ?? ""
            guard type == "SPOT" || type == "SWAP" else { continue }
            func decimal(_ key: String, required: Bool = true) throws -> Int128 {
                guard let text = entry[key].flatMap(JSONBody.decimal), !text.isEmpty else {
                    if required { throw ResponseFormatError("instruments \(name): \(key) missing") }
                    return 0
                }
                do { return try Price(text).raw } catch {
                    throw ResponseFormatError("instruments \(name): \(key) \(text) is not a decimal")
                }
            }
            let base: String
            let quote: String
            let kind: VenueMarket.Kind
            if type == "SPOT" {
                guard let b = entry["baseCcy"] as? String, let q = entry["quoteCcy"] as? String else {
                    throw ResponseFormatError("instruments \(name): baseCcy or quoteCcy missing")
                }
                (base, quote, kind) = (b, q, .spot)
            } else {
                let family =
                    (entry["instFamily"] as? String).flatMap { $0.isEmpty ? nil : $0 } ?? entry["uly"] as? String ?? ""
                let parts = family.split(separator: "-")
                guard parts.count == 2 else {
                    throw ResponseFormatError("instruments \(name): instFamily \(family) is not BASE-QUOTE")
                }
                let settle = entry["settleCcy"] as? String ?? String(parts[1])
                (base, quote) = (String(parts[0]), String(parts[1]))
                kind = settle == base ? .inverse : .linear
            }
            markets.append(
                VenueMarket(
                    venueSymbol: name,
                    kind: kind,
                    base: base,
                    quote: quote,
                    settle: entry["settleCcy"] as? String,
                    tickSize: Price(raw: try decimal("tickSz")),
                    lotStep: Quantity(raw: try decimal("lotSz")),
                    minQuantity: Quantity(raw: try decimal("minSz")),
                    contractSize: type == "SWAP"
                        ? Quantity(raw: try decimal("ctVal")) : Quantity(raw: FixedPoint.scale),
                    isTrading: entry["state"] as? String == "live"
                )
            )
        }
        return markets
    }
}
