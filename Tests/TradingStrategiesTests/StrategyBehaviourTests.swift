import Testing
import TradingBacktest
import TradingCore
import TradingEngine
import TradingMarketData
import TradingStrategies
import TradingTestSupport

/// Runs a registered strategy on the seeded synthetic market.
func backtest(
    _ name: String,
    _ assignments: [String: String] = [:],
    bars: Int = 20_000,
    seed: UInt64 = 3,
    kind: InstrumentKind = .spot
) throws -> BacktestResult {
    let market = SyntheticMarket(seed: seed, bars: bars)
    let instrument = try market.instrument(
        defaults: InstrumentDefaults(makerFee: Fixtures.ratio("0.0002"), takerFee: Fixtures.ratio("0.0005")),
        kind: kind
    )
    let descriptor = try StrategyRegistry.descriptor(named: name)
    let strategy = descriptor.make(
        id: try StrategyID(name),
        instrument: instrument.id,
        values: try descriptor.values(assignments)
    )
    var runner = try BacktestRunner(
        configuration: BacktestConfiguration(
            engine: EngineConfiguration(
                instruments: [instrument],
                accountCurrency: .usdt,
                balances: [Fixtures.money("10000")]
            )
        ),
        strategies: [strategy]
    )
    var merger = ReplayMerger(sources: [market.source(instrument: InstrumentIndex(0))])
    return try runner.run(&merger)
}

@Suite("Strategies on the synthetic market")
struct StrategyBehaviourTests {
    @Test(
        "every strategy trades, deterministically, and long-only never goes short",
        arguments: StrategyRegistry.all.map(\.name)
    )
    func tradesDeterministically(name: String) throws {
        let first = try backtest(name)
        let second = try backtest(name)
        #expect(first.trades.count > 0, "\(name) made no trades")
        #expect(first.auditDigest == second.auditDigest)
        #expect(first.anomalies.isEmpty, "\(first.anomalies)")
        #expect(
            first.deniedCount == 0 && first.rejectedCount == 0,
            "denied \(first.deniedCount), rejected \(first.rejectedCount)"
        )
        #expect(first.trades.allSatisfy { $0.side == .long })
    }

    @Test(
        "long-short signal strategies take both sides",
        arguments: ["bollinger_reversion", "macd_trend", "supertrend", "ensemble", "regime_adaptive"]
    )
    func longShort(name: String) throws {
        let result = try backtest(name, ["mode": "long_short"], kind: .linearPerpetual)
        #expect(result.deniedCount == 0)
        #expect(result.trades.contains { $0.side == .long } && result.trades.contains { $0.side == .short })
    }

    @Test("an ensemble of one member trades exactly like that member")
    func ensembleOfOne() throws {
        for member in ["macd_trend", "supertrend"] {
            let alone = try backtest(member, ["mode": "long_short"], kind: .linearPerpetual)
            let ensemble = try backtest(
                "ensemble",
                ["members": member, "rule": "unanimous", "mode": "long_short"],
                kind: .linearPerpetual
            )
            #expect(alone.trades == ensemble.trades, "\(member)")
        }
    }

    @Test("unanimity is in the market less than a majority, and equals a vote with a threshold only all members reach")
    func unanimity() throws {
        let members = "ema_cross,macd_trend,supertrend"
        let unanimous = try backtest("ensemble", ["members": members, "rule": "unanimous"])
        let majority = try backtest("ensemble", ["members": members, "rule": "majority"])
        let vote = try backtest("ensemble", ["members": members, "rule": "vote", "threshold": "0.9"])
        #expect(unanimous.summary.exposure < majority.summary.exposure)
        // With equal weights, a mean view above 0.9 needs all three members long: the same as unanimity.
        #expect(vote.trades == unanimous.trades)
        #expect(unanimous.trades.count > 0)
    }

    @Test("fibonacci entries carry a stop beyond 0.786 and a target at 1.618: exits are those orders or signals")
    func fibonacciExits() throws {
        let result = try backtest(
            "fibonacci_retracement",
            ["swing": "0.01", "mode": "long_short"],
            kind: .linearPerpetual
        )
        let tags = Set(result.trades.compactMap { $0.exitTag?.description })
        #expect(tags.isSubset(of: ["stop_loss", "take_profit", "signal_exit", "signal_reverse"]), "\(tags)")
        #expect(result.trades.contains { $0.exitTag?.description == "take_profit" })
        #expect(result.trades.contains { $0.exitTag?.description == "stop_loss" })
        // The target (1.618 extension) is further than the stop (0.786 retracement) from a 0.618 entry.
        let wins = result.trades.filter { $0.exitTag?.description == "take_profit" }.map(\.returnFraction)
        let losses = result.trades.filter { $0.exitTag?.description == "stop_loss" }.map(\.returnFraction)
        #expect(wins.allSatisfy { $0 > 0 } && losses.allSatisfy { $0 < 0 })
        let averageWin: Double = wins.reduce(0, +) / Double(wins.count)
        let averageLoss: Double = -losses.reduce(0, +) / Double(losses.count)
        #expect(averageWin > averageLoss)
    }

    @Test("a DCA cycle closes at the take-profit above its average entry")
    func dcaCycles() throws {
        let result = try backtest("dca", ["take_profit": "0.01"])
        #expect(result.trades.count > 3)
        for trade in result.trades.dropLast() where trade.exitTag?.description == "dca_take_profit" {
            let ratio = trade.exitPrice.doubleValue / trade.entryPrice.doubleValue
            let atTarget = ratio >= 1.01 - 1e-4 && ratio < 1.0111
            #expect(atTarget, "exit/entry \(ratio)")
        }
        #expect(result.trades.allSatisfy { $0.exitTag?.description == "dca_take_profit" })
    }

    @Test("the grid only trades at its levels, inside its range")
    func gridLevels() throws {
        let result = try backtest("grid", ["range": "0.05", "levels": "10"])
        let first = try #require(result.priceSeries.first?.last)
        for trade in result.trades {
            let low = first * 0.95 * 0.999
            let high = first * 1.05 * 1.001
            for price in [trade.entryPrice.doubleValue, trade.exitPrice.doubleValue] {
                let inside = price >= low && price <= high
                #expect(inside, "\(price) outside the grid around \(first)")
            }
        }
        #expect(result.fillCount > 2 * result.trades.count)
    }
}
