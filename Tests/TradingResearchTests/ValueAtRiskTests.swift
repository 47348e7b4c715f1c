import Testing
import TradingCore
import TradingEngine
import TradingResearch
import TradingTestSupport

@Suite("Value at risk")
struct ValueAtRiskTests {
    @Test("the normal quantile matches published values")
    func quantiles() {
        #expect(abs(ValueAtRisk.normalQuantile(0.01) - -2.326347874) < 1e-8)
        #expect(abs(ValueAtRisk.normalQuantile(0.05) - -1.644853627) < 1e-8)
        #expect(abs(ValueAtRisk.normalQuantile(0.975) - 1.959963985) < 1e-8)
        #expect(abs(ValueAtRisk.normalQuantile(0.5)) < 1e-12)
    }

    @Test("historical VaR and CVaR are the tail's quantile and mean")
    func historical() throws {
        // Returns −0.10, −0.09, …, +0.89 (100 values): the worst 5 are −0.10 … −0.06.
        let returns = (0..<100).map { Double($0 - 10) / 100 }
        let estimate = try #require(ValueAtRisk.estimate(returns.shuffled(), confidence: 0.95, method: .historical))
        #expect(abs(estimate.valueAtRisk - 0.06) < 1e-12)
        #expect(abs(estimate.conditionalValueAtRisk - 0.08) < 1e-12)
        let one = try #require(ValueAtRisk.estimate(returns, confidence: 0.99, method: .historical))
        #expect(abs(one.valueAtRisk - 0.10) < 1e-12 && abs(one.conditionalValueAtRisk - 0.10) < 1e-12)
    }

    @Test("on normal returns the three methods agree; Monte Carlo repeats with its seed (seeded)")
    func methodsAgree() throws {
        var generator = SeededGenerator(seed: 11)
        let returns = (0..<200_000).map { _ -> Double in
            let u1 = Double.random(in: Double.ulpOfOne..<1, using: &generator)
            let u2 = Double.random(in: 0..<1, using: &generator)
            return 0.0005 + 0.02 * (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
        }
        for confidence in [0.95, 0.99] {
            let historical = try #require(ValueAtRisk.estimate(returns, confidence: confidence, method: .historical))
            let parametric = try #require(ValueAtRisk.estimate(returns, confidence: confidence, method: .parametric))
            let simulated = try #require(
                ValueAtRisk.estimate(returns, confidence: confidence, method: .monteCarlo, seed: 3)
            )
            let expected = -(0.0005 + 0.02 * ValueAtRisk.normalQuantile(1 - confidence))
            for estimate in [historical, parametric, simulated] {
                #expect(abs(estimate.valueAtRisk - expected) / expected < 0.03, "\(confidence): \(estimate)")
                #expect(estimate.conditionalValueAtRisk > estimate.valueAtRisk)
            }
            #expect(simulated == ValueAtRisk.estimate(returns, confidence: confidence, method: .monteCarlo, seed: 3))
        }
    }

    @Test("portfolio returns weigh each instrument, shorts negatively")
    func portfolio() {
        let returns = ValueAtRisk.portfolioReturns([[0.01, -0.02], [0.03, 0.01]], weights: [0.5, -0.25])
        #expect(abs(returns[0] - (0.005 - 0.0075)) < 1e-15 && abs(returns[1] - (-0.01 - 0.0025)) < 1e-15)
    }
}

#if canImport(Glibc)
import Glibc
#endif
