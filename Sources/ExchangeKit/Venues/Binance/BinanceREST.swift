public import TradingCore

/// The REST requests of Binance spot (`/api/v3`) and USD-M futures (`/fapi`), built exactly as the venue
/// documents them and in the parameter order ccxt sends, so a request can be compared byte for byte with
/// `../shared/vectors/exchange_binance*.json`.
///
/// Signed requests put `timestamp` first and `recvWindow` last, then `signature`: the hex HMAC-SHA256 of
/// the query string (GET, DELETE) or form body (POST, PUT), or the base64 Ed25519/RSA signature,
/// percent-encoded. The API key goes in `X-MBX-APIKEY`.
public struct BinanceREST: Sendable {
    /// Spot (`api.binance.com`) or USD-M futures (`fapi.binance.com`): a market's kind picks one.
    public enum Product: String, Sendable, Hashable {
        case spot
        case usdm

        public init(_ kind: VenueMarket.Kind) { self = kind == .spot ? .spot : .usdm }

        var prefix: String { self == .spot ? "/api/v3" : "/fapi/v1" }
    }

    /// Milliseconds a signed request stays valid after its timestamp (ccxt's 10 000; at most 60 000).
    public var recvWindow: Int

    public init(recvWindow: Int = 10_000) {
        self.recvWindow = recvWindow
    }

    // MARK: Public data

    public func serverTime(_ product: Product) -> VenueRequest {
        VenueRequest(method: .get, path: "\(product.prefix)/time")
    }

    public func exchangeInfo(_ product: Product) -> VenueRequest {
        VenueRequest(method: .get, path: "\(product.prefix)/exchangeInfo", weight: product == .spot ? 20 : 1)
    }

    /// Candles, oldest first; `since` in epoch milliseconds.
    public func klines(_ market: VenueMarket, interval: String, since: Int64? = nil, limit: Int? = nil) -> VenueRequest
    {
        let product = Product(market.kind)
        var query = FormEncoding()
        query.append("interval", interval)
        query.append("limit", limit.map(String.init))
        query.append("symbol", market.venueSymbol)
        query.append("startTime", since.map(String.init))
        return VenueRequest(
            method: .get,
            path: "\(product.prefix)/klines",
            query: query.encoded,
            weight: product == .spot ? 2 : 5
        )
    }

    public func ticker(_ market: VenueMarket) -> VenueRequest {
        let product = Product(market.kind)
        return VenueRequest(
            method: .get,
            path: "\(product.prefix)/ticker/24hr",
            query: FormEncoding([("symbol", market.venueSymbol)]).encoded,
            weight: product == .spot ? 2 : 1
        )
    }

    /// The book snapshot a local book starts from (`lastUpdateId` plus levels).
    public func depth(_ market: VenueMarket, limit: Int = 1_000) -> VenueRequest {
        let product = Product(market.kind)
        return VenueRequest(
            method: .get,
            path: "\(product.prefix)/depth",
            query: FormEncoding([("symbol", market.venueSymbol), ("limit", String(limit))]).encoded,
            weight: limit <= 100 ? 5 : (limit <= 500 ? 10 : 20)
        )
    }

    // MARK: Orders

