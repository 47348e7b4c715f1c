import ExchangeKit
import Foundation
import Testing
import TradingTestSupport

/// Every response case of `exchange_bybit.json`, `exchange_okx.json` and `exchange_bitget.json` parses to
/// its expected fields. Fields Omega fills from the request it sent (an acknowledgement's symbol, type and
/// side) may be present where ccxt leaves them empty.
@Suite(
    "Bybit, OKX and Bitget responses parse to the vectors",
    .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason))
)
struct VenueResponseVectorTests {
    static let cases =
        VectorCase.all("exchange_bybit.json", "response_cases") + VectorCase.all("exchange_okx.json", "response_cases")
        + VectorCase.all("exchange_bitget.json", "response_cases")

    /// Fields of ccxt's output that Omega does not model, with the reason.
    static let notModelled: [String: (field: String, reason: String)] = [
        "exchange_okx.json fetchPositions": (
            "contractSize",
            "ccxt derives a contract size for a spot-margin position; Omega trades spot and perpetuals, not margin"
        )
    ]

    @Test("each response parses to its expected fields", arguments: cases)
    func parses(_ vector: VectorCase) throws {
        let call = try UnifiedCall(vector)
        let raw = try UnifiedComparison.raw(vector)
        let venue = vector.file.replacingOccurrences(of: "exchange_", with: "").replacingOccurrences(
            of: ".json",
            with: ""
        )
        let markets: MarketList =
            switch venue {
            case "bybit": try BybitRequestVectorTests.markets()
            case "okx": try OKXRequestVectorTests.markets()
            default: try BitgetRequestVectorTests.markets()
            }
        let market = try call.symbol.flatMap { $0.isEmpty ? nil : try markets.market($0) }
        let parsed: UnifiedValue
        var echoed: Set<String> = []
        switch (venue, call.method) {
        case ("bybit", "createOrder"), ("bybit", "editOrder"):
            let order = try BybitParsing.orderAcknowledgement(raw, market: market)
            (parsed, echoed) = (order.unified, order.echoedFromRequest)
        case ("bybit", "fetchOpenOrders"):
            parsed = .array(
                try BybitParsing.orders(raw, markets: markets, requested: try #require(market)).map(\.unified)
            )
        case ("bybit", "fetchTicker"):
            parsed = try BybitParsing.ticker(raw, market: try #require(market)).unified
        case ("bybit", "fetchOrderBook"):
            parsed = try BybitParsing.book(raw, market: try #require(market)).unified
        case ("okx", "createOrder"):
            let order = try OKXParsing.orderAcknowledgement(raw, market: try #require(market), request: call.order)
            (parsed, echoed) = (order.unified, order.echoedFromRequest)
        case ("okx", "fetchTicker"):
            parsed = try OKXParsing.ticker(raw, market: try #require(market)).unified
        case ("okx", "fetchBalance"):
            parsed = try OKXParsing.balance(raw).unified
        case ("okx", "fetchPositions"):
            parsed = .array(try OKXParsing.positions(raw, markets: markets).map(\.unified))
        case ("bitget", "createOrder"):
            let order = try BitgetParsing.orderAcknowledgement(raw, market: try #require(market))
            (parsed, echoed) = (order.unified, order.echoedFromRequest)
        case ("bitget", "fetchOHLCV"):
            parsed = .array(try BitgetParsing.candles(raw).map(\.unified))
        case ("bitget", "fetchBalance"):
            parsed = try BitgetParsing.futuresBalance(raw).unified
        case ("bitget", "fetchPositions"):
            parsed = .array(try BitgetParsing.positions(raw, markets: markets).map(\.unified))
        case (_, "setLeverage"):
            // The reply is only an acknowledgement: Omega checks its envelope and keeps it as sent.
            let checked = try VenueReply.checked(raw, venue: venue)
            #expect(
                NSDictionary(dictionary: checked)
                    == NSDictionary(dictionary: vector["expected_parsed_fields"] as? [String: Any] ?? [:])
            )
            return
        default:
            Issue.record("no parser for \(venue) \(call.method)")
            return
        }
        var expected = vector["expected_parsed_fields"] ?? NSNull()
        if let skip = Self.notModelled["\(vector.file) \(call.method)"], let rows = expected as? [[String: Any]] {
            expected = rows.map { $0.filter { $0.key != skip.field } }
        }
        let found = UnifiedComparison.differences(parsed, expected, allowedExtra: echoed)
        #expect(found.isEmpty, "\(found.joined(separator: "; "))")
    }

    @Test("a refused request carries the venue's code and message")
    func refusals() throws {
        let bybit = Array(#"{"retCode":110007,"retMsg":"ab not enough for new order","result":{}}"#.utf8)
        #expect(throws: VenueRejection(venue: "bybit", code: "110007", message: "ab not enough for new order")) {
            try VenueReply.checked(bybit, venue: "bybit")
        }
        let okx = Array(
            #"{"code":"0","msg":"","data":[{"clOrdId":"a","ordId":"","sCode":"51008","sMsg":"Order failed. Insufficient USDT balance"}]}"#
                .utf8
        )
        let market = try OKXRequestVectorTests.markets().market("BTC/USDT:USDT")
        #expect(throws: VenueRejection(venue: "okx", code: "51008", message: "Order failed. Insufficient USDT balance"))
        {
            try OKXParsing.orderAcknowledgement(okx, market: market, request: nil)
        }
        let bitget = Array(#"{"code":"40762","msg":"The order amount exceeds the balance","data":null}"#.utf8)
        #expect(throws: VenueRejection(venue: "bitget", code: "40762", message: "The order amount exceeds the balance"))
        {
            try VenueReply.checked(bitget, venue: "bitget")
        }
    }
}
