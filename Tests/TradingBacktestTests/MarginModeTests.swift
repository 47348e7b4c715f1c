import Testing
import TradingBacktest
import TradingCore
import TradingEngine
import TradingTestSupport

@Suite("Isolated and cross margin at the simulated venue")
struct MarginModeTests {
    /// Buys `quantity` of the perpetual at 100 with 1,000 USDT at 10×, then the price falls to `low`.
    private func run(_ mode: MarginMode, quantity: String, low: String) throws -> Scenario {
        let perpetual = Fixtures.perpetual()
        let strategy = ScriptedStrategy(subscriptions: [perpetual.id]) { index, bar, context in
            if index == 0 { context.submit(.market(bar.instrument, .buy, .base(q(quantity)))) }
        }
        let events = bars([
            ("100", "100", "100", "100"), ("100", "100", "100", "100"), ("99", "99", low, low), (low, low, low, low),
        ])
        return try Scenario(
            instrument: perpetual,
            cash: "1000",
            events: events,
            exchange: SimulatedExchangeConfiguration(marginMode: mode),
            leverage: Ratio(10),
            strategy: strategy
        )
    }

    @Test(
        "isolated margin liquidates a position when its own margin is used up; cross margin only when the account's is"
    )
    func crossOutlastsIsolated() throws {
        // 1 at 100, 10× isolated: margin 10, liquidated near 90.4. Cross: the whole 1,000 backs it.
        let isolated = try run(.isolated, quantity: "1", low: "85")
        #expect(isolated.fills.contains { $0.isLiquidation })
        let cross = try run(.cross, quantity: "1", low: "85")
        #expect(!cross.fills.contains { $0.isLiquidation })
        #expect(cross.portfolio.signedQuantityRaw(btc) == FixedPoint.scale)
    }

    @Test("in cross margin the account loses what backed the position, no more")
    func crossLiquidation() throws {
        // 20 at 100 (2,000 of notional on 1,000 of wallet, 999.2 after the entry fee): liquidated where the
        // wallet less the loss meets the maintenance margin, (2,000 − 999.2) / (20 × (1 − 0.4 %)) = 50.24, up to
        // the tick.
        let scenario = try run(.cross, quantity: "20", low: "45")
        let liquidation = try #require(scenario.fills.first { $0.isLiquidation })
        #expect(liquidation.price == Fixtures.price("50.3"))
        #expect(scenario.portfolio.signedQuantityRaw(btc) == 0)
        // The wallet keeps nothing beyond what was outside the position: 1,000 less the entry fee, less the loss
        // at 50.3 and the clearance fee, is no more than the rounding of the liquidation price.
        let wallet = scenario.portfolio.balance(.usdt)
        #expect(wallet.raw >= 0 && wallet < Fixtures.money("1"))
    }
}
