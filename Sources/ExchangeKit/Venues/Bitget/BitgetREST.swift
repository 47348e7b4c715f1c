public import TradingCore

/// The REST requests of Bitget v2 (classic account): spot (`/api/v2/spot`) and USDT-M futures
/// (`/api/v2/mix`, `productType=USDT-FUTURES`), in the field order ccxt sends, so signed requests compare
/// byte for byte with `exchange_bitget.json`.
///
/// Signed requests carry `ACCESS-KEY`, `ACCESS-SIGN` (base64 HMAC-SHA256 of ms timestamp + METHOD + path
/// with query + body), `ACCESS-TIMESTAMP` and `ACCESS-PASSPHRASE`.
public struct BitgetREST: Sendable {
    /// Which price a stop watches: `mark_price` (ccxt's default: a wick on one venue's trades does not trip
    /// it) or `fill_price` (the last trade).
    public enum TriggerPrice: String, Sendable, Hashable {
        case mark = "mark_price"
        case last = "fill_price"
    }

    public var isolatedMargin: Bool
    /// Long/short (hedge) position mode: reduce-only orders are sent as `tradeSide=Close` on the
    /// position's side, as Bitget requires.
    public var hedgeMode: Bool
    public var triggerPrice: TriggerPrice
    public static let productType = "USDT-FUTURES"

    public init(isolatedMargin: Bool = false, hedgeMode: Bool = false, triggerPrice: TriggerPrice = .mark) {
        self.isolatedMargin = isolatedMargin
        self.hedgeMode = hedgeMode
        self.triggerPrice = triggerPrice
    }

    var marginMode: String { isolatedMargin ? "isolated" : "crossed" }

    // MARK: Public data

    public func serverTime() -> VenueRequest { VenueRequest(method: .get, path: "/api/v2/public/time") }

    public func instruments(_ kind: VenueMarket.Kind) -> VenueRequest {
        kind == .spot
            ? VenueRequest(method: .get, path: "/api/v2/spot/public/symbols")
            : VenueRequest(method: .get, path: "/api/v2/mix/market/contracts", query: "productType=\(Self.productType)")
    }

    /// Candles, oldest first; `granularity` is Bitget's code (`1min`, `1h`, `1day` on spot; `1m`, `1H`,
    /// `1D` on futures).
    public func klines(
        _ market: VenueMarket,
        granularity: String,
        since: Int64? = nil,
        limit: Int? = nil
    ) -> VenueRequest {
        var query = FormEncoding()
        query.append("symbol", market.venueSymbol)
        if market.isContract { query.append("productType", Self.productType) }
        query.append("granularity", granularity)
        query.append("startTime", since.map(String.init))
        query.append("limit", limit.map(String.init))
        let path = market.isContract ? "/api/v2/mix/market/candles" : "/api/v2/spot/market/candles"
        return VenueRequest(method: .get, path: path, query: query.encoded)
    }

    public func ticker(_ market: VenueMarket) -> VenueRequest {
        var query = FormEncoding([("symbol", market.venueSymbol)])
        if market.isContract { query.append("productType", Self.productType) }
        let path = market.isContract ? "/api/v2/mix/market/ticker" : "/api/v2/spot/market/tickers"
        return VenueRequest(method: .get, path: path, query: query.encoded)
    }

    public func depth(_ market: VenueMarket, limit: Int) -> VenueRequest {
        var query = FormEncoding([("symbol", market.venueSymbol)])
        if !market.isContract { query.append("type", "step0") }
        query.append("limit", String(limit))
        if market.isContract { query.append("productType", Self.productType) }
        let path = market.isContract ? "/api/v2/mix/market/merge-depth" : "/api/v2/spot/market/orderbook"
        return VenueRequest(method: .get, path: path, query: query.encoded)
    }

    // MARK: Orders

