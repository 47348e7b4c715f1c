import TradingBacktest
public import TradingCore
import TradingReports

/// Binance's SIGNED endpoints on spot (`/api/v3`) and USD-M (`/fapi`): orders, fills, balances, positions
/// and futures settings. Each request is checked by the ``RequestAuthenticator`` (the account is the one
/// whose key and secret signed it) and then applied to that account on the ``SimVenue``, all or nothing.
public struct BinanceAccountAPI: Sendable {
    public let authenticator: RequestAuthenticator
    public let venue: SimVenue

    public init(accounts: [SimAccount], venue: SimVenue) {
        authenticator = RequestAuthenticator(accounts: accounts)
        self.venue = venue
    }

    /// The signed endpoints, by method and path.
    static let endpoints: Set<String> = [
        "POST /api/v3/order", "GET /api/v3/order", "DELETE /api/v3/order", "POST /api/v3/order/test",
        "GET /api/v3/openOrders", "DELETE /api/v3/openOrders", "GET /api/v3/allOrders", "GET /api/v3/myTrades",
        "GET /api/v3/account",
        "POST /fapi/v1/order", "GET /fapi/v1/order", "DELETE /fapi/v1/order", "GET /fapi/v1/openOrder",
        "GET /fapi/v1/openOrders", "DELETE /fapi/v1/allOpenOrders", "GET /fapi/v1/allOrders",
        "GET /fapi/v1/userTrades", "GET /fapi/v2/positionRisk", "GET /fapi/v3/positionRisk", "GET /fapi/v2/account",
        "GET /fapi/v3/account", "GET /fapi/v2/balance", "GET /fapi/v3/balance", "POST /fapi/v1/leverage",
        "POST /fapi/v1/marginType", "GET /fapi/v1/income", "GET /fapi/v1/positionSide/dual",
        "GET /fapi/v1/multiAssetsMargin", "GET /fapi/v1/commissionRate", "POST /fapi/v1/algoOrder",
        "GET /fapi/v1/algoOrder",
        "DELETE /fapi/v1/algoOrder", "GET /fapi/v1/openAlgoOrders", "GET /fapi/v1/allAlgoOrders",
        "DELETE /fapi/v1/algoOpenOrders", "GET /fapi/v1/leverageBracket",
    ]

    /// Whether `method path` is a signed endpoint of the sim.
    public static func serves(method: String, path: String) -> Bool { endpoints.contains("\(method) \(path)") }

    /// The answer to a signed endpoint, or `nil` when `method path` is not one (the public API answers it).
    public func handle(
        method: String,
        path: String,
        query: String,
        body: String,
        apiKey: String?,
        wall: Timestamp
    ) -> (status: Int, body: String)? {
        guard Self.serves(method: method, path: path) else { return nil }
        do throws(BinanceError) {
            let (account, parameters) = try authenticator.verified(
                apiKey: apiKey,
                rawQuery: query,
                rawBody: body,
                wall: wall
            )
            let venue = self.venue
            let answer = try venue.withAccount(apiKey: account.apiKey, wall: wall) {
                (book: inout SimVenue.Account, now: Timestamp, nextOrderId: () -> Int64) throws(BinanceError) in
                let answer = try Self.answer(method, path, parameters, &book, now, nextOrderId)
                if venue.journal != nil && Self.changesState(method: method, path: path) {
                    let raw = RequestAuthenticator.removingSignature(query).rest
                    let rawBody = RequestAuthenticator.removingSignature(body).rest
                    try venue.journal(
                        SimJournal.Entry(
                            marketTime: now.nanoseconds,
                            apiKey: account.apiKey,
                            method: method,
                            path: path,
                            parameters: String(raw) + (raw.isEmpty || rawBody.isEmpty ? "" : "&") + rawBody
                        )
                    )
                }
                return answer
            }
            return (200, answer.serialized(compact: true))
        } catch {
            return (error.status, BinancePublicAPI.errorBody(error))
        }
    }

    /// The endpoint of a signed path: what follows `/api/v3/` or `/fapi/vN/` (`order`, `order/test`).
    static func endpoint(of path: String) -> Substring {
        var slashes = 0
        var index = path.startIndex
        while index < path.endIndex {
            if path.utf8[index] == UInt8(ascii: "/") {
                slashes += 1
                if slashes == 3 { return path[path.index(after: index)...] }
            }
            index = path.utf8.index(after: index)
        }
        return ""
    }

    /// Whether a (successful) request changes the venue's state, and so goes into the journal.
    static func changesState(method: String, path: String) -> Bool {
        (method == "POST" && !path.hasSuffix("/order/test")) || method == "DELETE"
    }

