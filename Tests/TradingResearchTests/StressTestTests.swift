import Testing
import TradingBacktest
import TradingCore
import TradingEngine
import TradingResearch
import TradingTestSupport

@Suite("Stress scenarios")
struct StressTestTests {
    /// A 10-unit long perpetual at 100 with 5× leverage (isolated margin 200), marked at 100.
    func longPosition() throws -> EngineState {
        let instrument = Fixtures.perpetual(makerFee: "0", takerFee: "0")
        let scenario = try Scenario(
            instrument: instrument,
            cash: "10000",
            events: bars([("100", "100", "100", "100"), ("100", "100", "100", "100"), ("100", "100", "100", "100")]),
            leverage: Ratio(5),
            strategy: ScriptedStrategy(subscriptions: [instrument.id]) { index, bar, context in
                if index == 0 { _ = context.submit(.market(bar.instrument, .buy, .base(Fixtures.quantity("10")))) }
            }
        )
        return scenario.runner.engine.state
    }

    @Test("shocks, a squeeze, an outage gap and the worst hour move a long position as specified")
    func scenarios() throws {
        let state = try longPosition()
        let history = [0: [0.01, -0.03, 0.02, -0.01]]
        let results = StressTest.run(
            [.shock(-0.10), .shock(-0.20), .shock(0.15), .outage(minutes: 10, gap: 0.05), .worstHistoricalHour],
            state: state,
            hourlyReturns: history
        )
        let byName = Dictionary(uniqueKeysWithValues: results.map { ($0.scenario.description, $0) })
        let ten = try #require(byName["shock -10 %"])
        #expect(abs(ten.pnl - -100) < 1e-9)
        #expect(abs((ten.positions[0].marginAfter ?? 0) - 100) < 1e-9)
        #expect(abs((ten.positions[0].maintenanceMargin ?? 0) - 10 * 90 * 0.004) < 1e-9)
        #expect(ten.liquidated.isEmpty)
        let twenty = try #require(byName["shock -20 %"])
        #expect(abs(twenty.pnl - -200) < 1e-9 && twenty.liquidated == [InstrumentIndex(0)])
        #expect(abs((byName["short squeeze +15 %"]?.pnl ?? 0) - 150) < 1e-9)
        #expect(abs((byName["10-minute outage, 5 % gap"]?.pnl ?? 0) - -50) < 1e-9)
        #expect(abs((byName["worst historical hour"]?.pnl ?? 0) - -30) < 1e-9)
        #expect(abs(ten.equityAfter - (ten.equityBefore - 100)) < 1e-9)
    }

    @Test("cross margin shares the account's balance: the -20 % shock that liquidates isolated margin does not")
    func crossMargin() throws {
        let state = try longPosition()
        let cross = StressTest.run([.shock(-0.20), .shock(-0.99)], state: state, marginMode: .cross)
        // Equity about 10,000 less 200: far above the 7.2 maintenance margin at 80.
        #expect(cross[0].liquidated.isEmpty)
        #expect(abs((cross[0].positions[0].marginAfter ?? 0) - (cross[0].equityBefore - 200)) < 1e-9)
        // A 99 % fall loses 990, which the shared 10,000 balance still absorbs.
        #expect(cross[1].liquidated.isEmpty)
        let isolated = StressTest.run([.shock(-0.20)], state: state)
        #expect(isolated[0].liquidated == [InstrumentIndex(0)])
    }

    @Test("volatility and correlation scenarios move against the position by the 99 % daily move")
    func volatility() throws {
        let state = try longPosition()
        let returns = (0..<200).map { $0 % 2 == 0 ? 0.01 : -0.01 }
        let sigma = (returns.reduce(0) { $0 + $1 * $1 } / 199 * 24).squareRoot()
        let results = StressTest.run(
            [.volatility(multiple: 3), .perfectCorrelation],
            state: state,
            hourlyReturns: [0: returns]
        )
        let z = -ValueAtRisk.normalQuantile(0.01)
        #expect(abs(results[0].positions[0].move - -3 * z * sigma) < 1e-12)
        #expect(abs(results[1].positions[0].move - -z * sigma) < 1e-12)
        #expect(results.allSatisfy { $0.pnl < 0 })
    }
}
