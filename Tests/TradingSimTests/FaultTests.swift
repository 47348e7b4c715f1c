import Foundation
import Testing
import TradingCore
import TradingSim

@Suite("omega sim: injected faults and the admin API")
struct FaultTests {
    static let start = Timestamp(CivilTime(year: 2024, month: 1, day: 1))
    static let wall = Timestamp(nanoseconds: 1_700_000_000_000 * 1_000_000)
    static let token = "admin-token-1"

    /// A gateway over a fresh venue with `spec` injected, and its admin API.
    static func gateway(_ spec: String) throws -> SimGateway {
        let market = try SimMarket(seed: 5, bars: 900, start: start)
        let venue = try SimFixtures.venue(market, minutes: 300, wall: wall)
        let parsed = try FaultSpec(parsing: spec)
        let faults = FaultInjector(spec: parsed, seed: 5)
        venue.setPartialFills(parsed.partialFills)
        return SimGateway(
            publicAPI: BinancePublicAPI(market: market),
            accountAPI: BinanceAccountAPI(accounts: [.demo], venue: venue),
            limiter: WeightLimiter(),
            faults: faults,
            admin: AdminAPI(token: token, venue: venue, faults: faults)
        )
    }

    static func order(
        _ gateway: SimGateway,
        _ parameters: String,
        path: String = "/api/v3/order",
        method: String = "POST"
    )
        -> SimResponse
    {
        let payload = parameters + "&timestamp=\(wall.milliseconds)"
        let query =
            payload + "&signature=" + RequestAuthenticator.signature(of: payload, secret: SimAccount.demo.secret)
        return gateway.respond(
            method: method,
            path: path,
            query: query,
            body: "",
            apiKey: SimAccount.demo.apiKey,
            client: "127.0.0.1",
            wall: wall
        )
    }

    static func admin(
        _ gateway: SimGateway,
        _ method: String,
        _ path: String,
        _ query: String = ""
    ) throws -> [String: Any] {
        let answer = gateway.respond(
            method: method,
            path: path,
            query: query,
            body: "",
            apiKey: nil,
            client: "127.0.0.1",
            wall: wall,
            adminToken: token
        )
        #expect(answer.status == 200, "\(answer.body)")
        return try #require(try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any])
    }

    static func spotOrders(_ gateway: SimGateway) throws -> [[String: Any]] {
        let state = try admin(gateway, "GET", "/omega/state")
        let accounts = try #require(state["accounts"] as? [[String: Any]])
        return try #require((accounts.first?["spot"] as? [String: Any])?["orders"] as? [[String: Any]])
    }

    static func records(_ gateway: SimGateway) throws -> [[String: Any]] {
        try #require(try admin(gateway, "GET", "/omega/faults")["records"] as? [[String: Any]])
    }

    static let limitBuy =
        "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=30000&newClientOrderId=c-1"