    /// Applies a journal entry again (``SimVenue/replay(_:apply:)``).
    public static func replay(
        _ entry: SimJournal.Entry,
        account: inout SimVenue.Account,
        now: Timestamp,
        nextOrderId: () -> Int64
    ) throws(BinanceError) {
        _ = try answer(entry.method, entry.path, try QueryParameters(raw: entry.parameters), &account, now, nextOrderId)
    }

    static func symbol(_ parameters: QueryParameters, _ kind: SimMarketKind) throws(BinanceError) -> SimSymbol {
        guard let symbol = SimSymbol.find(try parameters.symbol(), on: kind) else { throw .invalidSymbol }
        return symbol
    }

    static func optionalSymbol(_ parameters: QueryParameters, _ kind: SimMarketKind) throws(BinanceError) -> SimSymbol?
    {
        parameters.optional("symbol") == nil ? nil : try symbol(parameters, kind)
    }

    static func instrument(_ symbol: SimSymbol) -> InstrumentIndex {
        InstrumentIndex(SimInstruments.symbols(symbol.kind).firstIndex(of: symbol) ?? 0)
    }

    /// The order named by `orderId` or `origClientOrderId`.
    static func named(
        _ parameters: QueryParameters,
        _ book: AccountMarket,
        _ symbol: SimSymbol
    ) throws(BinanceError)
        -> SimOrder
    {
        let orderId = try parameters.integer("orderId", in: 0...Int64.max)
        let clientId = parameters.optional("origClientOrderId")
        guard orderId != nil || clientId != nil else {
            throw BinanceError(
                code: -1102,
                message: "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!"
            )
        }
        guard let order = book.find(orderId: orderId, clientOrderId: clientId, symbol: symbol) else {
            throw BinanceError(code: -2013, message: "Order does not exist.")
        }
        return order
    }

    /// The algo order named by `algoId` or `clientAlgoId`.
    static func algoOrder(_ parameters: QueryParameters, _ book: AccountMarket) throws(BinanceError) -> SimOrder {
        let algoId = try parameters.integer("algoId", in: 0...Int64.max)
        let clientId = parameters.optional("clientAlgoId")
        guard algoId != nil || clientId != nil else {
            throw BinanceError(
                code: -1102,
                message: "Param 'algoId' or 'clientAlgoId' must be sent, but both were empty/null!"
            )
        }
        // By ID at once; by client ID alone, the latest of the account's algo orders with it.
        let candidates = algoId.map { book.orders[$0].map { [$0] } ?? [] } ?? book.orders.values
        let found = candidates.filter { $0.isAlgo && (clientId == nil || $0.clientOrderId == clientId) }
        guard let order = found.max(by: { $0.orderId < $1.orderId }) else {
            throw BinanceError(code: -2013, message: "Order does not exist.")
        }
        return order
    }

    /// Orders or trades limited as Binance limits them (`limit` 1…1000, default 500; `fromId`, `startTime`,
    /// `endTime`).
    static func window<T>(
        _ items: [T],
        _ parameters: QueryParameters,
        id: (T) -> Int64,
        time: (T) -> Int64
    )
        throws(BinanceError) -> [T]
    {
        let limit = Int(try parameters.integer("limit", in: 1...1_000) ?? 500)
        let fromId = try parameters.integer(
            parameters.optional("fromId") != nil ? "fromId" : "orderId",
            in: 0...Int64.max
        )
        let start = try parameters.integer("startTime", in: 0...Int64.max)
        let end = try parameters.integer("endTime", in: 0...Int64.max)
        let selected = items.filter {
            (fromId == nil || id($0) >= fromId!) && (start == nil || time($0) >= start!)
                && (end == nil || time($0) <= end!)
        }
        return start != nil && fromId == nil ? Array(selected.prefix(limit)) : Array(selected.suffix(limit))
    }

