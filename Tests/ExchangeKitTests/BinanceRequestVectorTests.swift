import ExchangeKit
import Foundation
import Testing
import TradingTestSupport

/// Every request case of `exchange_binance.json` and `exchange_binanceusdm.json`, built by ``BinanceREST``
/// against the markets of the case file's own `exchangeInfo`.
@Suite(
    "Binance requests match the vectors",
    .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason))
)
struct BinanceRequestVectorTests {
    static let cases =
        VectorCase.all("exchange_binance.json", "request_cases")
        + VectorCase.all("exchange_binanceusdm.json", "request_cases")

    static func markets(_ file: String) throws -> MarketList {
        let served = try #require(try VectorFile.load(file)["market_metadata_served"] as? [String: Any])
        var markets: [VenueMarket] = []
        for (endpoint, product) in [
            ("GET /api/v3/exchangeInfo", BinanceREST.Product.spot), ("GET /fapi/v1/exchangeInfo", .usdm),
        ] {
            guard let info = served[endpoint] else { continue }
            let body = try JSONSerialization.data(withJSONObject: info)
            markets += try BinanceREST().markets(product, fromExchangeInfo: Array(body))
        }
        return MarketList(markets)
    }

    @Test("every case is covered", arguments: [("exchange_binance.json", 12), ("exchange_binanceusdm.json", 6)])
    func count(_ file: String, _ minimum: Int) {
        #expect(VectorCase.all(file, "request_cases").count >= minimum)
    }

    @Test("the request is the one in the case", arguments: cases)
    func request(_ vector: VectorCase) throws {
        let api = BinanceREST()
        let markets = try Self.markets(vector.file)
        let call = try UnifiedCall(vector)
        let auth = try caseAuthentication(vector)
        let timestamp = caseTimestamp(vector)
        let market = try call.symbol.map { try markets.market($0) }
        let request: VenueRequest
        switch call.method {
        case "createOrder":
            var order = try #require(call.order)
            if order.clientOrderID == nil {
                order.clientOrderID =
                    expectedParameter(vector, "newClientOrderId") ?? expectedParameter(vector, "clientAlgoId")
            }
            request = try api.createOrder(order, market: try #require(market), auth: auth, timestamp: timestamp)
        case "cancelOrder":
            request = try api.cancelOrder(try #require(market), venueOrderID: call.id, auth: auth, timestamp: timestamp)
        case "fetchOrderWithClientOrderId":
            request = try api.fetchOrder(try #require(market), clientOrderID: call.id, auth: auth, timestamp: timestamp)
        case "fetchOpenOrders":
            let market = try #require(market)
            request = try api.openOrders(.init(market.kind), market: market, auth: auth, timestamp: timestamp)
        case "fetchBalance":
            let product: BinanceREST.Product =
                vector.file.contains("usdm") || call.params["type"] as? String == "future" ? .usdm : .spot
            request = try api.balance(product, auth: auth, timestamp: timestamp)
        case "fetchPositions":
            request = try api.positions(auth: auth, timestamp: timestamp)
        case "fetchOHLCV":
            request = api.klines(
                try #require(market),
                interval: call.timeframe ?? "1m",
                since: call.since,
                limit: call.limit
            )
        case "fetchTicker":
            request = api.ticker(try #require(market))
        default:
            Issue.record("no mapping for \(call.method)")
            return
        }
        try RequestComparison.check(request, against: vector)
    }
}
