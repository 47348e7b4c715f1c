import Foundation
import Testing
import TradingCore
import TradingSim
import TradingTestSupport

@Suite("omega sim: garbled requests")
struct GarbledRequestTests {
    static let start = Timestamp(CivilTime(year: 2024, month: 1, day: 1))
    static let wall = Timestamp(nanoseconds: 1_700_000_000_000_000_000)

    /// A request line from pieces that are sometimes right and often wrong: real and invented paths,
    /// parameters missing, repeated, of the wrong type, huge, percent-garbled or not UTF-8.
    static func request(_ generator: inout SeededGenerator) -> (path: String, query: String, body: String, key: String?)
    {
        func pick<T>(_ values: [T]) -> T { values[Int(generator.next() % UInt64(values.count))] }
        let paths = [
            "/api/v3/klines", "/api/v3/depth", "/api/v3/ticker/price", "/api/v3/ticker/24hr", "/api/v3/avgPrice",
            "/api/v3/exchangeInfo", "/api/v3/account", "/fapi/v1/klines", "/fapi/v1/depth", "/fapi/v1/premiumIndex",
            "/fapi/v1/ticker/bookTicker", "/api/v3/", "/fapi/v1/../api/v3/time", "/api/v3/klines/extra", "/",
        ]
        let names = ["symbol", "interval", "limit", "startTime", "endTime", "timestamp", "recvWindow", "signature", ""]
        let values = [
            "BTCUSDT", "ETHUSDT", "SOLUSDT", "btcusdt", "1m", "1h", "7m", "500", "0", "-1", "1001",
            "99999999999999999999999",
            "abc", "%", "%G0", "%FF%FE", "%E2%82%AC", "", "1700000000000", "1.5", String(repeating: "9", count: 300),
            "+", "%00", "\u{1F4A5}",
        ]
        var pairs: [String] = []
        for _ in 0..<Int(generator.next() % 7) {
            switch generator.next() % 5 {
            case 0: pairs.append(pick(names))
            case 1: pairs.append("\(pick(names))=")
            default: pairs.append("\(pick(names))=\(pick(values))")
            }
        }
        var query = pairs.joined(separator: generator.next() % 9 == 0 ? "&&" : "&")
        if generator.next() % 11 == 0 { query = String(query.prefix(Int(generator.next() % 20))) }
        let key: String? = pick([nil, "omega-sim-demo-key", "", "wrong", String(repeating: "k", count: 500)])
        return (pick(paths), query, generator.next() % 5 == 0 ? query : "", key)
    }

    @Test("10,000 random and garbled requests: every answer is Binance JSON (a document, or a code and message)")
    func garbled() throws {
        let market = try SimMarket(seed: 3, bars: 2_000, start: Self.start)
        let publicAPI = BinancePublicAPI(market: market)
        let accountAPI = try SimFixtures.accountAPI(market, wall: Self.wall)
        var codes: [Int: Int] = [:]
        let failures = PropertyTesting.check("garbled sim requests", cases: 10_000) { generator in
            let request = Self.request(&generator)
            let answer =
                accountAPI.handle(
                    method: "GET",
                    path: request.path,
                    query: request.query,
                    body: request.body,
                    apiKey: request.key,
                    wall: Self.wall
                )
                ?? publicAPI.handle(
                    path: request.path,
                    query: request.query,
                    wall: Self.wall,
                    marketTime: Self.start.advanced(byNanoseconds: 1_500 * 60_000_000_000)
                )
            guard
                let document = try? JSONSerialization.jsonObject(
                    with: Data(answer.body.utf8),
                    options: [.fragmentsAllowed]
                )
            else { return "not JSON: \(request) → \(answer.body.prefix(200))" }
            if answer.status == 200 { return nil }
            guard let error = document as? [String: Any], let code = error["code"] as? Int,
                let message = error["msg"] as? String, !message.isEmpty, code < 0
            else { return "status \(answer.status) without a Binance error: \(request) → \(answer.body.prefix(200))" }
            guard [400, 401, 404].contains(answer.status) else { return "status \(answer.status): \(request)" }
            codes[code, default: 0] += 1
            return nil
        }
        #expect(failures.isEmpty, "\(failures)")
        // The garbling reached many of the error paths.
        #expect(codes.keys.count >= 6, "\(codes)")
    }
}
