import TradingBacktest
import TradingCore
import TradingEngine
import TradingReports
import TradingResearch
import TradingStrategies

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension OptimizeCommand {
    /// Reads the data once, runs the search (or the walk-forward analysis), then Monte Carlo, and writes
    /// the table, JSON and report.
    func execute() async throws {
        // Both outputs are checked before the search and written only when both are ready.
        try await OutputBatch.run(paths: [json, report].compactMap { $0 }) { try await executeBatched() }
    }

    private func executeBatched() async throws {
        let plan = try searchPlan()
        let objective = self.objective.value
        let constraints = TrialConstraints(minimumTrades: minTrades, maximumDrawdown: maxDrawdown)
        let market = try options.marketData()
        guard market.instruments.count == 1 else {
            throw BacktestError.configuration(
                "optimize searches one instrument; the data holds \(market.instruments.map(\.id.description).joined(separator: ", "))"
            )
        }
        let (configuration, _) = try options.configuration(instruments: market.instruments)
        var merger = ReplayMerger(sources: market.sources)
        var events: [MarketEvent] = []
        do {
            while let event = try merger.next() { events.append(event) }
        } catch {
            throw BacktestError.data(error)
        }
        guard !events.isEmpty else { throw BacktestError.noData("no market data in the requested time range") }
        let bars = events.reduce(0) { count, event in if case .bar = event { count + 1 } else { count } }
        let (candidates, refused) = plan.candidates()
        guard !candidates.isEmpty else {
            throw BacktestError.configuration(
                "no parameter set passes \(plan.strategy.name)'s constraints (\(refused) refused)"
            )
        }
        let optimizer = Optimizer(
            plan: plan,
            configuration: configuration,
            instrument: market.instruments[0].id,
            objective: objective,
            constraints: constraints
        )
        let workerCount = workers ?? Self.processorCount
        let progress = ProgressBar(enabled: !quiet && isatty(STDERR_FILENO) != 0, showsETA: true)
        let clock = ContinuousClock()
        let started = clock.now
        var trials: [Trial] = []
        var walkForwardResult: WalkForward.Result?
        let walkForwardPlan = walkForward?.plan
        var backtests = 0
        if let walkForwardPlan {
            let analysis = WalkForward(optimizer: optimizer, plan: walkForwardPlan)
            walkForwardResult = try await analysis.run(events: events, candidates: candidates, workers: workerCount) {
                done,
                total in
                progress.update(Double(done) / Double(total))
            }
            backtests =
                walkForwardResult.map {
                    $0.windows.reduce(0) { $0 + $1.trainingRuns + ($1.outOfSample == nil ? 0 : 1) }
                } ?? 0
        } else {
            let total = Double(candidates.count)
            trials = try await optimizer.run(candidates, events: events, workers: workerCount) { done in
                progress.update(Double(done) / total)
            }
            backtests = trials.count
        }
        progress.finish()
        let elapsed = Double((clock.now - started).totalNanoseconds) / 1e9
        // Monte Carlo on the best run's trades, or on the stitched out-of-sample trades.
        var monteCarloSummary: MonteCarlo.Summary?
        if monteCarlo > 0 {
            let returns: [Double]
            if let walkForwardResult {
                returns = walkForwardResult.windows.flatMap { $0.outOfSample?.tradeReturns ?? [] }
            } else {
                returns = Optimizer.ranked(trials).first(where: \.isRanked)?.tradeReturns ?? []
            }
            monteCarloSummary = MonteCarlo.run(
                returns: returns,
                initialEquity: options.cash.value.doubleValue,
                simulations: monteCarlo,
                seed: options.seed
            )
        }
        let outcome = OptimizationOutcome(
            plan: plan,
            objective: objective,
            constraints: constraints,
            data: market.names,
            bars: bars,
            refused: refused,
            trials: trials,
            walkForward: walkForwardResult,
            walkForwardPlan: walkForwardPlan,
            monteCarlo: monteCarloSummary
        )
        if let json { try OutputFile.write(outcome.json().serialized() + "\n", to: json) }
        if let report { try OutputFile.write(OptimizationReport.render(outcome), to: report) }
        if !quiet {
            print(OptimizationTable.render(outcome, top: top, verbose: verbose), terminator: "")
            var standardError = StandardError()
            let rate = elapsed > 0 ? Double(backtests) / elapsed : 0
            let barRate = elapsed > 0 ? Double(backtests) * Double(bars) / elapsed : 0
            print(
                "\(backtests) backtests in \(DisplayFormat.seconds(elapsed)) s on \(workerCount) workers "
                    + "(\(DisplayFormat.grouped(Int(rate))) runs/s, \(DisplayFormat.grouped(Int(barRate))) bar-evaluations/s)",
                to: &standardError
            )
        }
    }

    /// Cores available to this process.
    static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}
