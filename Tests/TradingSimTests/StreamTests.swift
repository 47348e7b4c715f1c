import Foundation
import NIOCore
import Testing
import TradingCore
import TradingSim
import TradingTestSupport

@Suite("omega sim: WebSocket streams")
struct StreamTests {
    static let start = Timestamp(CivilTime(year: 2024, month: 1, day: 1))
    static let wallStart = Timestamp(nanoseconds: 1_700_000_000_000 * 1_000_000)

    struct Setup {
        let market: SimMarket
        let venue: SimVenue
        let hub: StreamHub
        let gateway: SimGateway
        let wall: ManualWall
        let keys: ListenKeys
        let faults: FaultInjector
    }

    static func setUp(faults spec: String = "") throws -> Setup {
        let market = try SimMarket(seed: 11, bars: 3_000, start: start)
        let venue = try SimFixtures.venue(market, minutes: 600, wall: wallStart)
        let wall = ManualWall(wallStart)
        let keys = ListenKeys(seed: 11)
        let faults = FaultInjector(spec: try FaultSpec(parsing: spec), seed: 11)
        let accountAPI = BinanceAccountAPI(accounts: [.demo], venue: venue)
        let hub = StreamHub(
            market: market,
            venue: venue,
            listenKeys: keys,
            faults: faults,
            authenticator: accountAPI.authenticator,
            wall: WallClock { wall.now }
        )
        let gateway = SimGateway(
            publicAPI: BinancePublicAPI(market: market),
            accountAPI: accountAPI,
            limiter: WeightLimiter(),
            faults: faults,
            listenKeys: keys
        )
        return Setup(market: market, venue: venue, hub: hub, gateway: gateway, wall: wall, keys: keys, faults: faults)
    }

    /// Every message queued for `connection` so far (the connection is finished to read them).
    static func drain(_ connection: StreamHub.Connection, hub: StreamHub) async -> [[String: Any]] {
        hub.disconnect(connection)
        var messages: [[String: Any]] = []
        for await buffer in connection.messages {
            if let object = try? JSONSerialization.jsonObject(with: Data(String(buffer: buffer).utf8)) as? [String: Any]
            {
                messages.append(object)
            }
        }
        return messages
    }

    static func get(_ setup: Setup, _ path: String, _ query: String) throws -> [String: Any] {
        let answer = setup.gateway.respond(
            method: "GET",
            path: path,
            query: query,
            body: "",
            apiKey: nil,
            client: "127.0.0.1",
            wall: setup.wall.now
        )
        return try #require(try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any])
    }

    @Test("Routes: raw, combined, ccxt's spot and USD-M paths, listen keys in the path or the query, the WebSocket API")
    func routes() throws {
        let keys = ListenKeys(seed: 1)
        let spotKey = keys.create(apiKey: "k", kind: .spot, wall: Self.wallStart)
        let futuresKey = keys.create(apiKey: "k", kind: .usdm, wall: Self.wallStart)
        func route(_ target: String) -> WebSocketRoute? {
            WebSocketRoute(target, listenKeys: keys, wall: Self.wallStart)
        }
        #expect(route("/ws/btcusdt@trade")?.streams == ["btcusdt@trade"])
        #expect(route("/ws/btcusdt@trade")?.kind == .spot)
        let combined = try #require(route("/stream?streams=btcusdt@depth@100ms/ethusdt@kline_1m"))
        #expect(combined.combined && combined.streams == ["btcusdt@depth@100ms", "ethusdt@kline_1m"])
        #expect(route("/stream/ws/0")?.streams == [])
        #expect(route("/fapi/public/ws/3")?.kind == .usdm)
        #expect(route("/fapi/ws/btcusdt@markPrice@1s")?.streams == ["btcusdt@markPrice@1s"])
        #expect(route("/ws/\(spotKey)")?.listenKey == spotKey)
        #expect(route("/fapi/private/ws?listenKey=\(futuresKey)")?.listenKey == futuresKey)
        #expect(route("/ws-api/v3")?.isAPI == true)
        for bad in [
            "/ws/dogeusdt@trade", "/ws/btcusdt@markPrice", "/fapi/ws?listenKey=\(spotKey)", "/ws/BTCUSDT@trade",
            "/ws/btcusdt@kline_7m", "/other", "/stream?streams=btcusdt@nothing",
        ] {
            #expect(route(bad) == nil, "\(bad)")
        }
    }