    static func answer(
        _ method: String,
        _ path: String,
        _ parameters: QueryParameters,
        _ account: inout SimVenue.Account,
        _ now: Timestamp,
        _ nextOrderId: () -> Int64
    ) throws(BinanceError) -> JSONValue {
        let kind: SimMarketKind = path.hasPrefix("/api/") ? .spot : .usdm
        let endpoint = Self.endpoint(of: path)
        let time = now.milliseconds
        switch (method, endpoint) {
        case ("POST", "order"), ("POST", "order/test"), ("POST", "algoOrder"):
            let algo = endpoint == "algoOrder"
            let respType = parameters.optional("newOrderRespType") ?? (kind == .spot ? "FULL" : "ACK")
            guard ["ACK", "RESULT", "FULL"].contains(respType) else {
                throw BinanceError(code: -1130, message: "Data sent for parameter 'newOrderRespType' is not valid.")
            }
            var order = try BinanceOrderParser.parse(parameters, kind: kind, algo: algo) { symbol in
                account[kind].lastPrice[instrument(symbol).int]
            }
            if order.closePosition && order.quantity == nil {
                let position = account.futures.positionRaw(order.instrument)
                guard position != 0, (position > 0) == (order.side == .sell) else {
                    throw BinanceError(code: -2022, message: "ReduceOnly Order is rejected.")
                }
                order.quantity = Quantity(raw: abs(position))
            }
            if endpoint == "order/test" { return .object([]) }
            let orderId = nextOrderId()
            if order.clientOrderId.isEmpty { order.clientOrderId = "omega-sim-\(orderId)" }
            let tradesBefore = account[kind].trades.count
            let placed = try account[kind].place(order, orderId: orderId, at: now)
            if algo { return TradingJSON.algoOrder(placed) }
            if kind == .usdm { return TradingJSON.futuresOrder(placed, withTime: false) }
            let fills = account[kind].trades[tradesBefore...].filter { $0.orderId == orderId }
            return TradingJSON.spotNewOrder(placed, fills: Array(fills), respType: respType)
        case ("GET", "order"):
            let symbol = try symbol(parameters, kind)
            let order = try named(parameters, account[kind], symbol)
            return kind == .spot ? TradingJSON.spotOrder(order) : TradingJSON.futuresOrder(order)
        case ("GET", "openOrder"):
            let symbol = try symbol(parameters, kind)
            let order = try named(parameters, account[kind], symbol)
            guard order.status.isOpen else { throw BinanceError(code: -2013, message: "Order does not exist.") }
            return TradingJSON.futuresOrder(order)
        case ("DELETE", "order"):
            let symbol = try symbol(parameters, kind)
            let order = try named(parameters, account[kind], symbol)
            let canceled = try account[kind].cancel(orderId: order.orderId, at: now)
            return kind == .spot
                ? TradingJSON.spotCanceled(canceled) : TradingJSON.futuresOrder(canceled, withTime: false)
        case ("DELETE", "openOrders"), ("DELETE", "allOpenOrders"):
            let symbol = try symbol(parameters, kind)
            let open = account[kind].openOrders(symbol, algo: false)
            if kind == .spot && open.isEmpty { throw BinanceError(code: -2011, message: "Unknown order sent.") }
            var canceled: [JSONValue] = []
            for order in open {
                canceled.append(TradingJSON.spotCanceled(try account[kind].cancel(orderId: order.orderId, at: now)))
            }
            if kind == .usdm {
                return .object([
                    ("code", .number("200")),
                    ("msg", .string("The operation of cancel all open order is done.")),
                ])
            }
            return .array(canceled)
        case ("GET", "algoOrder"):
            return TradingJSON.algoOrder(try algoOrder(parameters, account.futures))
        case ("DELETE", "algoOrder"):
            let order = try algoOrder(parameters, account.futures)
            let canceled = try account.futures.cancel(orderId: order.orderId, at: now)
            return .object([
                ("algoId", TradingJSON.int(canceled.orderId)), ("clientAlgoId", .string(canceled.clientOrderId)),
                ("code", .string("200")), ("msg", .string("success")),
            ])
        case ("GET", "openAlgoOrders"):
            let open = account.futures.openOrders(try optionalSymbol(parameters, kind), algo: true)
            return .array(open.map(TradingJSON.algoOrder))
        case ("GET", "allAlgoOrders"):
            let symbol = try symbol(parameters, kind)
            let orders = try window(
                account.futures.allOrders(symbol, algo: true),
                parameters,
                id: \.orderId,
                time: \.time
            )
            return .array(orders.map(TradingJSON.algoOrder))
        case ("DELETE", "algoOpenOrders"):
            let symbol = try symbol(parameters, kind)
            for order in account.futures.openOrders(symbol, algo: true) {
                _ = try account.futures.cancel(orderId: order.orderId, at: now)
            }
            return .object([
                ("code", .number("200")), ("msg", .string("The operation of cancel all open order is done.")),
            ])
        case ("GET", "openOrders"):
            let open = account[kind].openOrders(try optionalSymbol(parameters, kind), algo: false)
            return .array(open.map { kind == .spot ? TradingJSON.spotOrder($0) : TradingJSON.futuresOrder($0) })
        case ("GET", "allOrders"):
            let symbol = try symbol(parameters, kind)
            let orders = try window(
                account[kind].allOrders(symbol, algo: false),
                parameters,
                id: \.orderId,
                time: \.time
            )
            return .array(orders.map { kind == .spot ? TradingJSON.spotOrder($0) : TradingJSON.futuresOrder($0) })
        case ("GET", "myTrades"), ("GET", "userTrades"):
            let symbol = try symbol(parameters, kind)
            let mine = account[kind].trades.filter { $0.symbol == symbol }
            let trades = try window(
                mine,
                parameters,
                id: { parameters.optional("fromId") != nil ? $0.id : $0.orderId },
                time: \.time
            )
            let filtered =
                parameters.optional("orderId") != nil && parameters.optional("fromId") == nil
                ? trades.filter { "\($0.orderId)" == parameters.optional("orderId") } : trades
            return .array(filtered.map { kind == .spot ? TradingJSON.spotTrade($0) : TradingJSON.futuresTrade($0) })
        case ("GET", "account"):
            if kind == .spot { return TradingJSON.spotAccount(account.spot, updateTime: time) }
            return TradingJSON.futuresAccount(account.futures, version: path.contains("/v2/") ? 2 : 3, updateTime: time)
        case ("GET", "balance"):
            return TradingJSON.futuresBalance(account.futures, updateTime: time)
        case ("GET", "positionRisk"):
            let symbol = try optionalSymbol(parameters, kind)
            return TradingJSON.positionRisk(
                account.futures,
                version: path.contains("/v2/") ? 2 : 3,
                updateTime: time,
                symbol: symbol
            )
        case ("POST", "leverage"):
            let symbol = try symbol(parameters, kind)
            guard let leverage = try parameters.integer("leverage", in: 0...1_000) else { throw .mandatory("leverage") }
            try account.futures.setLeverage(Int(leverage), instrument: instrument(symbol))
            return .object([
                ("leverage", .number(String(leverage))), ("maxNotionalValue", .string("1000000")),
                ("symbol", .string(symbol.symbol)),
            ])
        case ("POST", "marginType"):
            _ = try symbol(parameters, kind)
            let mode: MarginMode
            switch try parameters.required("marginType") {
            case "ISOLATED": mode = .isolated
            case "CROSSED": mode = .cross
            default: throw BinanceError(code: -4044, message: "The margin type is invalid.")
            }
            try account.futures.setMarginMode(mode)
            return .object([("code", .number("200")), ("msg", .string("success"))])
        case ("GET", "income"):
            let symbol = try optionalSymbol(parameters, kind)
            let type = parameters.optional("incomeType")
            guard type == nil || type == "FUNDING_FEE" else { return .array([]) }
            let payments = try window(
                account.futures.funding.filter { symbol == nil || $0.symbol == symbol },
                parameters,
                id: \.time,
                time: \.time
            )
            return .array(
                payments.map { payment in
                    .object([
                        ("symbol", .string(payment.symbol.symbol)), ("incomeType", .string("FUNDING_FEE")),
                        ("income", TradingJSON.text(payment.payment.raw, 8)), ("asset", .string("USDT")),
                        ("info", .string("FUNDING_FEE")), ("time", TradingJSON.int(payment.time)),
                        ("tranId", TradingJSON.int(payment.time / 1_000)), ("tradeId", .string("")),
                    ])
                }
            )
        case ("GET", "positionSide/dual"):
            return .object([("dualSidePosition", .bool(false))])
        case ("GET", "multiAssetsMargin"):
            return .object([("multiAssetsMargin", .bool(false))])
        case ("GET", "leverageBracket"):
            // One bracket per symbol: the sim margins every notional at the first tier's rate.
            let wanted = try optionalSymbol(parameters, kind)
            let brackets: [JSONValue] = SimInstruments.symbols(.usdm).filter { wanted == nil || $0 == wanted }.map {
                s in
                let maximum = account.futures.maximumLeverage(instrument(s))
                return .object([
                    ("symbol", .string(s.symbol)), ("notionalCoef", .number("1")),
                    (
                        "brackets",
                        .array([
                            .object([
                                ("bracket", .number("1")), ("initialLeverage", .number(String(maximum))),
                                ("notionalCap", .number("1000000000")), ("notionalFloor", .number("0")),
                                ("maintMarginRatio", .number("0.004")), ("cum", .number("0")),
                            ])
                        ])
                    ),
                ])
            }
            return wanted == nil ? .array(brackets) : brackets[0]
        case ("GET", "commissionRate"):
            let symbol = try symbol(parameters, kind)
            return .object([
                ("symbol", .string(symbol.symbol)), ("makerCommissionRate", .string("0.000200")),
                ("takerCommissionRate", .string("0.000500")),
            ])
        default:
            throw .notFound(path)
        }
    }
}
