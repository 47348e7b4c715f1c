import ExchangeKit
import Testing
import TradingCore

@Suite("An order request is checked and put on the market's grid")
struct OrderRequestTests {
    let perpetual = VenueMarket(
        venueSymbol: "BTCUSDT",
        kind: .linear,
        base: "BTC",
        quote: "USDT",
        tickSize: Price(raw: 100_000_000_000_000_000),
        lotStep: Quantity(raw: 1_000_000_000_000_000),
        minQuantity: Quantity(raw: 1_000_000_000_000_000)
    )
    let spot = VenueMarket(
        venueSymbol: "BTCUSDT",
        kind: .spot,
        base: "BTC",
        quote: "USDT",
        tickSize: Price(raw: 10_000_000_000_000_000),
        lotStep: Quantity(raw: 10_000_000_000_000),
        minQuantity: Quantity(raw: 10_000_000_000_000)
    )

    @Test("amounts round down to the step and prices to the nearest tick")
    func grid() throws {
        let order = OrderRequest(
            symbol: "BTC/USDT:USDT",
            side: .buy,
            kind: .limit,
            amount: try Quantity("0.0129"),
            price: try Price("30000.06")
        )
        let fitted = try order.validated(for: perpetual)
        #expect(fitted.amount == (try Quantity("0.012")))
        #expect(fitted.price == (try Price("30000.1")))
    }

    @Test("post-only as a time in force becomes the post-only flag")
    func postOnlyTimeInForce() throws {
        let order = OrderRequest(
            symbol: "BTC/USDT",
            side: .sell,
            kind: .limit,
            amount: try Quantity("1"),
            price: try Price("1"),
            timeInForce: .postOnly
        )
        let fitted = try order.validated(for: spot)
        #expect(fitted.postOnly && fitted.timeInForce == .gtc)
    }

    @Test(
        "inconsistent orders are refused naming the field",
        arguments: [
            (OrderRequest.Kind.limit, "0.0000001", "1", nil, false, false, TimeInForce.gtc, "amount"),
            (.limit, "1", nil, nil, false, false, .gtc, "price"),
            (.market, "1", "1", nil, false, false, .gtc, "price"),
            (.stopMarket, "1", nil, nil, false, false, .gtc, "stop-price"),
            (.limit, "1", "1", "2", false, false, .gtc, "stop-price"),
            (.limit, "1", "1", nil, true, false, .gtc, "reduce-only"),
            (.market, "1", nil, nil, false, true, .gtc, "post-only"),
            (.limit, "1", "1", nil, false, true, .ioc, "tif"),
        ] as [(OrderRequest.Kind, String, String?, String?, Bool, Bool, TimeInForce, String)]
    )
    func refusals(
        _ kind: OrderRequest.Kind,
        _ amount: String,
        _ price: String?,
        _ trigger: String?,
        _ reduceOnly: Bool,
        _ postOnly: Bool,
        _ timeInForce: TimeInForce,
        _ field: String
    ) throws {
        let order = OrderRequest(
            symbol: "BTC/USDT",
            side: .buy,
            kind: kind,
            amount: try Quantity(amount),
            price: try price.map { try Price($0) },
            triggerPrice: try trigger.map { try Price($0) },
            timeInForce: timeInForce,
            postOnly: postOnly,
            reduceOnly: reduceOnly
        )
        do {
            _ = try order.validated(for: spot)
            Issue.record("expected a refusal naming \(field)")
        } catch {
            #expect(error.field == field, "\(error)")
        }
    }
}