    @Test("The issue's example spec parses; a bad entry is named")
    func parsing() throws {
        let spec = try FaultSpec(
            parsing:
                "latency=5..50ms,http5xx=1%,timeout_after_accept=0.5%,reject=0.5%,http429=1%,ws_drop=every:300s,ws_duplicate=1%,ws_reorder=1%,partial_fills=on"
        )
        #expect(spec.latency == 5...50)
        #expect(spec.http5xxBefore == 0.005 && spec.http5xxAfter == 0.005)
        #expect(spec.timeoutAfter == 0.005 && spec.reject == 0.005 && spec.http429 == 0.01)
        #expect(spec.wsDropSeconds == 300 && spec.partialFills)
        for (bad, named) in [
            ("http5xx=2", "'http5xx'"), ("latency=50..5ms", "'latency'"), ("nonsense=1%", "'nonsense'"),
            ("reject=60%,http5xx=60%", "100%"), ("ws_drop=300s", "'ws_drop'"), ("hold=forever", "'hold'"),
        ] {
            #expect(throws: FaultSpecError.self) { try FaultSpec(parsing: bad) }
            do { _ = try FaultSpec(parsing: bad) } catch { #expect("\(error)".contains(named), "\(error)") }
        }
    }

    @Test("A 5xx after the order was accepted: the order exists, the answer is 5xx -1000, the record says so")
    func http5xxAfterAccept() throws {
        let gateway = try Self.gateway("http5xx_after_accept=100%")
        let answer = Self.order(gateway, Self.limitBuy)
        #expect([500, 502, 503].contains(answer.status) && answer.body.contains("-1000"), "\(answer.body)")
        #expect(try Self.spotOrders(gateway).map { $0["clientOrderId"] as? String } == ["c-1"])
        let record = try #require(try Self.records(gateway).first)
        #expect(record["kind"] as? String == "http5xx" && record["tookEffect"] as? Bool == true)
        #expect(record["orderId"] as? Int == 1 && record["clientOrderId"] as? String == "c-1")
    }

    @Test("A 5xx before the order was accepted: no order, the record says it did not take effect")
    func http5xxBeforeAccept() throws {
        let gateway = try Self.gateway("http5xx_before_accept=100%")
        #expect([500, 502, 503].contains(Self.order(gateway, Self.limitBuy).status))
        #expect(try Self.spotOrders(gateway).isEmpty)
        let record = try #require(try Self.records(gateway).first)
        #expect(record["tookEffect"] as? Bool == false && record["clientOrderId"] as? String == "c-1")
    }

    @Test("Timeouts hold the answer, then 503 -1007; after accept the order exists, before it does not")
    func timeouts() throws {
        for (spec, exists) in [
            ("timeout_after_accept=100%,hold=2s", true), ("timeout_before_accept=100%,hold=2s", false),
        ] {
            let gateway = try Self.gateway(spec)
            let answer = Self.order(gateway, Self.limitBuy)
            #expect(answer.status == 503 && answer.body.contains("-1007"))
            #expect(answer.delayMilliseconds == 2_000)
            #expect(try Self.spotOrders(gateway).count == (exists ? 1 : 0), "\(spec)")
            #expect(try Self.records(gateway).first?["tookEffect"] as? Bool == exists)
        }
    }

    @Test("Cancels meet the unknown-outcome faults too: a cancel answered 5xx after it took effect")
    func cancelAfterAccept() throws {
        let gateway = try Self.gateway("")
        #expect(Self.order(gateway, Self.limitBuy).status == 200)
        _ = try Self.admin(gateway, "POST", "/omega/faults", "spec=http5xx_after_accept%3D100%25")
        let cancel = Self.order(gateway, "symbol=BTCUSDT&origClientOrderId=c-1", method: "DELETE")
        #expect([500, 502, 503].contains(cancel.status))
        #expect(try Self.spotOrders(gateway).first?["status"] as? String == "CANCELED")
        #expect(try Self.records(gateway).first?["tookEffect"] as? Bool == true)
    }

    @Test("reject refuses a new order definitely (-2010); http429 answers 429 with Retry-After; latency delays")
    func rejectAndThrottle() throws {
        let rejecting = try Self.gateway("reject=100%")
        let refused = Self.order(rejecting, Self.limitBuy)
        #expect(refused.status == 400 && refused.body.contains("-2010"))
        #expect(try Self.spotOrders(rejecting).isEmpty)
        let throttling = try Self.gateway("http429=100%")
        let throttled = throttling.respond(
            method: "GET",
            path: "/api/v3/time",
            query: "",
            body: "",
            apiKey: nil,
            client: "127.0.0.1",
            wall: Self.wall
        )
        #expect(throttled.status == 429 && throttled.headers.contains { $0 == ("Retry-After", "1") })
        let slow = try Self.gateway("latency=7..7ms")
        #expect(Self.order(slow, Self.limitBuy).delayMilliseconds == 7)
    }

    @Test("partial_fills=on: a market order walks the synthetic book and fills in parts at rising prices")
    func partialFills() throws {
        let gateway = try Self.gateway("partial_fills=on")
        let answer = Self.order(gateway, "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.02")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any])
        let fills = try #require(document["fills"] as? [[String: Any]])
        let prices = fills.compactMap { Double($0["price"] as? String ?? "") }
        #expect(fills.count >= 2, "\(answer.body)")
        #expect(prices == prices.sorted() && prices.first! < prices.last!)
        #expect(document["executedQty"] as? String == "0.02000000")
    }

    @Test("The admin API: a token is required; the clock steps; reset forgets orders and fault records")
    func adminAPI() throws {
        let gateway = try Self.gateway("")
        for token: String? in [nil, "wrong-token"] {
            let refused = gateway.respond(
                method: "GET",
                path: "/omega/state",
                query: "",
                body: "",
                apiKey: nil,
                client: "127.0.0.1",
                wall: Self.wall,
                adminToken: token
            )
            #expect(refused.status == 401)
        }
        let before = try #require(try Self.admin(gateway, "GET", "/omega/state")["marketTime"] as? Int64)
        let stepped = try #require(
            try Self.admin(gateway, "POST", "/omega/clock/step", "minutes=5")["marketTime"] as? Int64
        )
        #expect(stepped - before == 300_000)
        #expect(Self.order(gateway, Self.limitBuy).status == 200)
        _ = try Self.admin(gateway, "POST", "/omega/reset")
        #expect(try Self.spotOrders(gateway).isEmpty)
        #expect(try Self.admin(gateway, "GET", "/omega/state")["marketTime"] as? Int64 == before)
        let bad = gateway.respond(
            method: "POST",
            path: "/omega/faults",
            query: "spec=nonsense%3D1",
            body: "",
            apiKey: nil,
            client: "127.0.0.1",
            wall: Self.wall,
            adminToken: Self.token
        )
        #expect(bad.status == 400 && bad.body.contains("nonsense"))
    }
}
