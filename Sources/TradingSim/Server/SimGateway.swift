public import TradingCore
import TradingReports

/// One HTTP answer of the sim: status, extra headers, a JSON body, and how long to wait before sending it
/// (injected latency or a held timeout).
public struct SimResponse: Sendable {
    public let status: Int
    public let headers: [(name: String, value: String)]
    public let body: String
    public var delayMilliseconds = 0

    public init(status: Int, headers: [(name: String, value: String)], body: String, delayMilliseconds: Int = 0) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delayMilliseconds = delayMilliseconds
    }
}

/// Everything a request goes through, in Binance's order: the admin API under `/omega/` (its own token,
/// no weights), then the client's request weight (429 past the limit, 418 for a client that ignores its
/// 429s), then the injected faults, then the signed account endpoints or the public ones. Every Binance
/// answer carries `X-MBX-USED-WEIGHT-1M`. A plain value over the clocks, so it is tested without sockets.
public struct SimGateway: Sendable {
    public let publicAPI: BinancePublicAPI
    public let accountAPI: BinanceAccountAPI
    public let limiter: WeightLimiter
    public let faults: FaultInjector
    public let admin: AdminAPI?
    public let listenKeys: ListenKeys
    /// New orders per account in Binance's windows; `nil` turns the order-count limits off.
    public let orderCounts: OrderCountLimiter?
    /// Whether request weights are charged (`--limits off` turns both off, for load tests).
    public let chargesWeights: Bool

    public init(
        publicAPI: BinancePublicAPI,
        accountAPI: BinanceAccountAPI,
        limiter: WeightLimiter,
        faults: FaultInjector = FaultInjector(seed: 0),
        admin: AdminAPI? = nil,
        listenKeys: ListenKeys = ListenKeys(seed: 0),
        orderCounts: OrderCountLimiter? = OrderCountLimiter(),
        chargesWeights: Bool = true
    ) {
        self.listenKeys = listenKeys
        self.orderCounts = orderCounts
        self.chargesWeights = chargesWeights
        self.publicAPI = publicAPI
        self.accountAPI = accountAPI
        self.limiter = limiter
        self.faults = faults
        self.admin = admin
    }