    @Test("SUBSCRIBE, UNSUBSCRIBE and LIST_SUBSCRIPTIONS answer as Binance does; bad requests get codes 2 and 3")
    func requests() throws {
        let setup = try Self.setUp()
        let connection = setup.hub.connect(kind: .spot, combined: false, streams: [], listenKey: nil)
        let hub = setup.hub
        #expect(
            hub.handle(
                message: #"{"method":"SUBSCRIBE","params":["btcusdt@trade","ethusdt@depth5"],"id":1}"#,
                from: connection
            )
                == #"{"result":null,"id":1}"#
        )
        #expect(
            hub.handle(message: #"{"method":"LIST_SUBSCRIPTIONS","id":2}"#, from: connection)
                == #"{"result":["btcusdt@trade","ethusdt@depth5"],"id":2}"#
        )
        _ = hub.handle(message: #"{"method":"UNSUBSCRIBE","params":["btcusdt@trade"],"id":3}"#, from: connection)
        #expect(
            hub.handle(message: #"{"method":"LIST_SUBSCRIPTIONS","id":"x"}"#, from: connection).contains(
                #"["ethusdt@depth5"]"#
            )
        )
        #expect(hub.handle(message: "not json", from: connection).contains(#""code":3"#))
        #expect(
            hub.handle(message: #"{"method":"SUBSCRIBE","params":["btcusdt@nope"],"id":4}"#, from: connection)
                .contains(#""code":2"#)
        )
        #expect(hub.handle(message: #"{"method":"FLY","id":5}"#, from: connection).contains(#""code":2"#))
    }

