import Testing
import TradingCore
import TradingEngine
import TradingTestSupport

/// Runs one bar at a price of 100, during which the strategy submits `orders`; returns each order's refusal
/// code (nil when approved), in order.
func limitOutcomes(
    _ limits: PreTradeLimits,
    instruments: [Instrument] = [Fixtures.spot()],
    _ orders: [(Int, OrderSide, String, String?)]
)
    throws -> [String?]
{
    let strategy = ScriptedStrategy(subscriptions: [instruments[0].id]) { index, bar, context in
        guard index == 0 else { return }
        for (instrument, side, quantity, price) in orders {
            let target = InstrumentIndex(instrument)
            if let price {
                _ = context.submit(.limit(target, side, Fixtures.quantity(quantity), price: Fixtures.price(price)))
            } else {
                _ = context.submit(.market(target, side, .base(Fixtures.quantity(quantity))))
            }
        }
    }
    var engine = try Engine(
        configuration: EngineConfiguration(
            instruments: instruments,
            accountCurrency: .usdt,
            balances: [Fixtures.money("1000000")],
            riskPolicy: limits
        ),
        strategies: [strategy]
    )
    var submitted: [String?] = []
    _ = engine.start(at: Fixtures.bar(0, open: "100", high: "100", low: "100", close: "100").openTime)
    for index in instruments.indices.reversed() {
        let bar = Fixtures.bar(
            0,
            open: "100",
            high: "100",
            low: "100",
            close: "100",
            instrument: InstrumentIndex(index)
        )
        let output = engine.process(.market(.bar(bar)), at: bar.closeTime)
        for fact in output.facts {
            switch fact {
            case .orderSubmitted: submitted.append(nil)
            case .orderDenied(let update): submitted.append(update.reason?.description)
            default: break
            }
        }
    }
    return submitted
}

@Suite("Pre-trade limits")
struct PreTradeLimitsTests {
    @Test("the price band guards limit prices around the last price (boundary)")
    func priceBand() throws {
        let limits = PreTradeLimits(priceBand: Fixtures.ratio("0.05"))
        let perpetual = [Fixtures.perpetual()]
        #expect(
            try limitOutcomes(
                limits,
                instruments: perpetual,
                [(0, .buy, "1", "95"), (0, .buy, "1", "94.9"), (0, .sell, "1", "105"), (0, .sell, "1", "105.1")]
            )
                == [nil, "price_band", nil, "price_band"]
        )
    }

    @Test("order notional (boundary)")
    func orderNotional() throws {
        let limits = PreTradeLimits(maximumOrderNotional: Fixtures.money("1000"))
        #expect(
            try limitOutcomes(
                limits,
                [(0, .buy, "10", "100"), (0, .buy, "10.00001", "100"), (0, .buy, "10.00001", nil)]
            )
                == [nil, "order_notional", "order_notional"]
        )
    }

    @Test("working orders count towards the position limit; reducing orders always pass")
    func positionNotional() throws {
        let limits = PreTradeLimits(maximumPositionNotional: Fixtures.money("2000"))
        #expect(
            try limitOutcomes(limits, [(0, .buy, "15", "100"), (0, .buy, "5", "100"), (0, .buy, "0.00001", "100")])
                == [nil, nil, "position_notional"]
        )
    }

    @Test("gross and net exposure, leverage and open positions across instruments")
    func portfolioLimits() throws {
        let two = [Fixtures.perpetual(), Fixtures.perpetual(symbol: "ETHUSDT-PERP")]
        let gross = PreTradeLimits(maximumGrossExposure: Fixtures.money("3000"))
        #expect(
            try limitOutcomes(
                gross,
                instruments: two,
                [(0, .buy, "20", "100"), (1, .sell, "10", "100"), (1, .sell, "0.001", "100")]
            )
                == [nil, nil, "gross_exposure"]
        )
        let net = PreTradeLimits(maximumNetExposure: Fixtures.money("1000"))
        #expect(
            try limitOutcomes(
                net,
                instruments: two,
                [(0, .buy, "10", "100"), (1, .buy, "0.001", "100"), (1, .sell, "20", "100")]
            )
                == [nil, "net_exposure", nil]
        )
        let leverage = PreTradeLimits(maximumLeverage: Fixtures.ratio("0.002"))
        #expect(
            try limitOutcomes(leverage, instruments: two, [(0, .buy, "20", "100"), (1, .buy, "0.001", "100")])
                == [nil, "leverage"]
        )
        let positions = PreTradeLimits(maximumOpenPositions: 1)
        #expect(
            try limitOutcomes(
                positions,
                instruments: two,
                [(0, .buy, "1", "100"), (1, .buy, "1", "100"), (0, .buy, "1", "100")]
            )
                == [nil, "open_positions", nil]
        )
    }

    @Test("a refusal names the measured value and the limit")
    func messages() throws {
        var engine = try Engine(
            configuration: EngineConfiguration(
                instruments: [Fixtures.spot()],
                accountCurrency: .usdt,
                balances: [Fixtures.money("100000")],
                riskPolicy: PreTradeLimits(maximumOrderNotional: Fixtures.money("500"))
            ),
            strategies: [
                ScriptedStrategy(subscriptions: [Fixtures.spot().id]) { _, bar, context in
                    _ = context.submit(
                        .limit(bar.instrument, .buy, Fixtures.quantity("6"), price: Fixtures.price("100"))
                    )
                }
            ]
        )
        let bar = Fixtures.bar(0, open: "100", high: "100", low: "100", close: "100")
        _ = engine.start(at: bar.openTime)
        let output = engine.process(.market(.bar(bar)), at: bar.closeTime)
        let denied = try #require(output.denials.first)
        #expect(denied.reason?.description == "order_notional")
        #expect(
            engine.state.orders.reason(of: denied.clientOrderID)
                == "order_notional: order notional 600 USDT exceeds 500 USDT"
        )
    }
}
