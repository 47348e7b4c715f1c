import Foundation
import Testing
import TradingCore
import TradingSim
import TradingTestSupport

@Suite("omega sim: --state keeps the venue across restarts")
struct StateTests {
    static let wallStart = Timestamp(nanoseconds: 1_700_000_000_000 * 1_000_000)

    static func configuration(_ path: String, seed: UInt64 = 9) -> SimServer.Configuration {
        SimServer.Configuration(seed: seed, bars: 2_000, clock: .manual, historyMinutes: 300, statePath: path)
    }

    static func send(_ server: SimServer, _ method: String, _ path: String, _ parameters: String) -> SimResponse {
        let payload = parameters + "&timestamp=\(wallStart.milliseconds)"
        let query =
            payload + "&signature=" + RequestAuthenticator.signature(of: payload, secret: SimAccount.demo.secret)
        let gateway = SimGateway(
            publicAPI: server.api,
            accountAPI: server.accountAPI,
            limiter: WeightLimiter(),
            faults: server.faults,
            admin: AdminAPI(token: "state-token", venue: server.venue, faults: server.faults)
        )
        return gateway.respond(
            method: method,
            path: path,
            query: query,
            body: "",
            apiKey: SimAccount.demo.apiKey,
            client: "127.0.0.1",
            wall: wallStart
        )
    }

    static func state(_ server: SimServer) -> String {
        AdminAPI(token: "t", venue: server.venue, faults: server.faults)
            .handle(method: "GET", path: "/omega/state", query: "", token: "t", wall: wallStart).body
    }

    @Test("Orders, fills, positions and the clock survive a restart exactly; another sim's file is refused")
    func restart() throws {
        let files = try TestFiles()
        let path = files.path("sim.sqlite")
        let first = try SimServer(configuration: Self.configuration(path), wall: WallClock { Self.wallStart })
        #expect(first.restored == 0)
        #expect(
            Self.send(first, "POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.05").status == 200
        )
        #expect(
            Self.send(
                first,
                "POST",
                "/api/v3/order",
                "symbol=ETHUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=1000"
            )
            .status == 200
        )
        #expect(Self.send(first, "POST", "/fapi/v1/leverage", "symbol=SOLUSDT&leverage=5").status == 200)
        #expect(
            Self.send(first, "POST", "/fapi/v1/order", "symbol=SOLUSDT&side=SELL&type=MARKET&quantity=10").status == 200
        )
        first.venue.step(nanoseconds: 90 * 60_000_000_000, wall: Self.wallStart)
        #expect(Self.send(first, "DELETE", "/api/v3/order", "symbol=ETHUSDT&orderId=2").status == 200)
        // A refused request is not kept.
        #expect(
            Self.send(first, "POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=100").status == 400
        )
        first.venue.step(nanoseconds: 480 * 60_000_000_000, wall: Self.wallStart)
        let before = Self.state(first)
        #expect(before.contains("\"funding\":[{"), "the short position was charged funding")

        let second = try SimServer(configuration: Self.configuration(path), wall: WallClock { Self.wallStart })
        #expect(second.restored == 7, "five requests and two clock steps")
        #expect(Self.state(second) == before)
        // The order IDs continue.
        let next = Self.send(second, "POST", "/api/v3/order", "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.01")
        #expect(next.body.contains(#""orderId":4"#), "\(next.body)")

        #expect(throws: SimStateError.self) {
            _ = try SimServer(configuration: Self.configuration(path, seed: 10), wall: WallClock { Self.wallStart })
        }
    }
}
