import ExchangeKit
import Foundation
import Testing
import TradingTestSupport

/// Every response case of `exchange_binance.json` and `exchange_binanceusdm.json` parses to its expected
/// fields.
@Suite(
    "Binance responses parse to the vectors",
    .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason))
)
struct BinanceResponseVectorTests {
    static let cases =
        VectorCase.all("exchange_binance.json", "response_cases")
        + VectorCase.all("exchange_binanceusdm.json", "response_cases")

    @Test("each response parses to its expected fields", arguments: cases)
    func parses(_ vector: VectorCase) throws {
        let markets = try BinanceRequestVectorTests.markets("exchange_binance.json")
        let call = try UnifiedCall(vector)
        let raw = try UnifiedComparison.raw(vector)
        let usdm = call.symbol?.contains(":") == true || vector.file.contains("usdm")
        let kind: VenueMarket.Kind = usdm ? .linear : .spot
        switch call.method {
        case "createOrder":
            let order = try BinanceParsing.order(
                try JSONSerialization.jsonObject(with: Data(raw)),
                markets: markets,
                kind: kind
            )
            UnifiedComparison.check(order.unified, against: vector)
        case "fetchOpenOrders":
            let orders = try BinanceParsing.orders(raw, markets: markets, kind: kind)
            UnifiedComparison.check(.array(orders.map(\.unified)), against: vector)
        case "fetchOHLCV":
            UnifiedComparison.check(.array(try BinanceParsing.candles(raw).map(\.unified)), against: vector)
        case "fetchTicker":
            let market = try markets.market(try #require(call.symbol))
            UnifiedComparison.check(try BinanceParsing.ticker(raw, market: market).unified, against: vector)
        case "fetchBalance":
            UnifiedComparison.check(
                try BinanceParsing.balance(raw, product: usdm ? .usdm : .spot).unified,
                against: vector
            )
        case "fetchPositions":
            UnifiedComparison.check(
                .array(try BinanceParsing.positions(raw, markets: markets).map(\.unified)),
                against: vector
            )
        default:
            Issue.record("no parser for \(call.method)")
        }
    }
}
