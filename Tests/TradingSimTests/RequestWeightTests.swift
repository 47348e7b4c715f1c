import Foundation
import Testing
import TradingCore
import TradingSim

@Suite("omega sim: request weights, 429 and 418")
struct RequestWeightTests {
    static let start = Timestamp(CivilTime(year: 2024, month: 1, day: 1))
    /// 10 seconds into a wall-clock minute.
    static let wall = Timestamp(nanoseconds: (1_700_000_000_000 / 60_000 * 60_000 + 10_000) * 1_000_000)

    static func gateway(limits: [SimMarketKind: Int]) throws -> SimGateway {
        let market = try SimMarket(seed: 1, bars: 500, start: start)
        return SimGateway(
            publicAPI: BinancePublicAPI(market: market),
            accountAPI: try SimFixtures.accountAPI(market, wall: wall),
            limiter: WeightLimiter(limits: limits)
        )
    }

    static func get(
        _ gateway: SimGateway,
        _ path: String,
        _ query: String = "",
        client: String = "10.0.0.1",
        at wall: Timestamp = wall
    )
        -> SimResponse
    {
        gateway.respond(method: "GET", path: path, query: query, body: "", apiKey: nil, client: client, wall: wall)
    }

    static func header(_ response: SimResponse, _ name: String) -> String? {
        response.headers.first { $0.name == name }?.value
    }

    @Test("weights follow Binance's tables")
    func weights() {
        #expect(RequestWeight.weight("exchangeInfo", kind: .spot, symbol: false, limit: nil) == 20)
        #expect(RequestWeight.weight("depth", kind: .spot, symbol: true, limit: 5_000) == 250)
        #expect(RequestWeight.weight("ticker/24hr", kind: .spot, symbol: false, limit: nil) == 80)
        #expect(RequestWeight.weight("klines", kind: .usdm, symbol: true, limit: 1_500) == 10)
        #expect(RequestWeight.weight("depth", kind: .usdm, symbol: true, limit: 10) == 2)
        #expect(RequestWeight.limit(.spot) == 6_000 && RequestWeight.limit(.usdm) == 2_400)
    }

    @Test(
        "every answer reports the minute's weight; past the limit a 429 says when to retry; markets and clients count apart"
    )
    func limited() throws {
        let gateway = try Self.gateway(limits: [.spot: 45, .usdm: 1_000])
        let first = Self.get(gateway, "/api/v3/exchangeInfo")
        #expect(first.status == 200 && Self.header(first, "X-MBX-USED-WEIGHT-1M") == "20")
        #expect(Self.header(Self.get(gateway, "/api/v3/exchangeInfo"), "X-MBX-USED-WEIGHT-1M") == "40")
        let refused = Self.get(gateway, "/api/v3/exchangeInfo")
        #expect(refused.status == 429)
        #expect(Self.header(refused, "Retry-After") == "50")
        #expect(refused.body.contains("\"code\":-1003") && refused.body.contains("IP(10.0.0.1)"))
        // Lighter requests still fit; the futures market and another client have their own budgets.
        #expect(Self.get(gateway, "/api/v3/ping").status == 200)
        #expect(Self.get(gateway, "/fapi/v1/exchangeInfo").status == 200)
        #expect(Self.get(gateway, "/api/v3/exchangeInfo", client: "10.0.0.2").status == 200)
        // The next minute starts afresh.
        let later = Self.wall.advanced(byNanoseconds: 60_000_000_000)
        let next = Self.get(gateway, "/api/v3/exchangeInfo", at: later)
        #expect(next.status == 200 && Self.header(next, "X-MBX-USED-WEIGHT-1M") == "20")
    }

    @Test("a client that keeps sending after its 429s is banned with a 418, longer each time, then served again")
    func banned() throws {
        let gateway = try Self.gateway(limits: [.spot: 20, .usdm: 2_400])
        #expect(Self.get(gateway, "/api/v3/exchangeInfo").status == 200)
        for _ in 0..<WeightLimiter.toleratedRejections {
            #expect(Self.get(gateway, "/api/v3/exchangeInfo").status == 429)
        }
        let ban = Self.get(gateway, "/api/v3/exchangeInfo")
        #expect(ban.status == 418)
        #expect(Self.header(ban, "Retry-After") == "120")
        #expect(ban.body.contains("banned until"))
        // Banned: even a ping is refused, until the ban ends.
        #expect(Self.get(gateway, "/api/v3/ping", at: Self.wall.advanced(byNanoseconds: 119_000_000_000)).status == 418)
        let after = Self.wall.advanced(byNanoseconds: 121_000_000_000)
        #expect(Self.get(gateway, "/api/v3/ping", at: after).status == 200)
        // A second ban lasts twice as long (the ping used 1 of the 20, so the next weight-20 call is over).
        for _ in 0..<WeightLimiter.toleratedRejections {
            #expect(Self.get(gateway, "/api/v3/exchangeInfo", at: after).status == 429)
        }
        let second = Self.get(gateway, "/api/v3/exchangeInfo", at: after)
        #expect(second.status == 418 && Self.header(second, "Retry-After") == "240")
    }
}

@Suite("omega sim: order-count limits")
struct OrderCountTests {
    @Test("Spot counts new orders per 10 s and per day in headers; the 101st in 10 s is 429 -1015; the window resets")
    func spotOrderCounts() {
        let limiter = OrderCountLimiter()
        let wall = Timestamp(nanoseconds: 1_700_000_000_000 * 1_000_000)
        var last: [(name: String, value: String)] = []
        for _ in 0..<100 {
            guard case .success(let headers) = limiter.charge(account: "a", kind: .spot, at: wall) else {
                Issue.record("refused before the limit")
                return
            }
            last = headers
        }
        #expect(last.map(\.name) == ["X-MBX-ORDER-COUNT-10S", "X-MBX-ORDER-COUNT-1D"])
        #expect(last.map(\.value) == ["100", "100"])
        guard case .failure(let error) = limiter.charge(account: "a", kind: .spot, at: wall) else {
            Issue.record("the 101st order was accepted")
            return
        }
        #expect(error.status == 429 && error.code == -1015 && error.message.contains("100 orders per 10 SECOND"))
        // Another account, and the next window, are not affected.
        #expect((try? limiter.charge(account: "b", kind: .spot, at: wall).get()) != nil)
        let later = wall.advanced(byNanoseconds: 10_000_000_000)
        let next = try? limiter.charge(account: "a", kind: .spot, at: later).get()
        #expect(next?.map(\.value) == ["1", "101"])
        // USD-M: 1,200 a minute (from the start of a minute).
        let minute = Timestamp(nanoseconds: 1_699_999_980_000 * 1_000_000)
        for second in 0..<4 {
            for _ in 0..<300 {
                _ = limiter.charge(
                    account: "f",
                    kind: .usdm,
                    at: minute.advanced(byNanoseconds: Int64(second) * 10_000_000_000)
                )
            }
        }
        let refused = limiter.charge(account: "f", kind: .usdm, at: minute.advanced(byNanoseconds: 40_000_000_000))
        #expect((try? refused.get()) == nil)
    }
}
