import Testing
import TradingBacktest
import TradingCore
import TradingEngine
import TradingMarketData
import TradingReports
import TradingResearch
import TradingStrategies
import TradingTestSupport

/// A search over the synthetic market, shared by the tests below.
struct SyntheticSearch {
    let events: [MarketEvent]
    let optimizer: Optimizer
    let candidates: [SearchPlan.Candidate]

    init(
        bars: Int = 3_000,
        grid: [String] = ["fast=3..12:3", "slow=14..30:4"],
        objective: Objective = .totalReturn
    ) throws {
        let market = SyntheticMarket(seed: 11, bars: bars)
        let instrument = try market.instrument(defaults: InstrumentDefaults())
        let source = market.source(instrument: InstrumentIndex(0))
        var events: [MarketEvent] = []
        while let event = try source.next() { events.append(event) }
        self.events = events
        let descriptor = try StrategyRegistry.descriptor(named: "ema_cross")
        let plan = try SearchPlan(
            strategy: descriptor,
            dimensions: try grid.map { try ParameterDimension(parsing: $0, strategy: descriptor) },
            fixed: ["mode": "long_short"],
            mode: .grid
        )
        candidates = plan.candidates().candidates
        optimizer = Optimizer(
            plan: plan,
            configuration: BacktestConfiguration(
                engine: EngineConfiguration(
                    instruments: [instrument],
                    accountCurrency: .usdt,
                    balances: [Fixtures.money("10000")]
                )
            ),
            instrument: instrument.id,
            objective: objective,
            constraints: TrialConstraints(minimumTrades: 1)
        )
    }
}

@Suite("Optimizer")
struct OptimizerTests {
    @Test("results are identical with 1, 2 and 3 workers, in plan order")
    func workerCountDoesNotMatter() async throws {
        let search = try SyntheticSearch()
        let one = try await search.optimizer.run(search.candidates, events: search.events, workers: 1)
        let two = try await search.optimizer.run(search.candidates, events: search.events, workers: 2)
        let three = try await search.optimizer.run(search.candidates, events: search.events, workers: 3)
        #expect(one.count == search.candidates.count)
        #expect(one.map(\.candidate.index) == Array(0..<search.candidates.count))
        for (a, (b, c)) in zip(one, zip(two, three)) {
            #expect(a.summary == b.summary && b.summary == c.summary)
            #expect(a.score == b.score && b.score == c.score)
        }
        let outcome = { (trials: [Trial]) in
            OptimizationOutcome(
                plan: search.optimizer.plan,
                objective: .totalReturn,
                constraints: search.optimizer.constraints,
                data: ["synthetic"],
                bars: search.events.count,
                refused: 0,
                trials: trials,
                walkForward: nil,
                walkForwardPlan: nil,
                monteCarlo: nil
            ).json().serialized()
        }
        #expect(outcome(one) == outcome(three))
    }

    @Test("each trial equals a plain backtest with the same parameters, and ranking follows the objective")
    func trialsAreRealBacktests() async throws {
        let search = try SyntheticSearch(objective: .totalReturn)
        let trials = try await search.optimizer.run(search.candidates, events: search.events, workers: 2)
        let chosen = search.candidates[3]
        let strategy = StrategyRegistry.all.first { $0.name == "ema_cross" }!.make(
            id: try StrategyID("ema_cross"),
            instrument: search.optimizer.instrument,
            values: chosen.values
        )
        var runner = try BacktestRunner(configuration: search.optimizer.configuration, strategies: [strategy])
        let direct = runner.run(events: search.events)
        #expect(trials[3].summary == direct.summary)
        #expect(trials[3].summary.tradeCount > 0)
        let ranked = Optimizer.ranked(trials)
        let scores = ranked.filter(\.isRanked).compactMap(\.score)
        #expect(scores == scores.sorted(by: >))
        #expect(ranked.first?.score == trials.compactMap(\.score).max())
    }

    @Test("constraints keep runs out of the ranking")
    func constraints() async throws {
        var search = try SyntheticSearch()
        search = SyntheticSearch(
            events: search.events,
            optimizer: Optimizer(
                plan: search.optimizer.plan,
                configuration: search.optimizer.configuration,
                instrument: search.optimizer.instrument,
                objective: .sharpe,
                constraints: TrialConstraints(minimumTrades: 1_000_000)
            ),
            candidates: search.candidates
        )
        let trials = try await search.optimizer.run(search.candidates, events: search.events, workers: 2)
        #expect(trials.allSatisfy { !$0.isRanked && $0.violation?.contains("trades < 1000000") == true })
    }
}

extension SyntheticSearch {
    init(events: [MarketEvent], optimizer: Optimizer, candidates: [SearchPlan.Candidate]) {
        self.events = events
        self.optimizer = optimizer
        self.candidates = candidates
    }
}
