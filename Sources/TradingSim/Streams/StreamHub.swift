public import NIOCore
public import ServiceLifecycle
import Synchronization
import TradingCore
import TradingReports

/// Every WebSocket connection of the sim and what it listens to, and the loop that feeds them: market
/// streams computed once per stream and sent to each subscriber, user-data events routed by listen key,
/// expired listen keys announced, and the WebSocket faults (`ws_drop`, `ws_duplicate`, `ws_reorder`).
///
/// The loop runs every 50 ms of wall time as a service of the sim's `ServiceGroup`. A diff depth stream
/// sends one event per change of the book (each printed trade), whatever its `@100ms` suffix says.
public final class StreamHub: Sendable {
    /// One connection: its market, whether it is combined (`/stream`: payloads wrapped with their stream
    /// name), its subscriptions and where its messages go.
    public final class Connection: Sendable {
        public let id: Int
        public let kind: SimMarketKind
        public let combined: Bool
        /// A WebSocket API connection (`/ws-api/v3`): requests with IDs, user data as
        /// `{"subscriptionId": …, "event": …}`.
        public let isAPI: Bool
        /// The text frames to send, as buffers: a market stream's message is one buffer shared by every
        /// raw subscriber (a thousand clients do not hold a thousand copies of a 16 KB depth event).
        public let messages: AsyncStream<ByteBuffer>
        let continuation: AsyncStream<ByteBuffer>.Continuation

        init(id: Int, kind: SimMarketKind, combined: Bool, isAPI: Bool) {
            self.id = id
            self.kind = kind
            self.combined = combined
            self.isAPI = isAPI
            (messages, continuation) = AsyncStream.makeStream(
                of: ByteBuffer.self,
                bufferingPolicy: .bufferingNewest(Self.backlog)
            )
        }

        /// Messages a connection may fall behind by; a client further behind is disconnected, as Binance
        /// disconnects slow consumers (a dropped message would break the book's sequence silently).
        static let backlog = 1_000

        func send(_ payload: String, stream: String) {
            yield(combined ? Self.wrapped(payload, stream: stream) : payload)
        }

        /// Sends `buffer` (`payload` as bytes) as it is on a raw connection, wrapped with its stream's name on
        /// a combined one.
        func send(_ buffer: ByteBuffer, payload: String, stream: String) {
            if combined { yield(Self.wrapped(payload, stream: stream)) } else { yield(buffer) }
        }

        /// A combined stream's envelope around `payload`.
        private static func wrapped(_ payload: String, stream: String) -> String {
            #"{"stream":"\#(stream)","data":\#(payload)}"#
        }

        /// Queues `text` as it is.
        func yield(_ text: String) { yield(ByteBuffer(string: text)) }

        private func yield(_ buffer: ByteBuffer) {
            if case .dropped = continuation.yield(buffer) { continuation.finish() }
        }
    }

    struct Subscriptions: Sendable {
        var streams: [Int: Set<String>] = [:]
        var listenKeys: [Int: Set<String>] = [:]
        /// WebSocket API connections subscribed to an account's user data: the API key.
        var apiUsers: [Int: String] = [:]
        var connections: [Int: Connection] = [:]
        var nextID = 1
    }

    /// What each market stream last sent.
    struct StreamState: Sendable {
        var lastTradeId: Int64 = -1
        var book: SyntheticBook.Snapshot?
        var kline: Kline?
        var markSent: Int64 = 0
    }

    public let market: SimMarket
    public let venue: SimVenue
    public let listenKeys: ListenKeys
    public let faults: FaultInjector
    public let authenticator: RequestAuthenticator
    let wall: WallClock
    private let subscriptions = Mutex(Subscriptions())
    private let streams = Mutex([String: StreamState]())
    private let drops = Mutex<(last: Int64, generator: SeededGenerator)>((0, SeededGenerator(seed: 0x5757)))
    /// When the clock was last written to the state file.
    private let persisted = Mutex<Int64>(0)

    public init(
        market: SimMarket,
        venue: SimVenue,
        listenKeys: ListenKeys,
        faults: FaultInjector,
        authenticator: RequestAuthenticator,
        wall: WallClock
    ) {
        self.authenticator = authenticator
        self.market = market
        self.venue = venue
        self.listenKeys = listenKeys
        self.faults = faults
        self.wall = wall
        drops.withLock { $0.last = wall.now().milliseconds }
    }

