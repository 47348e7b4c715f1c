import Testing
import TradingBacktest
import TradingCore
import TradingEngine
import TradingTestSupport

private final class DecisionLog: RiskDecisionObserver {
    var decisions: [RiskDecision] = []
    func record(_ decision: RiskDecision) { decisions.append(decision) }
}

@Suite("Risk decisions in the audit output")
struct RiskDecisionTests {
    @Test("every order gets one decision with its inputs; refusals carry the code the denial has")
    func everyDecision() throws {
        // Buy 10 at market every hour; the price falls 40 % after four hours, tripping a 5 % daily loss.
        let strategy = ScriptedStrategy(subscriptions: [Fixtures.spot().id]) { _, bar, context in
            _ = context.submit(.market(bar.instrument, .buy, .base(Fixtures.quantity("10"))))
        }
        var runner = try BacktestRunner(
            configuration: BacktestConfiguration(
                engine: EngineConfiguration(
                    instruments: [Fixtures.spot()],
                    accountCurrency: .usdt,
                    balances: [Fixtures.money("10000")],
                    riskPolicy: CircuitBreakers(dailyLoss: Fixtures.ratio("0.05"))
                )
            ),
            strategies: [strategy]
        )
        let log = DecisionLog()
        runner.decisionObserver = log
        let result = runner.run(
            events: hourlyBars(Array(repeating: "100", count: 4) + Array(repeating: "60", count: 6))
        )
        #expect(log.decisions.count == result.orderCount + result.deniedCount)
        #expect(log.decisions.filter(\.approved).count == result.orderCount)
        let refused = log.decisions.filter { !$0.approved }
        #expect(!refused.isEmpty && refused.allSatisfy { $0.refusal?.code == "trading_reducing" })
        let denied = try #require(
            (runner.engine.strategies.first as? ScriptedStrategy)?.updates.filter { $0.status == .denied }
        )
        #expect(Set(refused.map(\.clientOrderID)) == Set(denied.map(\.clientOrderID)))
        let first = try #require(log.decisions.first)
        #expect(first.equity == Fixtures.money("10000") && first.positionBeforeRaw == 0 && first.lastPrice == p("100"))
        #expect(first.tradingState == .active && first.action == .submit)
        // Inputs follow the state: after the first fill the position is 10 and the price known.
        let second = try #require(log.decisions.dropFirst().first)
        #expect(second.positionBeforeRaw == q("10").raw)
        if case .reducing = try #require(refused.first).tradingState {
        } else {
            Issue.record("refusals were made while reducing")
        }
    }
}
