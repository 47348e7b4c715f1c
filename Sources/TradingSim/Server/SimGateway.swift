public import TradingCore

/// One HTTP answer of the sim: status, extra headers and a JSON body.
public struct SimResponse: Sendable {
    public let status: Int
    public let headers: [(name: String, value: String)]
    public let body: String
}

/// Everything a request goes through, in Binance's order: the client's request weight (429 past the limit,
/// 418 for a client that ignores its 429s), then the signed account endpoints or the public ones. Every
/// answer carries `X-MBX-USED-WEIGHT-1M`. A plain value over the clocks, so it is tested without sockets.
public struct SimGateway: Sendable {
    public let publicAPI: BinancePublicAPI
    public let accountAPI: BinanceAccountAPI
    public let limiter: WeightLimiter
    public let clock: ReplayClock

    public init(publicAPI: BinancePublicAPI, accountAPI: BinanceAccountAPI, limiter: WeightLimiter, clock: ReplayClock)
    {
        self.publicAPI = publicAPI
        self.accountAPI = accountAPI
        self.limiter = limiter
        self.clock = clock
    }

    /// The answer to `method path?query` with `body`, from `client` (its IP address), at wall time `wall`.
    public func respond(
        method: String,
        path: String,
        query: String,
        body: String,
        apiKey: String?,
        client: String,
        wall: Timestamp
    ) -> SimResponse {
        var headers: [(name: String, value: String)] = []
        if let (kind, endpoint) = Self.market(of: path) {
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
        let answer =
            accountAPI.handle(method: method, path: path, query: query, body: body, apiKey: apiKey, wall: wall)
            ?? publicAPI.handle(path: path, query: query, wall: wall, marketTime: clock.marketTime(at: wall))
        return SimResponse(status: answer.status, headers: headers, body: answer.body)
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