    /// A new order. Conditional orders on USD-M go to the algo endpoint (`POST /fapi/v1/algoOrder`,
    /// `algoType=CONDITIONAL`, `clientAlgoId`, `triggerPrice`), as Binance moved them in 2025.
    /// - Throws: ``OrderRequestError`` for an order the product cannot take; ``SigningError``.
    public func createOrder(
        _ order: OrderRequest,
        market: VenueMarket,
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws -> VenueRequest {
        let product = Product(market.kind)
        let order = try order.validated(for: market)
        let algo = product == .usdm && order.kind.isConditional
        var params = FormEncoding()
        params.append("symbol", market.venueSymbol)
        params.append("side", order.side == .buy ? "BUY" : "SELL")
        params.append(algo ? "clientAlgoId" : "newClientOrderId", order.clientOrderID)
        params.append("newOrderRespType", product == .spot ? "FULL" : "RESULT")
        params.append("type", type(of: order, product))
        params.append("quantity", order.amount.description)
        params.append("price", order.price?.description)
        if order.kind.hasLimitPrice && !(product == .spot && order.postOnly) {
            params.append("timeInForce", timeInForce(of: order))
        }
        if let trigger = order.triggerPrice {
            params.append(algo ? "triggerPrice" : "stopPrice", trigger.description)
        }
        if order.reduceOnly { params.append("reduceOnly", "true") }
        if algo { params.append("algoType", "CONDITIONAL") }
        let path = algo ? "/fapi/v1/algoOrder" : "\(product.prefix)/order"
        return try signed(.post, path, params, auth: auth, timestamp: timestamp)
    }

    /// Cancels one order by the venue's ID or the client order ID; `conditional` targets the algo endpoint
    /// on USD-M.
    public func cancelOrder(
        _ market: VenueMarket,
        venueOrderID: String? = nil,
        clientOrderID: String? = nil,
        conditional: Bool = false,
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws -> VenueRequest {
        let product = Product(market.kind)
        let algo = product == .usdm && conditional
        var params = FormEncoding()
        if !algo { params.append("symbol", market.venueSymbol) }
        params.append(algo ? "algoId" : "orderId", venueOrderID)
        if venueOrderID == nil { params.append(algo ? "clientAlgoId" : "origClientOrderId", clientOrderID) }
        return try signed(
            .delete,
            algo ? "/fapi/v1/algoOrder" : "\(product.prefix)/order",
            params,
            auth: auth,
            timestamp: timestamp
        )
    }

    /// Cancels every open order of a symbol.
    public func cancelAllOrders(
        _ market: VenueMarket,
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws -> VenueRequest {
        let product = Product(market.kind)
        let path = product == .spot ? "/api/v3/openOrders" : "/fapi/v1/allOpenOrders"
        return try signed(
            .delete,
            path,
            FormEncoding([("symbol", market.venueSymbol)]),
            auth: auth,
            timestamp: timestamp
        )
    }

    /// Changes a resting USD-M limit order's price and quantity in place (`PUT /fapi/v1/order`). Spot has no
    /// in-place amend of price: cancel and place.
    public func amendOrder(
        _ market: VenueMarket,
        side: OrderSide,
        venueOrderID: String? = nil,
        clientOrderID: String? = nil,
        amount: Quantity,
        price: Price,
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws -> VenueRequest {
        let product = Product(market.kind)
        guard product == .usdm else {
            throw OrderRequestError(field: "amend", "Binance spot cannot amend a price in place: cancel and place")
        }
        var params = FormEncoding()
        params.append("symbol", market.venueSymbol)
        params.append("orderId", venueOrderID)
        if venueOrderID == nil { params.append("origClientOrderId", clientOrderID) }
        params.append("side", side == .buy ? "BUY" : "SELL")
        params.append("quantity", market.round(amount: amount).description)
        params.append("price", market.round(price: price).description)
        return try signed(.put, "/fapi/v1/order", params, auth: auth, timestamp: timestamp)
    }

    /// One order by the venue's ID or the client order ID: how an order of unknown outcome is found.
    public func fetchOrder(
        _ market: VenueMarket,
        venueOrderID: String? = nil,
        clientOrderID: String? = nil,
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws -> VenueRequest {
        let product = Product(market.kind)
        var params = FormEncoding()
        params.append("symbol", market.venueSymbol)
        params.append("orderId", venueOrderID)
        if venueOrderID == nil { params.append("origClientOrderId", clientOrderID) }
        return try signed(.get, "\(product.prefix)/order", params, auth: auth, timestamp: timestamp)
    }

    /// Open orders of one symbol, or of all (a heavier request).
    public func openOrders(
        _ product: Product,
        market: VenueMarket?,
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws -> VenueRequest {
        var params = FormEncoding()
        params.append("symbol", market?.venueSymbol)
        var request = try signed(.get, "\(product.prefix)/openOrders", params, auth: auth, timestamp: timestamp)
        request.weight = market == nil ? (product == .spot ? 80 : 40) : (product == .spot ? 6 : 1)
        return request
    }

    /// USD-M conditional orders waiting for their trigger (`GET /fapi/v1/openAlgoOrders`).
    public func openAlgoOrders(
        _ market: VenueMarket?,
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws -> VenueRequest {
        var params = FormEncoding()
        params.append("symbol", market?.venueSymbol)
        return try signed(.get, "/fapi/v1/openAlgoOrders", params, auth: auth, timestamp: timestamp)
    }

    /// Cancels every USD-M conditional order of a symbol (`DELETE /fapi/v1/algoOpenOrders`).
    public func cancelAllAlgoOrders(
        _ market: VenueMarket,
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws -> VenueRequest {
        try signed(
            .delete,
            "/fapi/v1/algoOpenOrders",
            FormEncoding([("symbol", market.venueSymbol)]),
            auth: auth,
            timestamp: timestamp
        )
    }

    /// The account's fills of a symbol since `since` (epoch ms).
    public func myTrades(
        _ market: VenueMarket,
        since: Int64? = nil,
        limit: Int? = nil,
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws -> VenueRequest {
        let product = Product(market.kind)
        var params = FormEncoding()
        params.append("symbol", market.venueSymbol)
        params.append("startTime", since.map(String.init))
        params.append("limit", limit.map(String.init))
        let path = product == .spot ? "/api/v3/myTrades" : "/fapi/v1/userTrades"
        var request = try signed(.get, path, params, auth: auth, timestamp: timestamp)
        request.weight = product == .spot ? 20 : 5
        return request
    }

    // MARK: Account

    /// Balances: spot `GET /api/v3/account`, USD-M `GET /fapi/v3/account`.
    public func balance(_ product: Product, auth: RequestAuthentication, timestamp: Int64) throws -> VenueRequest {
        var request = try signed(
            .get,
            product == .spot ? "/api/v3/account" : "/fapi/v3/account",
            FormEncoding(),
            auth: auth,
            timestamp: timestamp
        )
        request.weight = product == .spot ? 20 : 5
        return request
    }

    /// USD-M positions (`GET /fapi/v3/positionRisk`), every symbol.
    public func positions(auth: RequestAuthentication, timestamp: Int64) throws -> VenueRequest {
        var request = try signed(.get, "/fapi/v3/positionRisk", FormEncoding(), auth: auth, timestamp: timestamp)
        request.weight = 5
        return request
    }

    /// Sets a USD-M symbol's leverage.
    public func setLeverage(
        _ market: VenueMarket,
        leverage: Int,
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws
        -> VenueRequest
    {
        guard market.kind != .spot else {
            throw OrderRequestError(field: "symbol", "\(market.symbol) is spot: no leverage")
        }
        let params = FormEncoding([("symbol", market.venueSymbol), ("leverage", String(leverage))])
        return try signed(.post, "/fapi/v1/leverage", params, auth: auth, timestamp: timestamp)
    }

    /// Sets a USD-M symbol's margin mode, `ISOLATED` or `CROSSED`.
    public func setMarginMode(
        _ market: VenueMarket,
        isolated: Bool,
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws
        -> VenueRequest
    {
        guard market.kind != .spot else {
            throw OrderRequestError(field: "symbol", "\(market.symbol) is spot: no margin mode")
        }
        let params = FormEncoding([("symbol", market.venueSymbol), ("marginType", isolated ? "ISOLATED" : "CROSSED")])
        return try signed(.post, "/fapi/v1/marginType", params, auth: auth, timestamp: timestamp)
    }

    /// Opens a user data stream: the listen key the private WebSocket subscribes with (kept alive with
    /// ``keepAliveListenKey(_:auth:)`` every 30 minutes; it lapses after 60).
    public func createListenKey(_ product: Product, auth: RequestAuthentication) -> VenueRequest {
        let path = product == .spot ? "/api/v3/userDataStream" : "/fapi/v1/listenKey"
        return VenueRequest(method: .post, path: path, headers: [("X-MBX-APIKEY", auth.apiKey)])
    }

    public func keepAliveListenKey(_ product: Product, auth: RequestAuthentication) -> VenueRequest {
        let path = product == .spot ? "/api/v3/userDataStream" : "/fapi/v1/listenKey"
        return VenueRequest(method: .put, path: path, headers: [("X-MBX-APIKEY", auth.apiKey)])
    }

    // MARK: Signing

    func signed(
        _ method: VenueRequest.Method,
        _ path: String,
        _ params: FormEncoding,
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws -> VenueRequest {
        var all = FormEncoding([("timestamp", String(timestamp))])
        for (name, value) in params.pairs { all.append(name, value) }
        all.append("recvWindow", String(recvWindow))
        let payload = all.encoded
        let signature =
            auth.signer.isHMAC
            ? try auth.signer.hex(of: payload) : FormEncoding.escape(try auth.signer.base64(of: payload))
        let text = payload + "&signature=" + signature
        var headers: [(name: String, value: String)] = [("X-MBX-APIKEY", auth.apiKey)]
        if method == .post || method == .put {
            headers.append(("Content-Type", "application/x-www-form-urlencoded"))
            return VenueRequest(method: method, path: path, body: text, headers: headers)
        }
        return VenueRequest(method: method, path: path, query: text, headers: headers)
    }

    func type(of order: OrderRequest, _ product: Product) -> String {
        switch (product, order.kind) {
        case (_, .market): return "MARKET"
        case (.spot, .limit): return order.postOnly ? "LIMIT_MAKER" : "LIMIT"
        case (.usdm, .limit): return "LIMIT"
        case (.spot, .stopMarket): return "STOP_LOSS"
        case (.spot, .stopLimit): return "STOP_LOSS_LIMIT"
        case (.spot, .takeProfit): return "TAKE_PROFIT"
        case (.spot, .takeProfitLimit): return "TAKE_PROFIT_LIMIT"
        case (.usdm, .stopMarket): return "STOP_MARKET"
        case (.usdm, .stopLimit): return "STOP"
        case (.usdm, .takeProfit): return "TAKE_PROFIT_MARKET"
        case (.usdm, .takeProfitLimit): return "TAKE_PROFIT"
        }
    }

    func timeInForce(of order: OrderRequest) -> String {
        if order.postOnly { return "GTX" }  // USD-M's post-only; spot uses LIMIT_MAKER instead
        switch order.timeInForce {
        case .ioc: return "IOC"
        case .fok: return "FOK"
        case .gtc, .postOnly: return "GTC"
        }
    }
}
