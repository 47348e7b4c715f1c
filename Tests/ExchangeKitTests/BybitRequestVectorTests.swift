import ExchangeKit
import Foundation
import Testing
import TradingCore
import TradingTestSupport

/// Every request case of `exchange_bybit.json`, built by ``BybitREST`` against the markets of the file's own
/// `instruments-info` responses.
@Suite(
    "Bybit requests match the vectors",
    .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason))
)
struct BybitRequestVectorTests {
    static let cases = VectorCase.all("exchange_bybit.json", "request_cases")

    static func markets() throws -> MarketList {
        let served = try #require(
            try VectorFile.load("exchange_bybit.json")["market_metadata_served"] as? [String: Any]
        )
        var markets: [VenueMarket] = []
        for (category, kind) in [("spot", VenueMarket.Kind.spot), ("linear", .linear), ("inverse", .inverse)] {
            guard let info = served["GET /v5/market/instruments-info?category=\(category)"] else { continue }
            let body = try JSONSerialization.data(withJSONObject: info)
            markets += try BybitREST().markets(kind, fromInstruments: Array(body))
        }
        return MarketList(markets)
    }

    @Test("every case is covered")
    func count() { #expect(Self.cases.count >= 14) }

    @Test("the request is the one in the case", arguments: cases)
    func request(_ vector: VectorCase) throws {
        let api = BybitREST()
        let markets = try Self.markets()
        let call = try UnifiedCall(vector)
        let auth = try caseAuthentication(vector)
        let timestamp = caseTimestamp(vector)
        let market = try call.symbol.map { try markets.market($0) }
        let request: VenueRequest
        switch call.method {
        case "createOrder":
            let order = try #require(call.order)
            let stopLoss = try UnifiedCall.decimal(call.params["stopLoss"]).map { try Price($0) }
            let takeProfit = try UnifiedCall.decimal(call.params["takeProfit"]).map { try Price($0) }
            request = try api.createOrder(
                order,
                market: try #require(market),
                stopLoss: stopLoss,
                takeProfit: takeProfit,
                auth: auth,
                timestamp: timestamp
            )
        case "cancelOrder":
            request = try api.cancelOrder(try #require(market), venueOrderID: call.id, auth: auth, timestamp: timestamp)
        case "fetchOpenOrders":
            request = try api.openOrders(try #require(market), auth: auth, timestamp: timestamp)
        case "fetchBalance":
            request = try api.balance(auth: auth, timestamp: timestamp)
        case "fetchPositions":
            request = try api.positions(
                try call.symbols.map { try markets.market($0) },
                auth: auth,
                timestamp: timestamp
            )
        default:
            Issue.record("no mapping for \(call.method)")
            return
        }
        try RequestComparison.check(request, against: vector)
    }
}