    /// A new order (`place-order`). Bitget sizes a spot market buy in the quote coin: `referencePrice`
    /// converts the base amount (rounded to the tick's decimals), and is required for one.
    /// Futures stops and take-profits that reduce go to `place-tpsl-order` (`loss_plan`/`profit_plan` for
    /// the order's size, or `pos_loss`/`pos_profit` for the whole position with `wholePosition`); other
    /// conditional orders to `place-plan-order` (`normal_plan`).
    public func createOrder(
        _ order: OrderRequest,
        market: VenueMarket,
        referencePrice: Price? = nil,
        wholePosition: Bool = false,
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws -> VenueRequest {
        let order = try order.validated(for: market)
        if order.kind.isConditional { return try conditional(order, market, wholePosition, auth, timestamp) }
        var body = JSONText()
        body.append("symbol", market.venueSymbol)
        body.append("orderType", order.kind == .market ? "market" : "limit")
        body.append("price", order.price?.description)
        body.append("force", force(order))
        var size = order.amount.description
        if market.kind == .spot && order.kind == .market && order.side == .buy {
            guard let referencePrice else {
                throw OrderRequestError(
                    field: "price",
                    "Bitget sizes a spot market buy in \(market.quote): give a reference price"
                )
            }
            let cost = Price(raw: FixedPoint.multiply(order.amount.raw, referencePrice.raw, rounding: .toNearestOrEven))
            size =
                Price(raw: FixedPoint.round(cost.raw, toMultipleOf: market.tickSize.raw, rounding: .toNearestOrEven))
                .description
        }
        if market.isContract {
            body.append("marginCoin", market.settle ?? market.quote)
            body.append("size", size)
            body.append("productType", Self.productType)
            body.append("clientOid", order.clientOrderID)
            body.append("marginMode", marginMode)
            if hedgeMode {
                body.append("tradeSide", order.reduceOnly ? "Close" : "Open")
                // In hedge mode a closing order names the position's side: selling closes a long ("buy").
                body.append("side", order.reduceOnly ? order.side.opposite.rawValue : order.side.rawValue)
            } else {
                if order.reduceOnly { body.append("reduceOnly", "YES") }
                body.append("side", order.side.rawValue)
            }
        } else {
            body.append("side", order.side.rawValue)
            body.append("clientOid", order.clientOrderID)
            body.append("size", size)
        }
        let path = market.isContract ? "/api/v2/mix/order/place-order" : "/api/v2/spot/trade/place-order"
        return try signed(.post, path, body: body.object, auth: auth, timestamp: timestamp)
    }

    func force(_ order: OrderRequest) -> String {
        if order.postOnly { return "post_only" }
        switch order.timeInForce {
        case .ioc: return "IOC"
        case .fok: return "FOK"
        case .gtc, .postOnly: return "GTC"
        }
    }

    func conditional(
        _ order: OrderRequest,
        _ market: VenueMarket,
        _ wholePosition: Bool,
        _ auth: RequestAuthentication,
        _ timestamp: Int64
    ) throws -> VenueRequest {
        let trigger = order.triggerPrice?.description
        let stop = order.kind == .stopMarket || order.kind == .stopLimit
        var body = JSONText()
        body.append("symbol", market.venueSymbol)
        if market.isContract && order.reduceOnly {
            body.append("orderType", order.price == nil ? "market" : "limit")
            body.append("force", force(order))
            body.append("marginCoin", market.settle ?? market.quote)
            body.append("size", order.amount.description)
            body.append("productType", Self.productType)
            body.append("triggerType", triggerPrice.rawValue)
            // The position the exit closes: a sell closes a long ("buy").
            body.append("holdSide", order.side.opposite.rawValue)
            body.append("triggerPrice", trigger)
            body.append("executePrice", order.price?.description)
            body.append(
                "planType",
                wholePosition ? (stop ? "pos_loss" : "pos_profit") : (stop ? "loss_plan" : "profit_plan")
            )
            body.append("clientOid", order.clientOrderID)
            return try signed(
                .post,
                "/api/v2/mix/order/place-tpsl-order",
                body: body.object,
                auth: auth,
                timestamp: timestamp
            )
        }
        if market.isContract {
            body.append("productType", Self.productType)
            body.append("marginMode", marginMode)
            body.append("marginCoin", market.settle ?? market.quote)
            body.append("size", order.amount.description)
            body.append("price", order.price?.description)
            body.append("triggerPrice", trigger)
            body.append("triggerType", triggerPrice.rawValue)
            body.append("side", order.side.rawValue)
            body.append("orderType", order.price == nil ? "market" : "limit")
            body.append("planType", "normal_plan")
            body.append("clientOid", order.clientOrderID)
            return try signed(
                .post,
                "/api/v2/mix/order/place-plan-order",
                body: body.object,
                auth: auth,
                timestamp: timestamp
            )
        }
        body.append("side", order.side.rawValue)
        body.append("triggerPrice", trigger)
        body.append("orderType", order.price == nil ? "market" : "limit")
        body.append("executePrice", order.price?.description)
        body.append("planType", "amount")
        body.append("size", order.amount.description)
        body.append("triggerType", triggerPrice.rawValue)
        body.append("clientOid", order.clientOrderID)
        return try signed(
            .post,
            "/api/v2/spot/trade/place-plan-order",
            body: body.object,
            auth: auth,
            timestamp: timestamp
        )
    }

    public func cancelOrder(
        _ market: VenueMarket,
        venueOrderID: String? = nil,
        clientOrderID: String? = nil,
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws -> VenueRequest {
        var body = JSONText()
        body.append("symbol", market.venueSymbol)
        if market.isContract {
            body.append("productType", Self.productType)
            body.append("marginCoin", market.settle ?? market.quote)
        }
        body.append("orderId", venueOrderID)
        if venueOrderID == nil { body.append("clientOid", clientOrderID) }
        let path = market.isContract ? "/api/v2/mix/order/cancel-order" : "/api/v2/spot/trade/cancel-order"
        return try signed(.post, path, body: body.object, auth: auth, timestamp: timestamp)
    }

    public func cancelAllOrders(
        _ market: VenueMarket,
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws -> VenueRequest {
        var body = JSONText()
        if market.isContract {
            body.append("productType", Self.productType)
            body.append("marginCoin", market.settle ?? market.quote)
        }
        body.append("symbol", market.venueSymbol)
        let path = market.isContract ? "/api/v2/mix/order/cancel-all-orders" : "/api/v2/spot/trade/cancel-symbol-order"
        return try signed(.post, path, body: body.object, auth: auth, timestamp: timestamp)
    }

    /// Changes a futures order's size and price (`modify-order`; Bitget gives the amended order a new
    /// client ID, `newClientOid`).
    public func amendOrder(
        _ market: VenueMarket,
        venueOrderID: String? = nil,
        clientOrderID: String? = nil,
        newClientOrderID: String,
        amount: Quantity,
        price: Price,
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws -> VenueRequest {
        guard market.isContract else {
            throw OrderRequestError(field: "amend", "Bitget spot cannot amend an order: cancel and place")
        }
        var body = JSONText()
        body.append("symbol", market.venueSymbol)
        body.append("productType", Self.productType)
        body.append("marginCoin", market.settle ?? market.quote)
        body.append("orderId", venueOrderID)
        if venueOrderID == nil { body.append("clientOid", clientOrderID) }
        body.append("newClientOid", newClientOrderID)
        body.append("newSize", market.round(amount: amount).description)
        body.append("newPrice", market.round(price: price).description)
        return try signed(.post, "/api/v2/mix/order/modify-order", body: body.object, auth: auth, timestamp: timestamp)
    }

    public func fetchOrder(
        _ market: VenueMarket,
        venueOrderID: String? = nil,
        clientOrderID: String? = nil,
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws -> VenueRequest {
        var query = FormEncoding()
        query.append("orderId", venueOrderID)
        if venueOrderID == nil { query.append("clientOid", clientOrderID) }
        if market.isContract {
            query.append("productType", Self.productType)
            query.append("symbol", market.venueSymbol)
            return try signed(.get, "/api/v2/mix/order/detail", query: query.encoded, auth: auth, timestamp: timestamp)
        }
        return try signed(.get, "/api/v2/spot/trade/orderInfo", query: query.encoded, auth: auth, timestamp: timestamp)
    }

    public func openOrders(_ market: VenueMarket, auth: RequestAuthentication, timestamp: Int64) throws -> VenueRequest
    {
        var query = FormEncoding()
        if market.isContract { query.append("productType", Self.productType) }
        query.append("symbol", market.venueSymbol)
        let path = market.isContract ? "/api/v2/mix/order/orders-pending" : "/api/v2/spot/trade/unfilled-orders"
        return try signed(.get, path, query: query.encoded, auth: auth, timestamp: timestamp)
    }

    public func myTrades(
        _ market: VenueMarket,
        since: Int64? = nil,
        limit: Int? = nil,
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws -> VenueRequest {
        var query = FormEncoding()
        query.append("limit", limit.map(String.init))
        query.append("symbol", market.venueSymbol)
        if market.isContract { query.append("productType", Self.productType) }
        query.append("startTime", since.map(String.init))
        let path = market.isContract ? "/api/v2/mix/order/fills" : "/api/v2/spot/trade/fills"
        return try signed(.get, path, query: query.encoded, auth: auth, timestamp: timestamp)
    }

    // MARK: Account

    public func balance(_ kind: VenueMarket.Kind, auth: RequestAuthentication, timestamp: Int64) throws -> VenueRequest
    {
        kind == .spot
            ? try signed(.get, "/api/v2/spot/account/assets", auth: auth, timestamp: timestamp)
            : try signed(
                .get,
                "/api/v2/mix/account/accounts",
                query: "productType=\(Self.productType)",
                auth: auth,
                timestamp: timestamp
            )
    }

    /// Every USDT-M futures position.
    public func positions(auth: RequestAuthentication, timestamp: Int64) throws -> VenueRequest {
        let query = FormEncoding([("marginCoin", "USDT"), ("productType", Self.productType)])
        return try signed(
            .get,
            "/api/v2/mix/position/all-position",
            query: query.encoded,
            auth: auth,
            timestamp: timestamp
        )
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
        body.append("symbol", market.venueSymbol)
        body.append("productType", Self.productType)
        body.append("marginCoin", market.settle ?? market.quote)
        body.append("leverage", String(leverage))
        return try signed(
            .post,
            "/api/v2/mix/account/set-leverage",
            body: body.object,
            auth: auth,
            timestamp: timestamp
        )
    }

    public func setMarginMode(
        _ market: VenueMarket,
        auth: RequestAuthentication,
        timestamp: Int64
    ) throws -> VenueRequest {
        guard market.isContract else {
            throw OrderRequestError(field: "symbol", "\(market.symbol) is spot: no margin mode")
        }
        var body = JSONText()
        body.append("symbol", market.venueSymbol)
        body.append("productType", Self.productType)
        body.append("marginCoin", market.settle ?? market.quote)
        body.append("marginMode", marginMode)
        return try signed(
            .post,
            "/api/v2/mix/account/set-margin-mode",
            body: body.object,
            auth: auth,
            timestamp: timestamp
        )
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
        let target = query.isEmpty ? path : "\(path)?\(query)"
        let signature = try auth.signer.base64(
            of: Prehash.bitget(timestamp: timestamp, method: method.rawValue, target: target, body: body)
        )
        var headers: [(name: String, value: String)] = [
            ("ACCESS-KEY", auth.apiKey), ("ACCESS-SIGN", signature), ("ACCESS-TIMESTAMP", String(timestamp)),
            ("ACCESS-PASSPHRASE", auth.passphrase),
        ]
        if method != .get { headers.append(("Content-Type", "application/json")) }
        return VenueRequest(method: method, path: path, query: query, body: body, headers: headers)
    }
}
