import Foundation
import Testing
import TradingCore
import TradingSim
import TradingTestSupport

@Suite("omega sim: garbled requests")
struct GarbledRequestTests {
    static let start = Timestamp(CivilTime(year: 2024, month: 1, day: 1))
    static let wall = Timestamp(nanoseconds: 1_700_000_000_000_000_000)

    struct Request: CustomStringConvertible {
        let method: String
        let path: String
        let query: String
        let body: String
        let key: String?
        var description: String { "\(method) \(path)?\(query.prefix(300)) body \(body.prefix(100))" }
    }

    /// A request from pieces that are sometimes right and often wrong: real and invented paths and methods,
    /// parameters missing, repeated, of the wrong type, huge, percent-garbled or not UTF-8, bodies cut short,
    /// keys and signatures right (a third of the requests are signed properly, so the garbling reaches the
    /// order checks) or wrong.
    static func request(_ generator: inout SeededGenerator) -> Request {
        func pick<T>(_ values: [T]) -> T { values[Int(generator.next() % UInt64(values.count))] }
        let paths = [
            "/api/v3/klines", "/api/v3/depth", "/api/v3/ticker/price", "/api/v3/ticker/24hr", "/api/v3/avgPrice",
            "/api/v3/exchangeInfo", "/api/v3/account", "/fapi/v1/klines", "/fapi/v1/depth", "/fapi/v1/premiumIndex",
            "/fapi/v1/ticker/bookTicker", "/api/v3/", "/fapi/v1/../api/v3/time", "/api/v3/klines/extra", "/",
            "/api/v3/order", "/api/v3/openOrders", "/api/v3/allOrders", "/api/v3/myTrades", "/api/v3/trades",
            "/fapi/v1/order", "/fapi/v1/algoOrder", "/fapi/v1/leverage", "/fapi/v1/marginType", "/fapi/v2/account",
            "/fapi/v3/positionRisk", "/fapi/v1/allOpenOrders", "/fapi/v1/aggTrades", "/fapi/v1/fundingRate",
        ]
        let names = [
            "symbol", "interval", "limit", "startTime", "endTime", "recvWindow", "", "side", "type", "quantity",
            "price", "timeInForce", "newClientOrderId", "stopPrice", "reduceOnly", "quoteOrderQty", "leverage",
            "marginType", "orderId", "origClientOrderId", "algoType", "triggerPrice", "newOrderRespType",
        ]
        let values = [
            "BTCUSDT", "ETHUSDT", "SOLUSDT", "btcusdt", "1m", "1h", "7m", "500", "0", "-1", "1001",
            "99999999999999999999999", "abc", "%", "%G0", "%FF%FE", "%E2%82%AC", "", "1700000000000", "1.5",
            String(repeating: "9", count: 300), "+", "%00", "\u{1F4A5}", "BUY", "SELL", "LIMIT", "MARKET",
            "STOP_LOSS", "TAKE_PROFIT_LIMIT", "GTC", "IOC", "GTX", "0.01", "0.0000000001", "30000", "30000.005",
            "true", "TRUE", "ISOLATED", "CONDITIONAL", "FULL", "1e3", "0x10", "1.", ".5",
        ]
        var method = pick(["GET", "POST", "DELETE", "PUT"])
        var path = pick(paths)
        var pairs: [String] = []
        for _ in 0..<Int(generator.next() % 9) {
            switch generator.next() % 5 {
            case 0: pairs.append(pick(names))
            case 1: pairs.append("\(pick(names))=")
            default: pairs.append("\(pick(names))=\(pick(values))")
            }
        }
        if generator.next() % 2 == 0 {
            // A valid order with one or two parameters dropped, replaced or repeated.
            let template = pick([
                (
                    "POST", "/api/v3/order",
                    "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=30000"
                ),
                ("POST", "/api/v3/order", "symbol=ETHUSDT&side=SELL&type=MARKET&quantity=0.5"),
                ("POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quoteOrderQty=100"),
                (
                    "POST", "/api/v3/order",
                    "symbol=SOLUSDT&side=SELL&type=STOP_LOSS_LIMIT&timeInForce=GTC&quantity=1&price=50&stopPrice=51"
                ),
                ("POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=LIMIT_MAKER&quantity=0.01&price=30000"),
                ("POST", "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=STOP_MARKET&quantity=0.01&stopPrice=90000"),
                (
                    "POST", "/fapi/v1/order",
                    "symbol=ETHUSDT&side=SELL&type=LIMIT&timeInForce=GTX&quantity=0.1&price=2500"
                ),
                (
                    "POST", "/fapi/v1/algoOrder",
                    "algoType=CONDITIONAL&symbol=BTCUSDT&side=SELL&type=TAKE_PROFIT_MARKET&quantity=0.01&triggerPrice=90000"
                ),
                ("POST", "/fapi/v1/leverage", "symbol=BTCUSDT&leverage=10"),
                ("POST", "/fapi/v1/marginType", "symbol=BTCUSDT&marginType=ISOLATED"),
                ("DELETE", "/api/v3/order", "symbol=BTCUSDT&orderId=1"),
                ("DELETE", "/fapi/v1/order", "symbol=BTCUSDT&orderId=2"),
                ("DELETE", "/api/v3/openOrders", "symbol=BTCUSDT"),
            ])
            method = template.0
            path = template.1
            pairs = template.2.split(separator: "&").map(String.init)
            for _ in 0...Int(generator.next() % 2) where !pairs.isEmpty {
                let index = Int(generator.next() % UInt64(pairs.count))
                switch generator.next() % 3 {
                case 0: pairs.remove(at: index)
                case 1: pairs[index] = pairs[index].split(separator: "=").first.map { "\($0)=\(pick(values))" } ?? ""
                default: pairs.append(pairs[index])
                }
            }
        }
        var query = pairs.joined(separator: generator.next() % 9 == 0 ? "&&" : "&")
        if generator.next() % 11 == 0 { query = String(query.prefix(Int(generator.next() % 20))) }
        var key: String? = pick([nil, "omega-sim-demo-key", "", "wrong", String(repeating: "k", count: 500)])
        if generator.next() % 3 == 0 {
            // Signed properly over whatever the parameters are.
            let payload = (query.isEmpty ? "" : query + "&") + "timestamp=\(wall.milliseconds)"
            query =
                payload + "&signature=" + RequestAuthenticator.signature(of: payload, secret: "omega-sim-demo-secret")
            key = "omega-sim-demo-key"
        } else if generator.next() % 2 == 0 {
            query += "&timestamp=\(wall.milliseconds)&signature=" + String(repeating: "ab", count: 32)
        }
        var body = ""
        if generator.next() % 4 == 0 {
            body = generator.next() % 2 == 0 ? query : String(query.prefix(Int(generator.next() % 40)))
            query = ""
        }
        return Request(method: method, path: path, query: query, body: body, key: key)
    }