    /// The answer to `method path?query` with `body`, from `client` (its IP address), at wall time `wall`;
    /// `adminToken` is the token an `/omega/` request presented.
    public func respond(
        method: String,
        path: String,
        query: String,
        body: String,
        apiKey: String?,
        client: String,
        wall: Timestamp,
        adminToken: String? = nil
    ) -> SimResponse {
        if path.hasPrefix("/omega/") {
            guard let admin else {
                return SimResponse(
                    status: 404,
                    headers: [],
                    body: #"{"error":"the admin API is off: start omega sim with --admin-token"}"#
                )
            }
            let answer = admin.handle(method: method, path: path, query: query, token: adminToken, wall: wall)
            return SimResponse(status: answer.status, headers: [], body: answer.body)
        }
        var headers: [(name: String, value: String)] = []
        if chargesWeights, let (kind, endpoint) = Self.market(of: path) {
            let parameters = try? QueryParameters(raw: query)
            let limit = parameters.flatMap { try? $0.integer("limit", in: 0...Int64.max) } ?? nil
            let weight = RequestWeight.weight(
                endpoint,
                kind: kind,
                symbol: parameters?.optional("symbol") != nil,
                limit: limit
            )
            switch limiter.charge(client: client, kind: kind, weight: weight, at: wall) {
            case .allowed(let used):
                headers.append(("X-MBX-USED-WEIGHT-1M", String(used)))
            case .limited(let used, let retryAfter):
                let error = BinanceError(
                    status: 429,
                    code: -1003,
                    message: "Too many requests; current limit of IP(\(client)) request weight per minute is "
                        + "\(RequestWeight.limit(kind)). Please use WebSocket Streams for live updates to avoid polling the API."
                )
                return SimResponse(
                    status: 429,
                    headers: [("X-MBX-USED-WEIGHT-1M", String(used)), ("Retry-After", String(retryAfter))],
                    body: BinancePublicAPI.errorBody(error)
                )
            case .banned(let until):
                let error = BinanceError(
                    status: 418,
                    code: -1003,
                    message: "Way too many requests; IP(\(client)) banned until \(until). Please use WebSocket Streams "
                        + "for live updates to avoid bans."
                )
                let seconds = max(1, (until - wall.milliseconds + 999) / 1_000)
                return SimResponse(
                    status: 418,
                    headers: [("Retry-After", String(seconds))],
                    body: BinancePublicAPI.errorBody(error)
                )
            }
        }
        if path == "/api/v3/userDataStream" || path == "/fapi/v1/listenKey" {
            let answer = listenKey(method: method, path: path, query: query, body: body, apiKey: apiKey, wall: wall)
            return SimResponse(status: answer.status, headers: headers, body: answer.body)
        }
        let signed = BinanceAccountAPI.serves(method: method, path: path)
        let newOrder = signed && method == "POST" && (path.hasSuffix("/order") || path.hasSuffix("/algoOrder"))
        let orderRequest = newOrder || (signed && method == "DELETE")
        if newOrder, let orderCounts, let (kind, _) = Self.market(of: path),
            let account = apiKey.flatMap({ key in accountAPI.authenticator.accounts.first { $0.apiKey == key } })
        {
            switch orderCounts.charge(account: account.name, kind: kind, at: wall) {
            case .success(let counts): headers += counts
            case .failure(let error):
                return SimResponse(status: error.status, headers: headers, body: BinancePublicAPI.errorBody(error))
            }
        }
        let (decision, latency) = faults.decide(orderRequest: orderRequest, newOrder: newOrder)
        var answer: (status: Int, body: String)
        if decision.processes {
            answer =
                accountAPI.handle(method: method, path: path, query: query, body: body, apiKey: apiKey, wall: wall)
                ?? publicAPI.handle(
                    path: path,
                    query: query,
                    wall: wall,
                    marketTime: accountAPI.venue.marketTime(at: wall)
                )
        } else {
            answer = (200, "")
        }
        if decision != .none {
            let (kind, fault) = Self.fault(decision, client: client)
            let account = apiKey.flatMap { key in accountAPI.authenticator.accounts.first { $0.apiKey == key }?.name }
            let took = decision.processes && answer.status == 200
            let identifiers = took ? Self.identifiers(answer.body) : (nil, Self.clientID(query: query, body: body))
            faults.record(
                kind: kind,
                tookEffect: took,
                method: method,
                path: path,
                account: account,
                orderId: identifiers.0,
                clientOrderId: identifiers.1,
                wall: wall
            )
            if kind == "http429" { headers.append(("Retry-After", "1")) }
            let delay = latency + (kind == "timeout" ? faults.holdMilliseconds : 0)
            return SimResponse(
                status: fault.status,
                headers: headers,
                body: BinancePublicAPI.errorBody(fault),
                delayMilliseconds: delay
            )
        }
        return SimResponse(status: answer.status, headers: headers, body: answer.body, delayMilliseconds: latency)
    }