    // MARK: Connections

    /// A new connection with its initial streams (from the URL) and listen key.
    public func connect(
        kind: SimMarketKind,
        combined: Bool,
        streams names: [String],
        listenKey: String?,
        isAPI: Bool = false
    ) -> Connection {
        subscriptions.withLock { state in
            let connection = Connection(id: state.nextID, kind: kind, combined: combined, isAPI: isAPI)
            state.nextID += 1
            state.connections[connection.id] = connection
            state.streams[connection.id] = Set(names)
            if let listenKey { state.listenKeys[connection.id] = [listenKey] }
            return connection
        }
    }

    public func disconnect(_ connection: Connection) {
        subscriptions.withLock { state in
            state.connections[connection.id] = nil
            state.streams[connection.id] = nil
            state.listenKeys[connection.id] = nil
            state.apiUsers[connection.id] = nil
        }
        connection.continuation.finish()
    }

    public var connectionCount: Int { subscriptions.withLock { $0.connections.count } }

    /// Whether any connection listens to user data (so an order request has events to send at once).
    public var hasUserDataListeners: Bool {
        subscriptions.withLock { state in state.listenKeys.values.contains { !$0.isEmpty } || !state.apiUsers.isEmpty }
    }

    /// Answers a client's message as Binance does: `SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`,
    /// `SET_PROPERTY`/`GET_PROPERTY` (`combined`), or an error with code 2 (bad method or parameters) or 3
    /// (not JSON).
    public func handle(message: String, from connection: Connection) -> String {
        if connection.isAPI { return handleAPI(message: message, from: connection) }
        guard let request = StreamRequest(parsing: message) else {
            return #"{"code":3,"msg":"Invalid JSON: expected an object with method, params and id"}"#
        }
        let id = request.id
        switch request.method {
        case "SUBSCRIBE", "UNSUBSCRIBE":
            var names: [String] = []
            for name in request.params {
                if let listenKey = listenKeys.lookup(name, wall: wall.now()), listenKey.kind == connection.kind {
                    names.append(listenKey.key)
                } else if StreamName(name, kind: connection.kind) != nil {
                    names.append(name)
                } else {
                    return
                        #"{"error":{"code":2,"msg":"Invalid request: unknown stream '\#(Self.escaped(name))'"},"id":\#(id)}"#
                }
            }
            subscriptions.withLock { state in
                for name in names {
                    let isKey = listenKeys.lookup(name, wall: wall.now()) != nil
                    if request.method == "SUBSCRIBE" {
                        if isKey {
                            state.listenKeys[connection.id, default: []].insert(name)
                        } else {
                            state.streams[connection.id, default: []].insert(name)
                        }
                    } else {
                        state.listenKeys[connection.id]?.remove(name)
                        state.streams[connection.id]?.remove(name)
                    }
                }
            }
            return #"{"result":null,"id":\#(id)}"#
        case "LIST_SUBSCRIPTIONS":
            let names = subscriptions.withLock { state in
                (state.streams[connection.id] ?? []).union(state.listenKeys[connection.id] ?? []).sorted()
            }
            return JSONValue.object([("result", .array(names.map { .string($0) })), ("id", .number(id))])
                .serialized(compact: true)
        case "GET_PROPERTY":
            return #"{"result":\#(connection.combined),"id":\#(id)}"#
        case "SET_PROPERTY":
            return #"{"result":null,"id":\#(id)}"#
        default:
            return
                #"{"error":{"code":2,"msg":"Invalid request: unknown method '\#(Self.escaped(request.method))'"},"id":\#(id)}"#
        }
    }

