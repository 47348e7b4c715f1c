public import TradingCore

/// The REST requests of Bybit v5 (unified trading account): spot, linear and inverse perpetuals, in the
/// field order ccxt sends, so signed requests compare byte for byte with `exchange_bybit.json`.
///
/// Signed requests carry `X-BAPI-API-KEY`, `X-BAPI-TIMESTAMP`, `X-BAPI-RECV-WINDOW` and `X-BAPI-SIGN`: the
/// hex HMAC-SHA256 of timestamp + key + window + (GET query, or the exact JSON body).
public struct BybitREST: Sendable {
    /// Milliseconds a signed request stays valid (Bybit's default 5 000).
    public var recvWindow: Int

    public init(recvWindow: Int = 5_000) { self.recvWindow = recvWindow }

    static func category(_ kind: VenueMarket.Kind) -> String {
        switch kind {
        case .spot: "spot"
        case .linear: "linear"
        case .inverse: "inverse"
        }
    }

    // MARK: Public data

    public func serverTime() -> VenueRequest { VenueRequest(method: .get, path: "/v5/market/time") }

    public func instruments(_ kind: VenueMarket.Kind) -> VenueRequest {
        VenueRequest(
            method: .get,
            path: "/v5/market/instruments-info",
            query: FormEncoding([("category", Self.category(kind)), ("limit", "1000")]).encoded
        )
    }

    /// Candles, newest first as Bybit sends them; `interval` is Bybit's code (`1`, `60`, `D`).
    public func klines(_ market: VenueMarket, interval: String, since: Int64? = nil, limit: Int? = nil) -> VenueRequest
    {
        var query = FormEncoding()
        query.append("category", Self.category(market.kind))
        query.append("symbol", market.venueSymbol)
        query.append("interval", interval)
        query.append("start", since.map(String.init))
        query.append("limit", limit.map(String.init))
        return VenueRequest(method: .get, path: "/v5/market/kline", query: query.encoded)
    }

    public func ticker(_ market: VenueMarket) -> VenueRequest {
        let query = FormEncoding([("category", Self.category(market.kind)), ("symbol", market.venueSymbol)])
        return VenueRequest(method: .get, path: "/v5/market/tickers", query: query.encoded)
    }

    public func depth(_ market: VenueMarket, limit: Int = 200) -> VenueRequest {
        let query = FormEncoding([
            ("category", Self.category(market.kind)), ("symbol", market.venueSymbol), ("limit", String(limit)),
        ])
        return VenueRequest(method: .get, path: "/v5/market/orderbook", query: query.encoded)
    }

    // MARK: Orders

