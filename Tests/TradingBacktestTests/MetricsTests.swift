import Foundation
import Testing
import TradingCore
import TradingEngine
import TradingTestSupport

@testable import TradingBacktest

@Suite("Performance metrics")
struct MetricsTests {
    let day: Int64 = 86_400_000_000_000

    @Test("drawdown, its duration and exposure follow the equity samples")
    func drawdown() {
        var accumulator = PerformanceAccumulator(initialEquity: 100)
        accumulator.start(at: 0)
        let samples: [(Double, Bool)] = [(110, true), (99, true), (120, false), (90, false)]
        for (index, (equity, open)) in samples.enumerated() {
            accumulator.sample(time: Int64(index + 1) * day, equity: equity, positionOpen: open)
        }
        let summary = accumulator.summary(
            currency: .usdt,
            initial: Fixtures.money("100"),
            final: Fixtures.money("90"),
            endTime: 4 * day,
            trades: [],
            fees: .zero(.usdt),
            funding: .zero(.usdt)
        )
        #expect(summary.maxDrawdown == 0.25)
        #expect(summary.maxDrawdownDuration == .nanoseconds(2 * day))  // day 1 (110) to day 3 (120)
        #expect(abs(summary.exposure - 0.5) < 1e-12)  // open from day 1 to day 3 of 4
        #expect(summary.totalReturn == 90.0 / 100 - 1)
    }

    @Test("Sharpe, Sortino and volatility annualise daily returns over 365 days")
    func ratios() {
        var accumulator = PerformanceAccumulator(initialEquity: 1_000)
        accumulator.start(at: 0)
        var equity = 1_000.0
        var closes: [Double] = []
        var generator = SeededGenerator(seed: 11)
        for index in 1...60 {
            equity *= 1 + (generator.nextUnit() - 0.45) * 0.04
            closes.append(equity)
            // Two samples a day: only the last of each day closes it.
            accumulator.sample(time: Int64(index) * day - day / 2, equity: equity * 0.99, positionOpen: true)
            accumulator.sample(time: Int64(index) * day - 1, equity: equity, positionOpen: true)
        }
        let summary = accumulator.summary(
            currency: .usdt,
            initial: Fixtures.money("1000"),
            final: Money(raw: FixedPoint.fromDouble(equity)!, currency: .usdt),
            endTime: 60 * day,
            trades: [],
            fees: .zero(.usdt),
            funding: .zero(.usdt)
        )
        var returns: [Double] = []
        var previous = 1_000.0
        for close in closes {
            returns.append(close / previous - 1)
            previous = close
        }
        let mean = returns.reduce(0, +) / Double(returns.count)
        let deviation = (returns.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(returns.count - 1))
            .squareRoot()
        let downside = (returns.map { min($0, 0) * min($0, 0) }.reduce(0, +) / Double(returns.count)).squareRoot()
        #expect(summary.returnsPeriod == "1d")
        #expect(abs((summary.sharpe ?? 0) - mean / deviation * 365.0.squareRoot()) < 1e-9)
        #expect(abs((summary.sortino ?? 0) - mean / downside * 365.0.squareRoot()) < 1e-9)
        #expect(abs((summary.annualVolatility ?? 0) - deviation * 365.0.squareRoot()) < 1e-12)
        #expect(abs((summary.calmar ?? 0) - summary.cagr / summary.maxDrawdown) < 1e-12)
        // The ratios say what they rest on; 60 days is too short for annualised figures.
        #expect(summary.returnsCount == returns.count)
        #expect(summary.returnsDescription == "\(returns.count) daily returns")
        #expect(!summary.annualisedIsReliable && summary.ratiosAreReliable == (returns.count >= 30))
        #expect(summary.sampleWarnings.first?.hasPrefix("the period is 60 days") == true)
    }

    @Test("trade statistics: win rate, profit factor, expectancy and the longest losing streak")
    func tradeStatistics() throws {
        let prices: [(String, String, String, String)] = [
            ("100", "100", "100", "100"), ("100", "100", "100", "100"), ("110", "110", "110", "110"),
            ("100", "100", "100", "100"), ("90", "90", "90", "90"), ("100", "100", "100", "100"),
            ("95", "95", "95", "95"),
            ("95", "95", "95", "95"),
        ]
        let scenario = try Scenario(
            cash: "1000",
            events: bars(prices),
            strategy: submitting { index in
                // Buy on even bars, sell on odd ones: round trips 100→110, 100→90, 100→95.
                index < 6
                    ? [.market(btc, index % 2 == 0 ? .buy : .sell, .base(q("1")), reduceOnly: index % 2 == 1)] : []
            }
        )
        let summary = scenario.result.summary
        #expect(summary.tradeCount == 3)
        let fees: [Double] = [0.21, 0.19, 0.195]  // 0.1 % on both legs
        let pnl: [Double] = [10 - fees[0], -10 - fees[1], -5 - fees[2]]
        #expect(abs((summary.winRate ?? 0) - 1.0 / 3) < 1e-12)
        #expect(abs((summary.profitFactor ?? 0) - pnl[0] / -(pnl[1] + pnl[2])) < 1e-9)
        #expect(abs((summary.expectancy ?? 0) - pnl.reduce(0, +) / 3) < 1e-9)
        #expect(summary.longestLosingStreak == 2)
        #expect(abs(summary.totalFees.doubleValue - fees.reduce(0, +)) < 1e-9)
        #expect(summary.averageTradeDuration == .seconds(60))
    }
}
