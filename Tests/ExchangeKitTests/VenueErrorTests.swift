import ExchangeKit
import Foundation
import Testing
import TradingCore
import TradingTestSupport

@Suite("Venue errors map to four outcomes")
struct VenueErrorTests {
    func body(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test("429 waits as Retry-After says; Binance's 418 is a ban")
    func rateLimits() {
        #expect(
            VenueErrorClassifier.classify(.bybit, status: 429, headers: [("Retry-After", "3")], body: body("{}"))
                == .rateLimited(retryAfter: .seconds(3), banned: false, message: "{}")
        )
        #expect(
            VenueErrorClassifier.classify(.binance, status: 418, headers: [("retry-after", "120")], body: body(""))
                == .rateLimited(retryAfter: .seconds(120), banned: true, message: "")
        )
        guard
            case .rateLimited = VenueErrorClassifier.classify(
                .binance,
                status: 400,
                headers: [],
                body: body(#"{"code":-1015,"msg":"Too many new orders."}"#)
            )
        else {
            Issue.record("-1015 is a rate limit")
            return
        }
    }

    @Test("a 5xx, a timeout code or a reply that is not the venue's JSON leaves the outcome unknown")
    func unknownOutcomes() {
        for (exchange, status, text) in [
            (ExchangeName.binance, 503, "Service Unavailable"),
            (.binance, 400, #"{"code":-1007,"msg":"Timeout waiting for response"}"#),
            (.okx, 200, #"{"code":"50004","msg":"Endpoint request timeout","data":[]}"#),
            (.bitget, 502, "<html>bad gateway</html>"),
            (.bybit, 403, "<html>forbidden by a proxy</html>"),
        ] {
            guard
                case .unknownOutcome = VenueErrorClassifier.classify(
                    exchange,
                    status: status,
                    headers: [],
                    body: body(text)
                )
            else {
                Issue.record("\(exchange) \(status) \(text) should leave the outcome unknown")
                continue
            }
        }
        #expect(VenueErrorClassifier.transport(URLError(.timedOut), sent: false) == nil)
        guard case .unknownOutcome = VenueErrorClassifier.transport(URLError(.timedOut), sent: true) else {
            Issue.record("a timeout after sending is an unknown outcome")
            return
        }
    }

    @Test("definite refusals carry their reason")
    func rejections() {
        let cases: [(ExchangeName, Int, String, RejectReason)] = [
            (
                .binance, 400, #"{"code":-2010,"msg":"Account has insufficient balance for requested action."}"#,
                .insufficientFunds
            ),
            (.binance, 400, #"{"code":-2010,"msg":"Order would immediately match and take."}"#, .postOnlyWouldTake),
            (.binance, 400, #"{"code":-1013,"msg":"Filter failure: LOT_SIZE"}"#, .filter),
            (.binance, 400, #"{"code":-1121,"msg":"Invalid symbol."}"#, .unknownSymbol),
            (.binance, 400, #"{"code":-2022,"msg":"ReduceOnly Order is rejected."}"#, .reduceOnly),
            (
                .binance, 400,
                #"{"code":-5022,"msg":"Due to the order could not be executed as maker, the Post Only order will be rejected."}"#,
                .postOnlyWouldTake
            ),
            (
                .bybit, 200, #"{"retCode":110007,"retMsg":"ab not enough for new order","result":{}}"#,
                .insufficientFunds
            ),
            (.bybit, 200, #"{"retCode":110017,"retMsg":"reduce-only rule not satisfied","result":{}}"#, .reduceOnly),
            (
                .okx, 200, #"{"code":"1","msg":"","data":[{"sCode":"51008","sMsg":"Insufficient USDT balance"}]}"#,
                .insufficientFunds
            ),
            (.okx, 200, #"{"code":"51001","msg":"Instrument ID does not exist","data":[]}"#, .unknownSymbol),
            (.bitget, 400, #"{"code":"43025","msg":"Order does not exist","data":null}"#, .unknownOrder),
            (.bitget, 400, #"{"code":"99999","msg":"something new","data":null}"#, .invalidRequest),
        ]
        for (exchange, status, text, reason) in cases {
            guard
                case .rejected(let found, _, _) = VenueErrorClassifier.classify(
                    exchange,
                    status: status,
                    headers: [],
                    body: body(text)
                )
            else {
                Issue.record("\(exchange) \(text) should be rejected")
                continue
            }
            #expect(found == reason, "\(exchange) \(text)")
        }
    }

    @Test("bad keys, signatures and clocks are authentication failures")
    func authentication() {
        let cases: [(ExchangeName, String, AuthenticationProblem)] = [
            (.binance, #"{"code":-1021,"msg":"Timestamp for this request is outside of the recvWindow."}"#, .clock),
            (.binance, #"{"code":-1022,"msg":"Signature for this request is not valid."}"#, .signature),
            (.binance, #"{"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}"#, .credentials),
            (
                .bybit,
                #"{"retCode":10002,"retMsg":"invalid request, please check your server timestamp or recv_window param"}"#,
                .clock
            ),
            (.okx, #"{"code":"50113","msg":"Invalid Sign"}"#, .signature),
            (.bitget, #"{"code":"40008","msg":"Request timestamp expired"}"#, .clock),
        ]
        for (exchange, text, problem) in cases {
            guard
                case .authentication(let found, _, _) = VenueErrorClassifier.classify(
                    exchange,
                    status: 401,
                    headers: [],
                    body: body(text)
                )
            else {
                Issue.record("\(exchange) \(text) should be an authentication failure")
                continue
            }
            #expect(found == problem)
        }
    }

    @Test("success replies are not failures")
    func successes() {
        #expect(VenueErrorClassifier.classify(.binance, status: 200, headers: [], body: body(#"{"orderId":1}"#)) == nil)
        #expect(
            VenueErrorClassifier.classify(.bybit, status: 200, headers: [], body: body(#"{"retCode":0,"retMsg":"OK"}"#))
                == nil
        )
        #expect(
            VenueErrorClassifier.classify(
                .okx,
                status: 200,
                headers: [],
                body: body(#"{"code":"0","data":[{"sCode":"0"}]}"#)
            ) == nil
        )
        #expect(
            VenueErrorClassifier.classify(
                .bitget,
                status: 200,
                headers: [],
                body: body(#"{"code":"00000","msg":"success"}"#)
            ) == nil
        )
    }

    @Test("docs/exchanges.md prints exactly the error table the classifier uses")
    func documentedTable() throws {
        let text = try String(
            contentsOf: PackagePaths.root.appendingPathComponent("docs/exchanges.md"),
            encoding: .utf8
        )
        for exchange in ExchangeName.allCases {
            let heading = text.range(of: "### \(exchange == .okx ? "OKX" : exchange.rawValue.capitalized) (")
            let start = try #require(heading, "no error table for \(exchange) in docs/exchanges.md")
            let section = text[start.upperBound...].split(separator: "\n\n", maxSplits: 2).dropFirst().first ?? ""
            let rows = section.split(separator: "\n").filter { $0.hasPrefix("| `") }.map { row -> [String] in
                row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            }
            let documented = rows.map { "\($0[0].trimmingCharacters(in: ["`"])) \($0[1])" }
            let table = VenueErrorTable.entries(exchange).map { "\($0.code) \($0.outcome)" }
            #expect(documented == table, "\(exchange)")
        }
    }
}

@Suite("Client order IDs fit every venue")
struct ClientOrderIDFormatTests {
    @Test("engine IDs become valid, deterministic venue IDs (seeded property)")
    func validAndDeterministic() throws {
        let seed = UInt64.random(in: 0...UInt64.max)
        var generator = SeededGenerator(seed: seed)
        var seen: [ExchangeName: [String: String]] = [:]
        for _ in 0..<2_000 {
            let strategyLength = Int.random(in: 1...24, using: &generator)
            let alphabet = Array("abcXYZ019-_.:/#")
            let name = String(
                (0..<strategyLength).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
            )
            let strategy = try StrategyID(name)
            let id = ClientOrderID(
                strategy: strategy,
                sequence: UInt64.random(in: 0...1_000_000_000, using: &generator)
            )
            for exchange in ExchangeName.allCases {
                let venueID = ClientOrderIDFormat.venueID(for: id, on: exchange)
                #expect(
                    ClientOrderIDFormat.isValid(venueID, on: exchange),
                    "seed \(seed): \(id) → \(venueID) on \(exchange)"
                )
                #expect(venueID == ClientOrderIDFormat.venueID(for: id, on: exchange))
                if let earlier = seen[exchange, default: [:]][venueID] {
                    #expect(
                        earlier == id.value,
                        "seed \(seed): \(earlier) and \(id) both map to \(venueID) on \(exchange)"
                    )
                }
                seen[exchange, default: [:]][venueID] = id.value
            }
        }
    }

    @Test("IDs that differ only in punctuation stay apart on OKX")
    func punctuation() {
        let a = ClientOrderIDFormat.venueID(for: "O-1-2x", on: .okx)
        let b = ClientOrderIDFormat.venueID(for: "O-12-x", on: .okx)
        #expect(a != b)
        #expect(a.hasPrefix("O12x") && b.hasPrefix("O12x"))
        #expect(ClientOrderIDFormat.venueID(for: "O-17-ema_cross", on: .binance) == "O-17-ema_cross")
    }
}
