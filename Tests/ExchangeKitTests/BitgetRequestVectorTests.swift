import ExchangeKit
import Foundation
import Testing
import TradingTestSupport

/// Every request case of `exchange_bitget.json`, built by ``BitgetREST`` against the markets of the file's
/// own symbol and contract lists.
@Suite(
    "Bitget requests match the vectors",
    .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason))
)
struct BitgetRequestVectorTests {
    static let cases = VectorCase.all("exchange_bitget.json", "request_cases")

    static func markets() throws -> MarketList {
        let served = try #require(
            try VectorFile.load("exchange_bitget.json")["market_metadata_served"] as? [String: Any]
        )
        var markets: [VenueMarket] = []
        for (endpoint, kind) in [
            ("GET /api/v2/spot/public/symbols", VenueMarket.Kind.spot),
            ("GET /api/v2/mix/market/contracts?productType=USDT-FUTURES", .linear),
        ] {
            guard let info = served[endpoint] else { continue }
            markets += try BitgetREST().markets(
                kind,
                fromSymbols: Array(try JSONSerialization.data(withJSONObject: info))
            )
        }
        return MarketList(markets)
    }

    @Test("every case is covered")
    func count() { #expect(Self.cases.count >= 12) }

    @Test("the request is the one in the case", arguments: cases)
    func request(_ vector: VectorCase) throws {
        let call = try UnifiedCall(vector)
        let api = BitgetREST(hedgeMode: call.params["hedged"] as? Bool ?? false)
        let markets = try Self.markets()
        let auth = try caseAuthentication(vector)
        let timestamp = caseTimestamp(vector)
        let market = try call.symbol.map { try markets.market($0) }
        let request: VenueRequest
        switch call.method {
        case "createOrder", "createStopLossOrder":
            var order = try #require(call.order)
            if call.method == "createStopLossOrder" { order.reduceOnly = true }
            request = try api.createOrder(
                order,
                market: try #require(market),
                referencePrice: call.referencePrice,
                wholePosition: call.method == "createStopLossOrder",
                auth: auth,
                timestamp: timestamp
            )
        case "fetchOrder":
            request = try api.fetchOrder(try #require(market), venueOrderID: call.id, auth: auth, timestamp: timestamp)
        case "fetchMyTrades":
            request = try api.myTrades(
                try #require(market),
                since: call.since,
                limit: call.limit,
                auth: auth,
                timestamp: timestamp
            )
        case "fetchOrderBook":
            request = api.depth(try #require(market), limit: call.limit ?? 5)
        case "fetchPositions":
            request = try api.positions(auth: auth, timestamp: timestamp)
        default:
            Issue.record("no mapping for \(call.method)")
            return
        }
        try RequestComparison.check(request, against: vector)
    }
}
