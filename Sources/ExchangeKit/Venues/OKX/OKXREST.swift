public import TradingCore

/// The REST requests of OKX v5: spot (`tdMode=cash`) and perpetual swaps (`-SWAP`, amounts in contracts),
/// in the field order ccxt sends, so signed requests compare byte for byte with `exchange_okx.json`.
///
/// Signed requests carry `OK-ACCESS-KEY`, `OK-ACCESS-SIGN` (base64 HMAC-SHA256 of ISO timestamp + METHOD +
/// path with query + body), `OK-ACCESS-TIMESTAMP` and `OK-ACCESS-PASSPHRASE`; demo trading adds
/// `x-simulated-trading: 1`. New orders go through `batch-orders` with one order, as ccxt sends them.
public struct OKXREST: Sendable {
    /// Cross (`cross`) or isolated (`isolated`) margin for swap orders.
    public var isolatedMargin: Bool
    /// Sends `x-simulated-trading: 1`: OKX's demo trading environment.
    public var demoTrading: Bool

    public init(isolatedMargin: Bool = false, demoTrading: Bool = false) {
        self.isolatedMargin = isolatedMargin
        self.demoTrading = demoTrading
    }

    // MARK: Public data

    public func serverTime() -> VenueRequest { VenueRequest(method: .get, path: "/api/v5/public/time") }

    public func instruments(_ kind: VenueMarket.Kind) -> VenueRequest {
        VenueRequest(
            method: .get,
            path: "/api/v5/public/instruments",
            query: "instType=\(kind == .spot ? "SPOT" : "SWAP")"
        )
    }

    /// Candles, newest first; `bar` is OKX's code (`1m`, `1H`, `1D`); `before` pages toward newer bars.
    public func klines(_ market: VenueMarket, bar: String, before: Int64? = nil, limit: Int? = nil) -> VenueRequest {
        var query = FormEncoding()
        query.append("instId", market.venueSymbol)
        query.append("bar", bar)
        query.append("before", before.map(String.init))
        query.append("limit", limit.map(String.init))
        return VenueRequest(method: .get, path: "/api/v5/market/candles", query: query.encoded)
    }

    public func ticker(_ market: VenueMarket) -> VenueRequest {
        VenueRequest(
            method: .get,
            path: "/api/v5/market/ticker",
            query: FormEncoding([("instId", market.venueSymbol)]).encoded
        )
    }

    public func depth(_ market: VenueMarket, limit: Int) -> VenueRequest {
        let query = FormEncoding([("instId", market.venueSymbol), ("sz", String(limit))])
        return VenueRequest(method: .get, path: "/api/v5/market/books", query: query.encoded)
    }

    // MARK: Orders