    /// A WebSocket API request (`/ws-api/v3`): `ping`, `time`, and the spot user-data subscription
    /// `userDataStream.subscribe.signature` (parameters `apiKey`, `timestamp`, `signature`: HMAC-SHA256 of
    /// the other parameters sorted by name, as Binance signs WebSocket API requests), `userDataStream.unsubscribe`.
    func handleAPI(message: String, from connection: Connection) -> String {
        guard let value = MiniJSON.parse(message), case .object(let members) = value,
            case .string(let method)? = members["method"]
        else {
            return #"{"id":null,"status":400,"error":{"code":-1000,"msg":"Invalid JSON request."}}"#
        }
        let id: String =
            switch members["id"] {
            case .number(let number)?: number
            case .string(let text)?: "\"\(Self.escaped(text))\""
            default: "null"
            }
        func failure(_ status: Int, _ code: Int, _ text: String) -> String {
            #"{"id":\#(id),"status":\#(status),"error":{"code":\#(code),"msg":"\#(Self.escaped(text))"}}"#
        }
        var parameters: [(String, String)] = []
        if case .object(let given)? = members["params"] {
            for (name, item) in given {
                switch item {
                case .string(let text): parameters.append((name, text))
                case .number(let text): parameters.append((name, text))
                case .bool(let flag): parameters.append((name, flag ? "true" : "false"))
                default: return failure(400, -1100, "Illegal characters found in parameter '\(name)'.")
                }
            }
        }
        switch method {
        case "ping":
            return #"{"id":\#(id),"status":200,"result":{}}"#
        case "time":
            return #"{"id":\#(id),"status":200,"result":{"serverTime":\#(wall.now().milliseconds)}}"#
        case "userDataStream.subscribe.signature":
            let signature = parameters.first { $0.0 == "signature" }?.1
            let payload = parameters.filter { $0.0 != "signature" }.sorted { $0.0 < $1.0 }
                .map { "\($0.0)=\($0.1)" }.joined(separator: "&")
            let apiKey = parameters.first { $0.0 == "apiKey" }?.1
            do throws(BinanceError) {
                let account = try authenticator.verify(
                    apiKey: apiKey,
                    rawQuery: payload + (signature.map { "&signature=\($0)" } ?? ""),
                    rawBody: "",
                    wall: wall.now()
                )
                subscriptions.withLock { $0.apiUsers[connection.id] = account.apiKey }
                return #"{"id":\#(id),"status":200,"result":{"subscriptionId":0}}"#
            } catch {
                return failure(error.status, error.code, error.message)
            }
        case "userDataStream.unsubscribe":
            subscriptions.withLock { $0.apiUsers[connection.id] = nil }
            return #"{"id":\#(id),"status":200,"result":{}}"#
        default:
            return failure(
                400,
                -1000,
                "Unknown method '\(method)'; the sim's WebSocket API serves ping, time and the user-data subscription."
            )
        }
    }

    static func escaped(_ text: String) -> String {
        String(text.prefix(100).filter { $0 != "\"" && $0 != "\\" && $0.isASCII && !$0.isNewline })
    }

    // MARK: Feeding

    /// Sends what changed: market streams at the current market time, pending user data, expired keys.
    public func tick() {
        let now = wall.now()
        let due = persisted.withLock { last in
            guard now.milliseconds - last >= 1_000 else { return false }
            last = now.milliseconds
            return true
        }
        if due { venue.persistClock(wall: now) }
        dropIfDue(now)
        publishMarket(now)
        publishUserData()
        for expired in listenKeys.expire(wall: now) {
            let payload =
                #"{"e":"listenKeyExpired","E":\#(now.milliseconds),"listenKey":"\#(expired.key)"}"#
            subscriptions.withLock { state in
                for (id, keys) in state.listenKeys where keys.contains(expired.key) {
                    state.connections[id]?.send(payload, stream: expired.key)
                    state.listenKeys[id]?.remove(expired.key)
                }
            }
        }
    }

