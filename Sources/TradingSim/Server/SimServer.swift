import HTTPTypes
public import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOWebSocket
public import TradingCore

/// `omega sim`'s HTTP server: Binance's public REST endpoints for spot (`/api/v3/…`) and USD-M
/// (`/fapi/v1/…`) over Hummingbird, answered by ``BinancePublicAPI`` from the replayed ``SimMarket``.
public struct SimServer: Sendable {
    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        public var seed: UInt64
        /// One-minute bars of the replayed market.
        public var bars: Int
        public var clock: ReplayClock.Mode
        /// Market time of the first bar.
        public var marketStart: Timestamp
        /// Minutes of the market already past when the sim starts, so that klines and tickers have history at
        /// once (at most the market's length).
        public var historyMinutes: Int
        /// The accounts whose keys may sign requests (``SimAccount/demo`` when none is given).
        public var accounts: [SimAccount]
        /// The USD-M funding rate settled every 8 hours where no `--data` funding file gives one.
        public var fundingRate: Ratio
        /// Real market data (`--data`) that drives some bases instead of the regime market; the market then
        /// starts at the data's first minute and lasts as long as its longest series (`bars` is not used).
        public var data: SimReplayData?
        /// The faults injected from the start (the admin API can change them).
        public var faults: FaultSpec
        /// The token of the admin API under `/omega/`; `nil` turns it off.
        public var adminToken: String?
        /// Binance's request weights and order-count limits (off for load tests).
        public var limits: Bool
        /// The SQLite file that keeps the state across restarts (`--state`); in memory when `nil`.
        public var statePath: String?

        /// What the state file must have been written by: the market and the accounts.
        public var fingerprint: String {
            let accounts = accounts.map { account in
                "\(account.name):\(account.apiKey):"
                    + account.balances.map { "\($0.asset)=\($0.amount)" }.joined(separator: ",")
            }
            let files = data.map { ", data " + $0.paths.joined(separator: ";") } ?? ""
            return
                "seed \(seed), bars \(bars), start \(marketStart.milliseconds), history \(historyMinutes)\(files), accounts "
                + accounts.joined(separator: ";")
        }

        public init(
            host: String = "127.0.0.1",
            port: Int = 8765,
            seed: UInt64 = 42,
            bars: Int = 43_200,
            clock: ReplayClock.Mode = .wall(speed: 1),
            marketStart: Timestamp = Timestamp(CivilTime(year: 2024, month: 1, day: 1)),
            historyMinutes: Int = 1_440,
            accounts: [SimAccount] = [.demo],
            fundingRate: Ratio = Ratio(raw: FixedPoint.scale / 10_000),
            faults: FaultSpec = .none,
            adminToken: String? = nil,
            limits: Bool = true,
            statePath: String? = nil,
            data: SimReplayData? = nil
        ) {
            self.data = data
            self.statePath = statePath
            self.limits = limits
            self.faults = faults
            self.adminToken = adminToken
            self.fundingRate = fundingRate
            self.historyMinutes = historyMinutes
            self.accounts = accounts
            self.host = host
            self.port = port
            self.seed = seed
            self.bars = bars
            self.clock = clock
            self.marketStart = marketStart
        }