    /// A new order. Market, limit, post-only, IOC and FOK orders go to `POST /api/v5/trade/batch-orders`;
    /// stops and take-profits are `conditional` algo orders (`POST /api/v5/trade/order-algo`) with
    /// `slTriggerPx`/`slOrdPx` or `tpTriggerPx`/`tpOrdPx` (`-1`: market) on the last price.
    /// `positionSide` is for accounts in long/short (hedge) mode; net mode leaves it out.
    public func createOrder(
        _ order: OrderRequest,
        market: VenueMarket,
        positionSide: PositionSide? = nil,
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws -> VenueRequest {
        let order = try order.validated(for: market)
        var body = JSONText()
        body.append("instId", market.venueSymbol)
        body.append("side", order.side.rawValue)
        body.append("ordType", ordType(order))
        body.append("sz", order.amount.description)
        body.append("tdMode", market.kind == .spot ? "cash" : (isolatedMargin ? "isolated" : "cross"))
        if market.kind == .spot { body.append("tgtCcy", "base_ccy") }
        if let trigger = order.triggerPrice {
            let prefix = order.kind == .takeProfit || order.kind == .takeProfitLimit ? "tp" : "sl"
            body.append("\(prefix)TriggerPx", trigger.description)
            body.append("\(prefix)OrdPx", order.price?.description ?? "-1")
            body.append("\(prefix)TriggerPxType", "last")
        } else {
            body.append("px", order.price?.description)
        }
        body.append(order.kind.isConditional ? "algoClOrdId" : "clOrdId", order.clientOrderID)
        if let positionSide, positionSide != .flat { body.append("posSide", positionSide.rawValue) }
        if order.reduceOnly { body.append("reduceOnly", true) }
        if order.kind.isConditional {
            return try signed(.post, "/api/v5/trade/order-algo", body: body.object, auth: auth, timestamp: timestamp)
        }
        return try signed(.post, "/api/v5/trade/batch-orders", body: body.arrayOfOne, auth: auth, timestamp: timestamp)
    }

    func ordType(_ order: OrderRequest) -> String {
        if order.kind.isConditional { return "conditional" }
        if order.kind == .market { return "market" }
        if order.postOnly { return "post_only" }
        switch order.timeInForce {
        case .ioc: return "ioc"
        case .fok: return "fok"
        case .gtc, .postOnly: return "limit"
        }
    }

    /// Cancels one order by `ordId` or `clOrdId`; a conditional order by its `algoId` (`cancel-algos`).
    public func cancelOrder(
        _ market: VenueMarket,
        venueOrderID: String? = nil,
        clientOrderID: String? = nil,
        conditional: Bool = false,
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws -> VenueRequest {
        var body = JSONText()
        if conditional {
            body.append("algoId", venueOrderID)
            body.append("instId", market.venueSymbol)
            return try signed(
                .post,
                "/api/v5/trade/cancel-algos",
                body: body.arrayOfOne,
                auth: auth,
                timestamp: timestamp
            )
        }
        body.append("instId", market.venueSymbol)
        body.append("ordId", venueOrderID)
        if venueOrderID == nil { body.append("clOrdId", clientOrderID) }
        return try signed(.post, "/api/v5/trade/cancel-order", body: body.object, auth: auth, timestamp: timestamp)
    }

    /// Cancels up to 20 orders of one instrument at once (OKX has no cancel-all for spot and swaps: the
    /// adapter lists the open orders and cancels them in batches).
    public func cancelOrders(
        _ market: VenueMarket,
        venueOrderIDs: [String],
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws -> VenueRequest {
        guard !venueOrderIDs.isEmpty, venueOrderIDs.count <= 20 else {
            throw OrderRequestError(
                field: "ids",
                "cancel-batch-orders takes 1 to 20 orders, not \(venueOrderIDs.count)"
            )
        }
        let items = venueOrderIDs.map { id -> String in
            var item = JSONText()
            item.append("instId", market.venueSymbol)
            item.append("ordId", id)
            return item.object
        }
        let body = "[" + items.joined(separator: ",") + "]"
        return try signed(.post, "/api/v5/trade/cancel-batch-orders", body: body, auth: auth, timestamp: timestamp)
    }

    public func amendOrder(
        _ market: VenueMarket,
        venueOrderID: String? = nil,
        clientOrderID: String? = nil,
        amount: Quantity? = nil,
        price: Price? = nil,
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws -> VenueRequest {
        var body = JSONText()
        body.append("instId", market.venueSymbol)
        body.append("ordId", venueOrderID)
        if venueOrderID == nil { body.append("clOrdId", clientOrderID) }
        body.append("newSz", amount.map { market.round(amount: $0).description })
        body.append("newPx", price.map { market.round(price: $0).description })
        return try signed(.post, "/api/v5/trade/amend-order", body: body.object, auth: auth, timestamp: timestamp)
    }

    public func fetchOrder(
        _ market: VenueMarket,
        venueOrderID: String? = nil,
        clientOrderID: String? = nil,
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws -> VenueRequest {
        var query = FormEncoding()
        query.append("instId", market.venueSymbol)
        query.append("ordId", venueOrderID)
        if venueOrderID == nil { query.append("clOrdId", clientOrderID) }
        return try signed(.get, "/api/v5/trade/order", query: query.encoded, auth: auth, timestamp: timestamp)
    }

    public func openOrders(_ market: VenueMarket?, auth: RequestAuthentication, timestamp: Int64) throws -> VenueRequest
    {
        var query = FormEncoding()
        query.append("instId", market?.venueSymbol)
        return try signed(.get, "/api/v5/trade/orders-pending", query: query.encoded, auth: auth, timestamp: timestamp)
    }

    /// The account's fills of an instrument since `since` (epoch ms), last 3 days (`/trade/fills`).
    public func myTrades(
        _ market: VenueMarket,
        since: Int64? = nil,
        limit: Int? = nil,
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws -> VenueRequest {
        var query = FormEncoding()
        query.append("instType", market.kind == .spot ? "SPOT" : "SWAP")
        query.append("instId", market.venueSymbol)
        query.append("begin", since.map(String.init))
        query.append("limit", limit.map(String.init))
        return try signed(.get, "/api/v5/trade/fills", query: query.encoded, auth: auth, timestamp: timestamp)
    }

    // MARK: Account

    public func balance(auth: RequestAuthentication, timestamp: Int64) throws -> VenueRequest {
        try signed(.get, "/api/v5/account/balance", auth: auth, timestamp: timestamp)
    }

    public func positions(
        _ markets: [VenueMarket],
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws -> VenueRequest {
        var query = FormEncoding()
        if !markets.isEmpty { query.append("instId", markets.map(\.venueSymbol).joined(separator: ",")) }
        return try signed(.get, "/api/v5/account/positions", query: query.encoded, auth: auth, timestamp: timestamp)
    }

    public func setLeverage(
        _ market: VenueMarket,
        leverage: Int,
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws
        -> VenueRequest
    {
        var body = JSONText()
        body.append("instId", market.venueSymbol)
        body.append("lever", String(leverage))
        body.append("mgnMode", isolatedMargin ? "isolated" : "cross")
        return try signed(.post, "/api/v5/account/set-leverage", body: body.object, auth: auth, timestamp: timestamp)
    }

    // MARK: Signing

    func signed(
        _ method: VenueRequest.Method,
        _ path: String,
        query: String = "",
        body: String = "",
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws -> VenueRequest {
        let iso = Prehash.isoTimestamp(milliseconds: timestamp)
        let target = query.isEmpty ? path : "\(path)?\(query)"
        let signature = try auth.signer.base64(
            of: Prehash.okx(timestamp: iso, method: method.rawValue, target: target, body: body)
        )
        var headers: [(name: String, value: String)] = [
            ("OK-ACCESS-KEY", auth.apiKey), ("OK-ACCESS-SIGN", signature), ("OK-ACCESS-TIMESTAMP", iso),
            ("OK-ACCESS-PASSPHRASE", auth.passphrase),
        ]
        if method != .get { headers.append(("Content-Type", "application/json")) }
        if demoTrading { headers.append(("x-simulated-trading", "1")) }
        return VenueRequest(method: method, path: path, query: query, body: body, headers: headers)
    }
}