    /// `POST`, `PUT` and `DELETE` of a user-data stream key (spot `/api/v3/userDataStream`, USD-M
    /// `/fapi/v1/listenKey`): the API key alone identifies the account, as on Binance.
    func listenKey(
        method: String,
        path: String,
        query: String,
        body: String,
        apiKey: String?,
        wall: Timestamp
    )
        -> (status: Int, body: String)
    {
        let kind: SimMarketKind = path.hasPrefix("/api/") ? .spot : .usdm
        do throws(BinanceError) {
            guard let apiKey, !apiKey.isEmpty, apiKey.utf8.count <= 128 else {
                throw BinanceError(status: 401, code: -2014, message: "API-key format invalid.")
            }
            guard accountAPI.authenticator.accounts.contains(where: { $0.apiKey == apiKey }) else {
                throw BinanceError(status: 401, code: -2015, message: "Invalid API-key, IP, or permissions for action.")
            }
            let parameters = try QueryParameters(raw: query + (query.isEmpty || body.isEmpty ? "" : "&") + body)
            switch method {
            case "POST":
                let key = listenKeys.create(apiKey: apiKey, kind: kind, wall: wall)
                return (200, #"{"listenKey":"\#(key)"}"#)
            case "PUT":
                let given = kind == .spot ? try parameters.required("listenKey") : parameters.optional("listenKey")
                let key = try listenKeys.keepAlive(given, apiKey: apiKey, kind: kind, wall: wall)
                return (200, kind == .spot ? "{}" : #"{"listenKey":"\#(key)"}"#)
            case "DELETE":
                let given = kind == .spot ? try parameters.required("listenKey") : parameters.optional("listenKey")
                try listenKeys.close(given, apiKey: apiKey, kind: kind)
                return (200, "{}")
            default:
                throw .notFound(path)
            }
        } catch {
            return (error.status, BinancePublicAPI.errorBody(error))
        }
    }

    /// The record kind and the error answered for an injected fault.
    static func fault(_ decision: FaultInjector.Decision, client: String) -> (String, BinanceError) {
        switch decision {
        case .none:
            return ("none", BinanceError(code: 0, message: ""))
        case .http429:
            return (
                "http429",
                BinanceError(status: 429, code: -1003, message: "Too many requests; IP(\(client)) is being throttled.")
            )
        case .reject:
            return (
                "reject", BinanceError(code: -2010, message: "Order rejected by the venue (omega sim fault: reject).")
            )
        case .http5xx(let status, _):
            return (
                "http5xx",
                BinanceError(
                    status: status,
                    code: -1000,
                    message: "An unknown error occurred while processing the request."
                )
            )
        case .timeout:
            return (
                "timeout",
                BinanceError(
                    status: 503,
                    code: -1007,
                    message:
                        "Timeout waiting for response from backend server. Send status unknown; execution status unknown."
                )
            )
        }
    }

    /// The order ID and client order ID in an order answer's body.
    static func identifiers(_ body: String) -> (Int64?, String?) {
        func value(_ name: String) -> String? {
            guard let range = body.firstRange(of: "\"\(name)\":") else { return nil }
            var rest = body[range.upperBound...]
            let quoted = rest.first == "\""
            if quoted { rest = rest.dropFirst() }
            let end = rest.firstIndex { quoted ? $0 == "\"" : ($0 == "," || $0 == "}") } ?? rest.endIndex
            return String(rest[..<end])
        }
        let id = (value("orderId") ?? value("algoId")).flatMap { Int64($0) }
        return (id, value("clientOrderId") ?? value("clientAlgoId"))
    }

    /// The client order ID a request named, if any.
    static func clientID(query: String, body: String) -> String? {
        let raw = query + (query.isEmpty || body.isEmpty ? "" : "&") + body
        guard let parameters = try? QueryParameters(raw: raw) else { return nil }
        return parameters.optional("newClientOrderId") ?? parameters.optional("clientAlgoId")
            ?? parameters.optional("origClientOrderId")
    }

    /// The market and endpoint of a path under `/api/v3/` or `/fapi/v1/` (`v2`, `v3`).
    static func market(of path: String) -> (SimMarketKind, Substring)? {
        if path.hasPrefix("/api/v3/") { return (.spot, path.dropFirst("/api/v3/".count)) }
        for version in ["/fapi/v1/", "/fapi/v2/", "/fapi/v3/"] where path.hasPrefix(version) {
            return (.usdm, path.dropFirst(version.count))
        }
        return nil
    }
}
