import Testing
import TradingBacktest
import TradingCore
import TradingEngine
import TradingResearch
import TradingTestSupport

@Suite("Walk-forward")
struct WalkForwardTests {
    @Test("windows roll by the test length and only whole test windows are used")
    func windows() throws {
        let plan = try WalkForwardPlan(parsing: "train=30d,test=7d")
        #expect(plan.train == .seconds(30 * 86_400) && plan.test == .seconds(7 * 86_400))
        #expect(plan.description == "train=30d,test=7d")
        let day: Int64 = 86_400_000_000_000
        let start = Timestamp(nanoseconds: 1_700_000_000_000_000_000)
        let windows = plan.windows(start: start, end: start.advanced(byNanoseconds: 60 * day))
        // Tests end at day 37, 44, 51, 58; the next would end at 65 > 60.
        #expect(windows.count == 4)
        for (index, window) in windows.enumerated() {
            #expect(window.index == index)
            #expect(window.trainStart == start.advanced(byNanoseconds: Int64(index) * 7 * day))
            #expect(window.trainEnd == window.trainStart.advanced(byNanoseconds: 30 * day))
            #expect(window.testEnd == window.trainEnd.advanced(byNanoseconds: 7 * day))
        }
        // Consecutive test spans tile the out-of-sample period without gaps or overlap.
        for (earlier, later) in zip(windows, windows.dropFirst()) { #expect(later.trainEnd == earlier.testEnd) }
        #expect(plan.windows(start: start, end: start.advanced(byNanoseconds: 36 * day)).isEmpty)
    }

    @Test(
        "bad plans are refused",
        arguments: ["train=30d", "train=30x,test=7d", "train=30d,test=7d,step=1d", "train=-3d,test=1d"]
    )
    func badPlans(text: String) {
        #expect(throws: SearchSpecError.self) { try WalkForwardPlan(parsing: text) }
    }

    @Test("each window trains on its span and tests the best parameters on the next, out of sample")
    func analysis() async throws {
        let search = try SyntheticSearch(bars: 4 * 1_440)
        let analysis = WalkForward(optimizer: search.optimizer, plan: try WalkForwardPlan(parsing: "train=2d,test=12h"))
        let result = try await analysis.run(events: search.events, candidates: search.candidates, workers: 2)
        #expect(result.windows.count == 4)
        var growth = 1.0
        for window in result.windows {
            #expect(window.trainingRuns == search.candidates.count)
            let best = try #require(window.inSample)
            // The in-sample pick is the best ranked training run.
            let training = search.events.filter {
                $0.exchangeTime >= window.window.trainStart && $0.exchangeTime < window.window.trainEnd
            }
            let rerun = try search.optimizer.run(best.candidate, events: training).0
            #expect(rerun.summary == best.summary)
            let test = try #require(window.outOfSample)
            #expect(test.candidate == best.candidate)
            #expect(test.summary.startTime >= window.window.trainEnd)
            #expect(test.summary.endTime <= window.window.testEnd)
            // The span's trades, with a position still open at its end closed at the last price, add up to
            // its final equity less that exit's fee.
            let initial = test.summary.initialEquity.doubleValue
            let traded = test.tradePnL.reduce(0, +)
            let marked = test.summary.finalEquity.doubleValue - initial
            #expect(test.tradePnL.count == test.summary.tradeCount + (test.endsOpen ? 1 : 0))
            if test.endsOpen {
                #expect(traded <= marked && marked - traded < 0.01 * initial, "\(traded) vs \(marked)")
            } else {
                #expect(abs(traded - marked) < 1e-6)
            }
            growth *= 1 + traded / initial
        }
        #expect(abs(result.combined.totalReturn - (growth - 1)) < 1e-12)
        #expect(result.combined.windows == 4)
        #expect(result.combined.trades == result.windows.reduce(0) { $0 + ($1.outOfSample?.tradePnL.count ?? 0) })
        #expect(result.combined.closedAtWindowEnd == result.windows.filter { $0.outOfSample?.endsOpen == true }.count)
        #expect(result.combined.closedAtWindowEnd > 0, "the fixture leaves a position open at some span's end")
        // Monte Carlo on the same trades: in their order they compound to the stitched return.
        let returns = result.windows.flatMap { $0.outOfSample?.tradeReturns ?? [] }
        let monteCarlo = try #require(
            MonteCarlo.run(returns: returns, initialEquity: 10_000, simulations: 10, seed: 1)
        )
        #expect(monteCarlo.trades == result.combined.trades)
        #expect(abs(monteCarlo.inOrderReturn - result.combined.totalReturn) < 1e-9)
    }
}

@Suite("Monte Carlo")
struct MonteCarloTests {
    @Test("reshuffling keeps final equity, bootstrap spreads it; seeded and ordered percentiles")
    func distributions() throws {
        let returns = [0.05, -0.02, 0.03, -0.04, 0.01, 0.02, -0.03, 0.04, -0.01, 0.02]
        let summary = try #require(MonteCarlo.run(returns: returns, initialEquity: 1_000, simulations: 2_000, seed: 5))
        #expect(summary == MonteCarlo.run(returns: returns, initialEquity: 1_000, simulations: 2_000, seed: 5))
        #expect(summary != MonteCarlo.run(returns: returns, initialEquity: 1_000, simulations: 2_000, seed: 6))
        for percentiles in [summary.reshuffledMaxDrawdown, summary.bootstrapMaxDrawdown, summary.bootstrapFinalEquity] {
            #expect(percentiles.p5 <= percentiles.p25 && percentiles.p25 <= percentiles.p50)
            #expect(percentiles.p50 <= percentiles.p75 && percentiles.p75 <= percentiles.p95)
        }
        let final = returns.reduce(1_000.0) { $0 * (1 + $1) }
        #expect(summary.bootstrapFinalEquity.p5 < final && final < summary.bootstrapFinalEquity.p95)
        // The worst single order puts every loss together: 1 − 0.96 × 0.97 × 0.98 × 0.99.
        let worst = 1 - 0.96 * 0.97 * 0.98 * 0.99
        #expect(summary.reshuffledMaxDrawdown.p95 <= worst + 1e-12)
        #expect(summary.reshuffledMaxDrawdown.p5 >= 0.04 - 1e-12)
        #expect(MonteCarlo.run(returns: [], initialEquity: 1_000, simulations: 10, seed: 1) == nil)
    }
}
