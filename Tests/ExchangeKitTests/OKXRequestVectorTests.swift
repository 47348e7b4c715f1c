import ExchangeKit
import Foundation
import Testing
import TradingCore
import TradingTestSupport

/// Every request case of `exchange_okx.json`, built by ``OKXREST`` against the markets of the file's own
/// `public/instruments` responses.
@Suite("OKX requests match the vectors", .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason)))
struct OKXRequestVectorTests {
    static let cases = VectorCase.all("exchange_okx.json", "request_cases")

    static func markets() throws -> MarketList {
        let served = try #require(try VectorFile.load("exchange_okx.json")["market_metadata_served"] as? [String: Any])
        var markets: [VenueMarket] = []
        for type in ["SPOT", "SWAP"] {
            guard let info = served["GET /api/v5/public/instruments?instType=\(type)"] else { continue }
            markets += try OKXREST().markets(fromInstruments: Array(try JSONSerialization.data(withJSONObject: info)))
        }
        return MarketList(markets)
    }

    @Test("every case is covered")
    func count() { #expect(Self.cases.count >= 13) }

    @Test("the request is the one in the case", arguments: cases)
    func request(_ vector: VectorCase) throws {
        let api = OKXREST()
        let markets = try Self.markets()
        let call = try UnifiedCall(vector)
        let auth = try caseAuthentication(vector)
        let timestamp = caseTimestamp(vector)
        let market = try call.symbol.map { try markets.market($0) }
        let request: VenueRequest
        switch call.method {
        case "createOrder":
            let side = (call.params["posSide"] as? String).flatMap(PositionSide.init(rawValue:))
            request = try api.createOrder(
                try #require(call.order),
                market: try #require(market),
                positionSide: side,
                auth: auth,
                timestamp: timestamp
            )
        case "cancelOrder":
            request = try api.cancelOrder(try #require(market), venueOrderID: call.id, auth: auth, timestamp: timestamp)
        case "fetchOpenOrders":
            let chosen: VenueMarket = try #require(market)
            request = try api.openOrders(chosen, auth: auth, timestamp: timestamp)
        case "fetchBalance":
            request = try api.balance(auth: auth, timestamp: timestamp)
        case "fetchPositions":
            request = try api.positions(
                try call.symbols.map { try markets.market($0) },
                auth: auth,
                timestamp: timestamp
            )
        case "fetchOrderBook":
            request = api.depth(try #require(market), limit: call.limit ?? 5)
        case "fetchTicker":
            request = api.ticker(try #require(market))
        default:
            Issue.record("no mapping for \(call.method)")
            return
        }
        try RequestComparison.check(request, against: vector)
    }
}
