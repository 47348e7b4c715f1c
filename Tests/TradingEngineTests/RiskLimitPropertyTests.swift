import Testing
import TradingBacktest
import TradingCore
import TradingEngine
import TradingTestSupport

/// Submits random orders every bar and records the largest position it ever held.
struct RandomOrders: Strategy {
    let id = Fixtures.strategyID("random")
    let subscriptions: [InstrumentID]
    var generator: SeededGenerator
    var largestPositionRaw: Int128 = 0

    mutating func onBar(_ bar: Bar, context: inout StrategyContext) {
        largestPositionRaw = max(largestPositionRaw, abs(context.signedPositionRaw(bar.instrument)))
        for _ in 0..<Int.random(in: 0...3, using: &generator) {
            let side: OrderSide = Bool.random(using: &generator) ? .buy : .sell
            let quantity = Quantity(
                raw: Int128(Int.random(in: 1...30_000, using: &generator)) * FixedPoint.scale / 1_000
            )
            if Bool.random(using: &generator) {
                _ = context.submit(.market(bar.instrument, side, .base(quantity)))
            } else {
                _ = context.submit(.limit(bar.instrument, side, quantity, price: bar.close))
            }
        }
    }
}

@Suite("Risk limits over random order flow")
struct RiskLimitPropertyTests {
    @Test("no sequence of approved orders leaves the position, exposure or leverage above its limit (seeded)")
    func limitsHold() {
        let failures = PropertyTesting.check("limits hold", cases: 40) { generator in
            let instrument = Fixtures.perpetual(makerFee: "0", takerFee: "0")
            let limits = PreTradeLimits(
                maximumPositionNotional: Fixtures.money("3000"),
                maximumGrossExposure: Fixtures.money("2500"),
                maximumLeverage: Fixtures.ratio("0.2")
            )
            let strategy = RandomOrders(
                subscriptions: [instrument.id],
                generator: SeededGenerator(seed: UInt64.random(in: 0...UInt64.max, using: &generator))
            )
            // Constant prices: every limit is checked at the price the fills happen at.
            let events = (0..<200).map {
                MarketEvent.bar(Fixtures.bar($0, open: "100", high: "100", low: "100", close: "100"))
            }
            do {
                var runner = try BacktestRunner(
                    configuration: BacktestConfiguration(
                        engine: EngineConfiguration(
                            instruments: [instrument],
                            accountCurrency: .usdt,
                            balances: [Fixtures.money("10000")],
                            leverage: [instrument.id: Ratio(10)],
                            riskPolicy: limits
                        )
                    ),
                    strategies: [strategy]
                )
                let result = runner.run(events: events)
                guard let final = runner.engine.strategies.first as? RandomOrders else { return "no strategy" }
                // 2,000 USDT at 100 (the tightest of 3,000 position, 2,500 gross and 0.2 × 10,000 leverage) is 20 units.
                let limit = 20 * FixedPoint.scale
                if final.largestPositionRaw > limit {
                    return "position reached \(Quantity(raw: final.largestPositionRaw))"
                }
                let closing = abs(runner.engine.state.portfolio.signedQuantityRaw(InstrumentIndex(0)))
                if closing > limit { return "final position \(Quantity(raw: closing))" }
                if result.orderCount < 100 || result.deniedCount == 0 {
                    return "too few orders (\(result.orderCount)) or no denials"
                }
            } catch {
                return "\(error)"
            }
            return nil
        }
        #expect(failures.isEmpty)
    }
}