    /// A new order (`POST /v5/order/create`). Spot market orders are sized in the base coin
    /// (`marketUnit=baseCoin`: Bybit would otherwise read a market buy's `qty` as quote coin). Stops and
    /// take-profits are conditional orders: `triggerPrice` with `triggerDirection` 1 (rises to it) or 2
    /// (falls to it); on spot with `orderFilter=StopOrder`.
    public func createOrder(
        _ order: OrderRequest,
        market: VenueMarket,
        stopLoss: Price? = nil,
        takeProfit: Price? = nil,
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws -> VenueRequest {
        let order = try order.validated(for: market)
        var body = JSONText()
        body.append("symbol", market.venueSymbol)
        body.append("side", order.side == .buy ? "Buy" : "Sell")
        body.append("orderType", order.kind.hasLimitPrice ? "Limit" : "Market")
        if order.postOnly {
            body.append("timeInForce", "PostOnly")
        } else if order.kind.hasLimitPrice && order.timeInForce != .gtc {
            body.append("timeInForce", order.timeInForce == .ioc ? "IOC" : "FOK")
        } else if order.kind == .market && order.timeInForce == .fok {
            body.append("timeInForce", "FOK")
        }
        if market.kind == .spot && order.kind.isConditional { body.append("orderFilter", "StopOrder") }
        body.append("orderLinkId", order.clientOrderID)
        body.append("price", order.price?.description)
        body.append("category", Self.category(market.kind))
        if market.kind == .spot && !order.kind.hasLimitPrice { body.append("marketUnit", "baseCoin") }
        body.append("qty", order.amount.description)
        if let trigger = order.triggerPrice {
            let stop = order.kind == .stopMarket || order.kind == .stopLimit
            // A buy stop and a sell take-profit wait for the price to rise; the others for it to fall.
            let rises = (order.side == .buy) == stop
            if market.kind != .spot { body.append("triggerDirection", rises ? "1" : "2") }
            body.append("triggerPrice", trigger.description)
        }
        body.append("stopLoss", stopLoss.map { market.round(price: $0).description })
        body.append("takeProfit", takeProfit.map { market.round(price: $0).description })
        if order.reduceOnly { body.append("reduceOnly", true) }
        return try signed(.post, "/v5/order/create", body: body.object, auth: auth, timestamp: timestamp)
    }

    /// Cancels one order by Bybit's `orderId` or the `orderLinkId`.
    public func cancelOrder(
        _ market: VenueMarket,
        venueOrderID: String? = nil,
        clientOrderID: String? = nil,
        conditional: Bool = false,
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws -> VenueRequest {
        var body = JSONText()
        body.append("symbol", market.venueSymbol)
        if market.kind == .spot { body.append("orderFilter", conditional ? "StopOrder" : "Order") }
        body.append("orderId", venueOrderID)
        if venueOrderID == nil { body.append("orderLinkId", clientOrderID) }
        body.append("category", Self.category(market.kind))
        return try signed(.post, "/v5/order/cancel", body: body.object, auth: auth, timestamp: timestamp)
    }

    public func cancelAllOrders(
        _ market: VenueMarket,
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws -> VenueRequest {
        var body = JSONText()
        body.append("category", Self.category(market.kind))
        body.append("symbol", market.venueSymbol)
        return try signed(.post, "/v5/order/cancel-all", body: body.object, auth: auth, timestamp: timestamp)
    }

    /// Changes a working order's quantity, price or trigger in place (`POST /v5/order/amend`).
    public func amendOrder(
        _ market: VenueMarket,
        venueOrderID: String? = nil,
        clientOrderID: String? = nil,
        amount: Quantity? = nil,
        price: Price? = nil,
        triggerPrice: Price? = nil,
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws -> VenueRequest {
        var body = JSONText()
        body.append("category", Self.category(market.kind))
        body.append("symbol", market.venueSymbol)
        body.append("orderId", venueOrderID)
        if venueOrderID == nil { body.append("orderLinkId", clientOrderID) }
        body.append("qty", amount.map { market.round(amount: $0).description })
        body.append("price", price.map { market.round(price: $0).description })
        body.append("triggerPrice", triggerPrice.map { market.round(price: $0).description })
        return try signed(.post, "/v5/order/amend", body: body.object, auth: auth, timestamp: timestamp)
    }

    /// One order by ID or client ID: `GET /v5/order/realtime` also returns orders closed in the last
    /// minutes, and ``orderHistory(_:venueOrderID:clientOrderID:auth:timestamp:)`` older ones.
    public func fetchOrder(
        _ market: VenueMarket,
        venueOrderID: String? = nil,
        clientOrderID: String? = nil,
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws -> VenueRequest {
        let query = orderQuery(market, venueOrderID, clientOrderID)
        return try signed(.get, "/v5/order/realtime", query: query, auth: auth, timestamp: timestamp)
    }

    public func orderHistory(
        _ market: VenueMarket,
        venueOrderID: String? = nil,
        clientOrderID: String? = nil,
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws -> VenueRequest {
        let query = orderQuery(market, venueOrderID, clientOrderID)
        return try signed(.get, "/v5/order/history", query: query, auth: auth, timestamp: timestamp)
    }

    /// The query naming one order, by Bybit's ID or else the link ID.
    func orderQuery(_ market: VenueMarket, _ venueOrderID: String?, _ clientOrderID: String?) -> String {
        var query = FormEncoding()
        query.append("symbol", market.venueSymbol)
        query.append("orderId", venueOrderID)
        if venueOrderID == nil { query.append("orderLinkId", clientOrderID) }
        query.append("category", Self.category(market.kind))
        return query.encoded
    }

    public func openOrders(_ market: VenueMarket, auth: RequestAuthentication, timestamp: Int64) throws -> VenueRequest
    {
        let query = FormEncoding([("symbol", market.venueSymbol), ("category", Self.category(market.kind))])
        return try signed(.get, "/v5/order/realtime", query: query.encoded, auth: auth, timestamp: timestamp)
    }

    /// The account's executions of a symbol since `since` (epoch ms).
    public func myTrades(
        _ market: VenueMarket,
        since: Int64? = nil,
        limit: Int? = nil,
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws -> VenueRequest {
        var query = FormEncoding()
        query.append("symbol", market.venueSymbol)
        query.append("startTime", since.map(String.init))
        query.append("limit", limit.map(String.init))
        query.append("category", Self.category(market.kind))
        return try signed(.get, "/v5/execution/list", query: query.encoded, auth: auth, timestamp: timestamp)
    }

    // MARK: Account

    public func balance(auth: RequestAuthentication, timestamp: Int64) throws -> VenueRequest {
        try signed(.get, "/v5/account/wallet-balance", query: "accountType=UNIFIED", auth: auth, timestamp: timestamp)
    }

    /// Positions of the given markets, or every USDT-settled linear position (up to 200, Bybit's page).
    public func positions(
        _ markets: [VenueMarket],
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws -> VenueRequest {
        var query = FormEncoding()
        if let market = markets.first, markets.count == 1 {
            query.append("symbol", market.venueSymbol)
            query.append("limit", "200")
            query.append("category", Self.category(market.kind))
        } else {
            let kind = markets.first?.kind ?? .linear
            query.append("settleCoin", markets.first?.settle ?? "USDT")
            query.append("limit", "200")
            query.append("category", Self.category(kind))
        }
        return try signed(.get, "/v5/position/list", query: query.encoded, auth: auth, timestamp: timestamp)
    }

    public func setLeverage(
        _ market: VenueMarket,
        leverage: Int,
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws
        -> VenueRequest
    {
        guard market.isContract else {
            throw OrderRequestError(field: "symbol", "\(market.symbol) is spot: no leverage")
        }
        var body = JSONText()
        body.append("category", Self.category(market.kind))
        body.append("symbol", market.venueSymbol)
        body.append("buyLeverage", String(leverage))
        body.append("sellLeverage", String(leverage))
        return try signed(.post, "/v5/position/set-leverage", body: body.object, auth: auth, timestamp: timestamp)
    }

    /// Sets the unified account's margin mode (account-wide on Bybit: `ISOLATED_MARGIN` or `REGULAR_MARGIN`).
    public func setMarginMode(isolated: Bool, auth: RequestAuthentication, timestamp: Int64) throws -> VenueRequest {
        var body = JSONText()
        body.append("setMarginMode", isolated ? "ISOLATED_MARGIN" : "REGULAR_MARGIN")
        return try signed(.post, "/v5/account/set-margin-mode", body: body.object, auth: auth, timestamp: timestamp)
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
        let payload = method == .get ? query : body
        let signature = try auth.signer.hex(
            of: Prehash.bybit(timestamp: timestamp, apiKey: auth.apiKey, recvWindow: recvWindow, payload: payload)
        )
        return VenueRequest(
            method: method,
            path: path,
            query: query,
            body: body,
            headers: [
                ("X-BAPI-API-KEY", auth.apiKey), ("X-BAPI-TIMESTAMP", String(timestamp)),
                ("X-BAPI-RECV-WINDOW", String(recvWindow)), ("X-BAPI-SIGN", signature),
                ("Content-Type", "application/json"),
            ]
        )
    }
}