        public var restBaseURL: String { "http://\(host):\(port)" }
    }

    public let configuration: Configuration
    public let api: BinancePublicAPI
    public let accountAPI: BinanceAccountAPI
    /// Request weights per client and market.
    public let limiter = WeightLimiter()
    public let clock: ReplayClock
    public let wall: WallClock
    /// The accounts' orders, fills, balances and positions.
    public let venue: SimVenue
    public let faults: FaultInjector
    /// User-data stream keys.
    public let listenKeys: ListenKeys
    /// How many requests a restart replayed from the state file.
    public let restored: Int
    /// The WebSocket connections and the loop that feeds them.
    public let hub: StreamHub

    /// Generates the market (a few hundred milliseconds for a month of minutes).
    public init(configuration: Configuration, wall: WallClock = .system) throws {
        self.configuration = configuration
        self.wall = wall
        let market = try SimMarket(
            seed: configuration.seed,
            bars: configuration.bars,
            start: configuration.marketStart,
            data: configuration.data,
            fundingRate: configuration.fundingRate
        )
        api = BinancePublicAPI(market: market)
        let history = Int64(max(0, min(configuration.historyMinutes, market.length)))
        clock = ReplayClock(
            mode: configuration.clock,
            marketStart: market.start.advanced(byNanoseconds: history * SimMarket.minuteNanoseconds),
            wallStart: wall.now()
        )
        let journal = try configuration.statePath.map { path throws(SimStateError) in
            try SimJournal(path: path, fingerprint: configuration.fingerprint)
        }
        venue = try SimVenue(
            market: market,
            clock: clock,
            accounts: configuration.accounts,
            journal: journal
        )
        accountAPI = BinanceAccountAPI(accounts: configuration.accounts, venue: venue)
        if let journal {
            // A restart: the same requests at the same market times rebuild every order, fill and position.
            let entries = try journal.entries()
            let failures = venue.replay(entries) { account, entry, now, nextOrderId throws(BinanceError) in
                try BinanceAccountAPI.replay(entry, account: &account, now: now, nextOrderId: nextOrderId)
            }
            guard failures == 0 else {
                throw SimStateError("\(journal.path): \(failures) of \(entries.count) requests did not apply again")
            }
            if let resumed = try journal.marketTime() {
                venue.resume(at: Timestamp(nanoseconds: resumed), wall: wall.now())
            }
            restored = entries.count
        } else {
            restored = 0
        }
        faults = FaultInjector(spec: configuration.faults, seed: configuration.seed)
        venue.setPartialFills(configuration.faults.partialFills)
        listenKeys = ListenKeys(seed: configuration.seed)
        hub = StreamHub(
            market: market,
            venue: venue,
            listenKeys: listenKeys,
            faults: faults,
            authenticator: accountAPI.authenticator,
            wall: wall
        )
    }

    /// The responder: every GET, POST, PUT and DELETE under `/api/v3/`, `/fapi/v1…3/` and `/omega/` goes to
    /// the gateway, anything else is 404. A plain callback, not a router: the gateway dispatches on the path
    /// itself, and a router's wildcard match cost a few percent of an order's time.
    func responder() -> CallbackResponder<SimRequestContext> {
        let gateway = SimGateway(
            publicAPI: api,
            accountAPI: accountAPI,
            limiter: limiter,
            faults: faults,
            admin: configuration.adminToken.map { AdminAPI(token: $0, venue: venue, faults: faults) },
            listenKeys: listenKeys,
            orderCounts: configuration.limits ? OrderCountLimiter() : nil,
            chargesWeights: configuration.limits
        )
        let hub = self.hub
        let adminField = HTTPField.Name("X-Omega-Admin-Token")!
        let wall = self.wall
        let apiKeyField = HTTPField.Name("X-MBX-APIKEY")!
        let methods: Set<HTTPRequest.Method> = [.get, .post, .put, .delete]
        let prefixes = ["/api/v3/", "/fapi/v1/", "/fapi/v2/", "/fapi/v3/", "/omega/"]
        return CallbackResponder { request, context in
            var request = request
            guard methods.contains(request.method), prefixes.contains(where: request.uri.path.hasPrefix) else {
                return Response(status: .notFound)
            }
            var body = ""
            do {
                // A request without Content-Length or Transfer-Encoding has no body in HTTP/1.1: skip the
                // body stream (most of Binance's requests, GETs and signed requests in the query).
                if request.headers[.contentLength].map({ $0 != "0" }) ?? (request.headers[.transferEncoding] != nil) {
                    let buffer = try await request.collectBody(upTo: Self.maximumBody)
                    body = String(decoding: buffer.readableBytesView, as: UTF8.self)
                }
            } catch {
                return Self.response(
                    SimResponse(
                        status: 413,
                        headers: [],
                        body: BinancePublicAPI.errorBody(
                            BinanceError(status: 413, code: -1000, message: "Request body is larger than 64 KiB.")
                        )
                    )
                )
            }
            let path = request.uri.path
            let answer = gateway.respond(
                method: request.method.rawValue,
                path: path,
                query: request.uri.query ?? "",
                body: body,
                apiKey: request.headers[apiKeyField],
                client: context.remoteAddress?.ipAddress ?? "127.0.0.1",
                wall: wall.now(),
                adminToken: path.hasPrefix("/omega/")
                    ? request.headers[adminField] ?? Self.bearer(request.headers[.authorization]) : nil
            )
            // An order request's user-data events go out now, not at the next tick of the stream loop.
            if request.method != .get && hub.hasUserDataListeners { hub.publishUserData() }
            if answer.delayMilliseconds > 0 { try await Task.sleep(for: .milliseconds(answer.delayMilliseconds)) }
            return Self.response(answer)
        }
    }

    /// The token of an `Authorization: Bearer TOKEN` header.
    static func bearer(_ value: String?) -> String? {
        guard let value, value.hasPrefix("Bearer ") else { return nil }
        return String(value.dropFirst("Bearer ".count))
    }

    /// The largest request body read (Binance's signed bodies are a few hundred bytes).
    static let maximumBody = 65_536

    static func response(_ answer: SimResponse) -> Response {
        var headers: HTTPFields = [.contentType: "application/json;charset=UTF-8"]
        for header in answer.headers {
            if let name = HTTPField.Name(header.name) { headers[name] = header.value }
        }
        return Response(
            status: HTTPResponse.Status(code: answer.status),
            headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: answer.body))
        )
    }

    /// The Hummingbird application, listening on the configured host and port (0: any free port);
    /// `onRunning` gets the address it listens on once it does.
    public func application(
        onRunning: @escaping @Sendable (_ host: String, _ port: Int) async -> Void = { _, _ in }
    ) -> some ApplicationProtocol {
        // Requests are not logged: the request logger's metadata (a request ID each) cost 4 % of an order's
        // time with the stream handler, even at warning level. Startup failures are thrown, not logged.
        var logger = Logger(label: "omega-sim") { _ in SwiftLogNoOpLogHandler() }
        logger.logLevel = .warning
        let hub = self.hub
        let listenKeys = self.listenKeys
        let wall = self.wall
        return Application(
            responder: responder(),
            server: .http1WebSocketUpgrade(configuration: .init(ws: .init(maxFrameSize: 1 << 20))) { request, _, _ in
                guard let route = WebSocketRoute(request.path ?? "", listenKeys: listenKeys, wall: wall.now()) else {
                    return .dontUpgrade
                }
                return .upgrade([:]) { inbound, outbound, _ in
                    try await Self.serve(route, hub: hub, inbound: inbound, outbound: outbound)
                }
            },
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: "omega-sim"
            ),
            services: [hub],
            onServerRunning: { channel in
                let address = channel.localAddress
                await onRunning(address?.ipAddress ?? configuration.host, address?.port ?? configuration.port)
            },
            logger: logger
        )
    }

    /// One WebSocket connection: the hub's messages out, the client's requests in, until either side ends.
    static func serve(
        _ route: WebSocketRoute,
        hub: StreamHub,
        inbound: WebSocketInboundStream,
        outbound: WebSocketOutboundWriter
    ) async throws {
        let connection = hub.connect(
            kind: route.kind,
            combined: route.combined,
            streams: route.streams,
            listenKey: route.listenKey,
            isAPI: route.isAPI
        )
        defer { hub.disconnect(connection) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await message in connection.messages {
                    try await outbound.write(.custom(WebSocketFrame(fin: true, opcode: .text, data: message)))
                }
                // The hub ended the connection (ws_drop): returning closes the socket.
            }
            group.addTask {
                for try await message in inbound.messages(maxSize: 65_536) {
                    guard case .text(let text) = message else { continue }
                    connection.yield(hub.handle(message: text, from: connection))
                }
                connection.continuation.finish()
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// Serves until SIGINT or SIGTERM, then shuts down gracefully.
    public func run(
        onRunning: @escaping @Sendable (_ host: String, _ port: Int) async -> Void = { _, _ in }
    ) async throws {
        try await application(onRunning: onRunning).runService()
    }
}