    /// Sends every account's new user-data events to the connections listening with its keys (called
    /// after each order request, so an accepted order's event goes out at once, and by the loop).
    public func publishUserData() {
        let now = wall.now()
        // Who listens: the accounts of open listen keys with a connection, and WebSocket API subscribers.
        let wanted: Set<String> = subscriptions.withLock { state in
            var wanted = Set<String>()
            for keys in state.listenKeys.values {
                for key in keys {
                    if let entry = listenKeys.lookup(key, wall: now) {
                        wanted.insert(SimVenue.listener(entry.apiKey, entry.kind))
                    }
                }
            }
            for apiKey in state.apiUsers.values { wanted.insert(SimVenue.listener(apiKey, .spot)) }
            return wanted
        }
        let batches = venue.drainUserData(wall: now, wanted: wanted)
        guard !batches.isEmpty else { return }
        let spec = faults.spec
        for batch in batches {
            var messages = batch.messages
            if spec.wsReorder > 0 || spec.wsDuplicate > 0 {
                messages = disorder(messages, spec: spec, now: now)
            }
            let keys = listenKeys.keys(apiKey: batch.apiKey, kind: batch.kind, wall: now)
            subscriptions.withLock { state in
                if batch.kind == .spot {
                    for (id, apiKey) in state.apiUsers where apiKey == batch.apiKey {
                        for message in messages {
                            state.connections[id]?.yield(#"{"subscriptionId":0,"event":\#(message)}"#)
                        }
                    }
                }
                for (id, subscribed) in state.listenKeys {
                    guard let key = keys.first(where: { subscribed.contains($0) }),
                        let connection = state.connections[id]
                    else { continue }
                    for message in messages { connection.send(message, stream: key) }
                }
            }
        }
    }

    /// Duplicates and swaps user-data events as the spec says, recording each.
    private func disorder(_ messages: [String], spec: FaultSpec, now: Timestamp) -> [String] {
        var result: [String] = []
        var records: [String] = []
        drops.withLock { state in
            for message in messages {
                result.append(message)
                if spec.wsDuplicate > 0 && state.generator.nextUnit() < spec.wsDuplicate {
                    result.append(message)
                    records.append("ws_duplicate")
                }
            }
            var index = 0
            while index + 1 < result.count {
                if spec.wsReorder > 0 && state.generator.nextUnit() < spec.wsReorder {
                    result.swapAt(index, index + 1)
                    records.append("ws_reorder")
                    index += 2
                } else {
                    index += 1
                }
            }
        }
        for kind in records {
            faults.record(
                kind: kind,
                tookEffect: true,
                method: "WS",
                path: "user data",
                account: nil,
                orderId: nil,
                clientOrderId: nil,
                wall: now
            )
        }
        return result
    }

    /// Closes every connection when `ws_drop` is due.
    private func dropIfDue(_ now: Timestamp) {
        guard let period = faults.spec.wsDropSeconds else { return }
        let due = drops.withLock { state in
            guard now.milliseconds - state.last >= Int64(period) * 1_000 else { return false }
            state.last = now.milliseconds
            return true
        }
        guard due else { return }
        let dropped = subscriptions.withLock { state in
            let all = Array(state.connections.values)
            state = Subscriptions(nextID: state.nextID)
            return all
        }
        for connection in dropped { connection.continuation.finish() }
        faults.record(
            kind: "ws_drop",
            tookEffect: true,
            method: "WS",
            path: "\(dropped.count) connections",
            account: nil,
            orderId: nil,
            clientOrderId: nil,
            wall: now
        )
    }

    /// Computes each subscribed market stream once and sends it to its subscribers.
    private func publishMarket(_ wallNow: Timestamp) {
        let subscribed: [(SimMarketKind, String, [Connection])] = subscriptions.withLock { state in
            var byStream: [String: (SimMarketKind, [Connection])] = [:]
            for (id, names) in state.streams {
                guard let connection = state.connections[id] else { continue }
                for name in names {
                    let key = "\(connection.kind.rawValue)|\(name)"
                    byStream[key, default: (connection.kind, [])].1.append(connection)
                }
            }
            return byStream.map { ($0.value.0, String($0.key.split(separator: "|", maxSplits: 1)[1]), $0.value.1) }
        }
        guard !subscribed.isEmpty else { return }
        let now = venue.marketTime(at: wallNow)
        for (kind, name, connections) in subscribed {
            guard let stream = StreamName(name, kind: kind) else { continue }
            let payloads = streams.withLock { states in
                messages(
                    for: stream,
                    state: &states["\(kind.rawValue)|\(name)", default: StreamState()],
                    now: now,
                    wall: wallNow
                )
            }
            for payload in payloads {
                let buffer = ByteBuffer(string: payload)
                for connection in connections { connection.send(buffer, payload: payload, stream: name) }
            }
        }
    }

    /// The payloads a stream sends now, given what it sent before.
    private func messages(
        for stream: StreamName,
        state: inout StreamState,
        now: Timestamp,
        wall: Timestamp
    )
        -> [String]
    {
        let symbol = stream.symbol
        let eventTime = now.milliseconds
        switch stream.channel {
        case .trade, .aggTrade:
            let trades = market.trades(symbol.base, upTo: now, limit: 200)
            guard let last = trades.last else { return [] }
            defer { state.lastTradeId = last.id }
            guard state.lastTradeId >= 0 else { return [] }
            return trades.filter { $0.id > state.lastTradeId }.map { trade in
                let payload =
                    stream.channel == .trade
                    ? MarketStreamMessages.trade(trade, symbol: symbol, eventTime: eventTime)
                    : MarketStreamMessages.aggTrade(trade, symbol: symbol, eventTime: eventTime)
                return payload.serialized(compact: true)
            }
        case .depth, .partialDepth, .bookTicker:
            let bookState = market.bookState(symbol.base, at: now)
            if let previous = state.book, previous.lastUpdateId == bookState.updateId { return [] }
            let levels: Int
            if case .partialDepth(let count) = stream.channel { levels = count } else { levels = SyntheticBook.depth }
            let book = market.book(symbol, at: now, levels: stream.channel == .bookTicker ? 1 : levels)
            defer { state.book = book }
            guard let previous = state.book else {
                // A partial book and the best bid/ask are sent at once; a diff needs a previous book.
                if case .depth = stream.channel { return [] }
                return [payload(stream, book: book, previous: book, eventTime: eventTime)]
            }
            return [payload(stream, book: book, previous: previous, eventTime: eventTime)]
        case .kline(let interval):
            guard let (kline, closed) = market.liveKline(symbol.base, interval: interval, at: now) else { return [] }
            if let previous = state.kline, previous == kline { return [] }
            state.kline = kline
            return [
                MarketStreamMessages.kline(
                    kline,
                    closed: closed,
                    interval: interval,
                    symbol: symbol,
                    eventTime: eventTime
                )
                .serialized(compact: true)
            ]
        case .markPrice:
            guard wall.milliseconds - state.markSent >= 1_000 else { return [] }
            state.markSent = wall.milliseconds
            let price = market.lastPrice(symbol.base, at: now) ?? 0
            return [
                MarketStreamMessages.markPrice(symbol: symbol, price: price, eventTime: eventTime).serialized(
                    compact: true
                )
            ]
        }
    }

    private func payload(
        _ stream: StreamName,
        book: SyntheticBook.Snapshot,
        previous: SyntheticBook.Snapshot,
        eventTime: Int64
    )
        -> String
    {
        let symbol = stream.symbol
        switch stream.channel {
        case .partialDepth(let count):
            return MarketStreamMessages.partialDepth(
                symbol: symbol,
                book: book,
                count: count,
                previousId: previous.lastUpdateId,
                eventTime: eventTime
            )
            .serialized(compact: true)
        case .bookTicker:
            return MarketStreamMessages.bookTicker(symbol: symbol, book: book, eventTime: eventTime).serialized(
                compact: true
            )
        default:
            return MarketStreamMessages.depthUpdate(
                symbol: symbol,
                previous: previous,
                book: book,
                eventTime: eventTime,
                transactionTime: eventTime
            )
            .serialized(compact: true)
        }
    }
}

extension StreamHub: Service {
    /// Feeds the connections every 50 ms until the service group shuts down.
    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                self.tick()
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }
}

/// A client's message on a stream connection: `{"method": …, "params": […], "id": …}`.
struct StreamRequest {
    let method: String
    let params: [String]
    /// The ID as sent (a number or a string), echoed in the answer.
    let id: String

    init?(parsing text: String) {
        guard text.utf8.count <= 65_536, let value = MiniJSON.parse(text), case .object(let members) = value,
            case .string(let method)? = members["method"]
        else { return nil }
        self.method = method
        var params: [String] = []
        if case .array(let items)? = members["params"] {
            for item in items {
                guard case .string(let name) = item else { return nil }
                params.append(name)
            }
        }
        self.params = params
        switch members["id"] {
        case .number(let number)?: id = number
        case .string(let string)?: id = "\"\(StreamHub.escaped(string))\""
        default: id = "null"
        }
    }
}

extension Kline: Equatable {
    public static func == (lhs: Kline, rhs: Kline) -> Bool {
        lhs.openTime == rhs.openTime && lhs.trades == rhs.trades && lhs.close == rhs.close && lhs.volume == rhs.volume
    }
}