    @Test(
        "10,000 random and garbled requests: every answer is Binance JSON, and a refused request changes no state"
    )
    func garbled() throws {
        let market = try SimMarket(seed: 3, bars: 2_000, start: Self.start)
        let venue = try SimFixtures.venue(market, minutes: 1_500, wall: Self.wall)
        let faults = FaultInjector(seed: 3)
        let admin = AdminAPI(token: "admin-token", venue: venue, faults: faults)
        let gateway = SimGateway(
            publicAPI: BinancePublicAPI(market: market),
            accountAPI: BinanceAccountAPI(accounts: [.demo], venue: venue),
            limiter: WeightLimiter(limits: [.spot: 1_000_000_000, .usdm: 1_000_000_000]),
            faults: faults,
            admin: admin,
            orderCounts: nil
        )
        func state() -> String {
            admin.handle(method: "GET", path: "/omega/state", query: "", token: "admin-token", wall: Self.wall).body
        }
        var codes: [Int: Int] = [:]
        var accepted = 0
        var before = state()
        let failures = PropertyTesting.check("garbled sim requests", cases: 10_000) { generator in
            let request = Self.request(&generator)
            let answer = gateway.respond(
                method: request.method,
                path: request.path,
                query: request.query,
                body: request.body,
                apiKey: request.key,
                client: "10.0.0.1",
                wall: Self.wall
            )
            guard
                let document = try? JSONSerialization.jsonObject(
                    with: Data(answer.body.utf8),
                    options: [.fragmentsAllowed]
                )
            else { return "not JSON: \(request) → \(answer.body.prefix(200))" }
            let after = state()
            defer { before = after }
            if answer.status == 200 {
                if after != before { accepted += 1 }
                return nil
            }
            if after != before { return "a refused request changed the state: \(request) → \(answer.body.prefix(200))" }
            guard let error = document as? [String: Any], let code = error["code"] as? Int,
                let message = error["msg"] as? String, !message.isEmpty, code < 0
            else { return "status \(answer.status) without a Binance error: \(request) → \(answer.body.prefix(200))" }
            guard [400, 401, 404].contains(answer.status) else { return "status \(answer.status): \(request)" }
            codes[code, default: 0] += 1
            return nil
        }
        #expect(failures.isEmpty, "\(failures)")
        // The garbling reached many of the error paths, the order checks among them.
        #expect(codes.keys.count >= 12, "\(codes.sorted { $0.key < $1.key })")
        print("garbled codes: \(codes.sorted { $0.key < $1.key })")
        for code in [-1102, -1100, -1022, -1121] { #expect(codes[code] != nil, "no \(code): \(codes)") }
        print(
            "garbled: \(codes.values.reduce(0, +)) refused with \(codes.count) codes, \(accepted) accepted and applied"
        )
    }
}