    @Test(
        "A local book from a REST snapshot and the diff stream, by Binance's U/u (and pu) rules, equals a later snapshot",
        arguments: [SimMarketKind.spot, .usdm]
    )
    func depthSync(kind: SimMarketKind) async throws {
        let setup = try Self.setUp()
        let prefix = kind == .spot ? "/api/v3" : "/fapi/v1"
        let connection = setup.hub.connect(kind: kind, combined: true, streams: ["btcusdt@depth@100ms"], listenKey: nil)
        setup.hub.tick()  // the stream's first look at the book: no event yet
        let snapshot = try Self.get(setup, "\(prefix)/depth", "symbol=BTCUSDT&limit=1000")
        var generator = SeededGenerator(seed: 77)
        for _ in 0..<40 {
            setup.venue.step(nanoseconds: Int64(generator.next() % 50) * 1_000_000_000, wall: setup.wall.now)
            setup.wall.advance(seconds: 1)
            setup.hub.tick()
        }
        let events = await Self.drain(connection, hub: setup.hub).compactMap { $0["data"] as? [String: Any] }
        #expect(events.count >= 10, "the book should have moved: \(events.count) events")
        var bids: [String: String] = [:]
        var asks: [String: String] = [:]
        for level in snapshot["bids"] as? [[String]] ?? [] { bids[level[0]] = level[1] }
        for level in snapshot["asks"] as? [[String]] ?? [] { asks[level[0]] = level[1] }
        let lastUpdateId = try #require(snapshot["lastUpdateId"] as? Int64)
        var previous: Int64?
        for event in events {
            let first = try #require(event["U"] as? Int64)
            let last = try #require(event["u"] as? Int64)
            if last <= lastUpdateId { continue }
            if let previous {
                if kind == .usdm {
                    #expect(event["pu"] as? Int64 == previous, "pu must chain")
                } else {
                    #expect(first == previous + 1, "U must follow the previous u")
                }
            } else {
                #expect(
                    first <= lastUpdateId + 1 && last >= lastUpdateId + 1,
                    "the first event must straddle the snapshot"
                )
            }
            previous = last
            for level in event["b"] as? [[String]] ?? [] {
                bids[level[0]] = Double(level[1]) == 0 ? nil : level[1]
            }
            for level in event["a"] as? [[String]] ?? [] {
                asks[level[0]] = Double(level[1]) == 0 ? nil : level[1]
            }
        }
        let final = try Self.get(setup, "\(prefix)/depth", "symbol=BTCUSDT&limit=1000")
        #expect(final["lastUpdateId"] as? Int64 == previous)
        var expectedBids: [String: String] = [:]
        var expectedAsks: [String: String] = [:]
        for level in final["bids"] as? [[String]] ?? [] { expectedBids[level[0]] = level[1] }
        for level in final["asks"] as? [[String]] ?? [] { expectedAsks[level[0]] = level[1] }
        #expect(bids == expectedBids)
        #expect(asks == expectedAsks)
    }

    @Test("Trades, klines, partial books, best bid/ask and mark prices stream with Binance's fields")
    func marketStreams() async throws {
        let setup = try Self.setUp()
        let spot = setup.hub.connect(
            kind: .spot,
            combined: true,
            streams: ["btcusdt@trade", "btcusdt@aggTrade", "btcusdt@kline_1m", "btcusdt@depth5", "btcusdt@bookTicker"],
            listenKey: nil
        )
        let futures = setup.hub.connect(kind: .usdm, combined: false, streams: ["ethusdt@markPrice@1s"], listenKey: nil)
        setup.hub.tick()
        setup.venue.step(nanoseconds: 60_000_000_000, wall: setup.wall.now)
        setup.wall.advance(seconds: 2)
        setup.hub.tick()
        let messages = await Self.drain(spot, hub: setup.hub)
        let byStream = Dictionary(grouping: messages) { $0["stream"] as? String ?? "" }
        let trades = byStream["btcusdt@trade"]?.compactMap { $0["data"] as? [String: Any] } ?? []
        #expect(trades.count == 4, "a minute prints four trades")
        #expect(trades.first?["e"] as? String == "trade" && trades.first?["s"] as? String == "BTCUSDT")
        #expect(byStream["btcusdt@aggTrade"]?.count == 4)
        let kline = (byStream["btcusdt@kline_1m"]?.last?["data"] as? [String: Any])?["k"] as? [String: Any]
        #expect(kline?["i"] as? String == "1m" && kline?["x"] as? Bool != nil)
        let partial = byStream["btcusdt@depth5"]?.last?["data"] as? [String: Any]
        #expect((partial?["bids"] as? [[String]])?.count == 5 && partial?["lastUpdateId"] != nil)
        #expect((byStream["btcusdt@bookTicker"]?.last?["data"] as? [String: Any])?["b"] != nil)
        let marks = await Self.drain(futures, hub: setup.hub)
        #expect(marks.first?["e"] as? String == "markPriceUpdate" && marks.first?["r"] as? String == "0.00010000")
    }

    @Test("User data: listen keys over REST, executionReport and outboundAccountPosition at once, listenKeyExpired")
    func userData() async throws {
        let setup = try Self.setUp()
        func keyRequest(_ method: String, _ path: String, _ query: String = "") -> SimResponse {
            setup.gateway.respond(
                method: method,
                path: path,
                query: query,
                body: "",
                apiKey: SimAccount.demo.apiKey,
                client: "127.0.0.1",
                wall: setup.wall.now
            )
        }
        let created = keyRequest("POST", "/api/v3/userDataStream")
        let key = try #require(
            (try JSONSerialization.jsonObject(with: Data(created.body.utf8)) as? [String: String])?["listenKey"]
        )
        #expect(key.count == 60)
        #expect(keyRequest("POST", "/api/v3/userDataStream").body.contains(key), "a valid key is returned again")
        #expect(keyRequest("PUT", "/api/v3/userDataStream", "listenKey=\(key)").status == 200)
        #expect(keyRequest("PUT", "/api/v3/userDataStream", "listenKey=nope").body.contains("-1125"))
        #expect(
            setup.gateway.respond(
                method: "POST",
                path: "/fapi/v1/listenKey",
                query: "",
                body: "",
                apiKey: "stranger",
                client: "127.0.0.1",
                wall: setup.wall.now
            ).status == 401
        )
        let connection = setup.hub.connect(kind: .spot, combined: false, streams: [], listenKey: key)
        let payload = "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01&timestamp=\(setup.wall.now.milliseconds)"
        let signed =
            payload + "&signature=" + RequestAuthenticator.signature(of: payload, secret: SimAccount.demo.secret)
        let order = setup.gateway.respond(
            method: "POST",
            path: "/api/v3/order",
            query: signed,
            body: "",
            apiKey: SimAccount.demo.apiKey,
            client: "127.0.0.1",
            wall: setup.wall.now
        )
        #expect(order.status == 200)
        setup.hub.publishUserData()
        setup.wall.advance(seconds: 3_601)
        setup.hub.tick()
        let events = await Self.drain(connection, hub: setup.hub)
        let kinds = events.compactMap { $0["e"] as? String }
        #expect(kinds.first == "executionReport")
        #expect(kinds.contains("outboundAccountPosition"))
        #expect(kinds.last == "listenKeyExpired")
        let report = try #require(events.first { $0["X"] as? String == "FILLED" })
        #expect(report["x"] as? String == "TRADE" && report["z"] as? String == "0.01000000")
    }

    @Test("ws_drop closes every stream and is recorded; ws_duplicate sends user-data events twice")
    func streamFaults() async throws {
        let setup = try Self.setUp(faults: "ws_drop=every:5s,ws_duplicate=100%")
        let key = setup.keys.create(apiKey: SimAccount.demo.apiKey, kind: .usdm, wall: setup.wall.now)
        let connection = setup.hub.connect(kind: .usdm, combined: false, streams: [], listenKey: key)
        let payload = "symbol=ETHUSDT&side=BUY&type=MARKET&quantity=0.1&timestamp=\(setup.wall.now.milliseconds)"
        let signed =
            payload + "&signature=" + RequestAuthenticator.signature(of: payload, secret: SimAccount.demo.secret)
        _ = setup.gateway.respond(
            method: "POST",
            path: "/fapi/v1/order",
            query: signed,
            body: "",
            apiKey: SimAccount.demo.apiKey,
            client: "127.0.0.1",
            wall: setup.wall.now
        )
        setup.hub.publishUserData()
        setup.wall.advance(seconds: 6)
        setup.hub.tick()
        #expect(setup.hub.connectionCount == 0, "ws_drop closed the connection")
        var events: [String] = []
        for await buffer in connection.messages { events.append(String(buffer: buffer)) }
        #expect(events.count >= 2 && events.count % 2 == 0 && events[0] == events[1], "\(events.count) events")
        let kinds = setup.faults.records.map(\.kind)
        #expect(kinds.contains("ws_drop") && kinds.contains("ws_duplicate"))
    }

    @Test("ws_reorder swaps user-data events pairwise and records each swap")
    func reorder() async throws {
        let setup = try Self.setUp(faults: "ws_reorder=100%")
        let key = setup.keys.create(apiKey: SimAccount.demo.apiKey, kind: .spot, wall: setup.wall.now)
        let connection = setup.hub.connect(kind: .spot, combined: false, streams: [], listenKey: key)
        let payload = "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01&timestamp=\(setup.wall.now.milliseconds)"
        let signed =
            payload + "&signature=" + RequestAuthenticator.signature(of: payload, secret: SimAccount.demo.secret)
        _ = setup.gateway.respond(
            method: "POST",
            path: "/api/v3/order",
            query: signed,
            body: "",
            apiKey: SimAccount.demo.apiKey,
            client: "127.0.0.1",
            wall: setup.wall.now
        )
        setup.hub.publishUserData()
        let events = await Self.drain(connection, hub: setup.hub)
        // In order they are the NEW report, the FILLED report, the balances; the first two are swapped.
        #expect(
            events.map { $0["X"] as? String ?? $0["e"] as? String } == ["FILLED", "NEW", "outboundAccountPosition"]
        )
        #expect(setup.faults.records.map(\.kind) == ["ws_reorder"])
    }
}
