import TradingBacktest
import TradingCore
import TradingReports
import TradingStrategies

/// The plain-text summary `omega optimize` prints: the ranked runs, the walk-forward windows, Monte Carlo.
public enum OptimizationTable {
    /// The table `omega optimize` prints; the walk-forward windows one by one only when `verbose`.
    public static func render(_ outcome: OptimizationOutcome, top: Int, verbose: Bool = false) -> String {
        let plan = outcome.plan
        var lines: [String] = []
        lines.append(
            "Omega optimize: \(plan.strategy.name) on \(outcome.data.joined(separator: ", ")), \(DisplayFormat.grouped(outcome.bars)) bars"
        )
        var search: String
        switch plan.mode {
        case .grid: search = "grid"
        case .random(let count, let seed): search = "random (\(count) draws, seed \(seed))"
        }
        search += " over \(plan.dimensions.map(\.name).joined(separator: " × ")); objective \(outcome.objective)"
        if outcome.constraints.minimumTrades > 0 { search += "; min trades \(outcome.constraints.minimumTrades)" }
        if let drawdown = outcome.constraints.maximumDrawdown {
            search += "; max drawdown \(DisplayFormat.percent(drawdown))"
        }
        lines.append("Search: \(search); \(outcome.refused) combinations refused by the strategy")
        if !outcome.trials.isEmpty {
            lines.append("")
            let ranked = outcome.ranked
            let rankedCount = ranked.filter(\.isRanked).count
            lines.append(
                "\(DisplayFormat.count(outcome.trials.count, "run")), \(rankedCount) ranked (meet the constraints and have a score)"
            )
            if let holding = outcome.buyAndHold {
                var line = "Buy and hold over the same data: \(DisplayFormat.percent(holding))"
                if let best = outcome.best {
                    line += "; the best run's return \(DisplayFormat.percent(best.summary.totalReturn))"
                }
                lines.append(line)
            }
            var rows = [
                ["rank"] + plan.dimensions.map(\.name) + [
                    outcome.objective.rawValue, "return", "max DD", "trades", "win rate",
                ]
            ]
            for (position, trial) in ranked.prefix(top).enumerated() where trial.isRanked {
                rows.append(
                    ["\(position + 1)"] + trial.candidate.searched
                        + [
                            number(trial.score), DisplayFormat.percent(trial.summary.totalReturn),
                            DisplayFormat.percent(trial.summary.maxDrawdown), "\(trial.summary.tradeCount)",
                            trial.summary.winRate.map(DisplayFormat.percent) ?? "–",
                        ]
                )
            }
            lines.append(contentsOf: table(rows))
        }
        if let walkForward = outcome.walkForward, let walkForwardPlan = outcome.walkForwardPlan {
            lines.append("")
            lines.append("Walk-forward \(walkForwardPlan): \(DisplayFormat.count(walkForward.windows.count, "window"))")
            var rows = [
                ["window", "test from", "best parameters", "in-sample", "out-of-sample", "OOS return", "OOS trades"]
            ]
            for window in verbose ? walkForward.windows : [] {
                rows.append([
                    "\(window.window.index + 1)", String(window.window.trainEnd.description.prefix(10)),
                    window.inSample.map { OptimizationOutcome.label($0, plan: plan) } ?? "none ranked",
                    number(window.inSample?.score), number(window.outOfSample?.score),
                    window.outOfSample.map { DisplayFormat.percent($0.summary.totalReturn) } ?? "–",
                    window.outOfSample.map { "\($0.summary.tradeCount)" } ?? "–",
                ])
            }
            if verbose {
                lines.append(contentsOf: table(rows))
            } else {
                let distinct = Set(walkForward.windows.compactMap { $0.inSample?.candidate.searched }).count
                lines.append(
                    "\(DisplayFormat.count(distinct, "distinct parameter set")) chosen across the windows (--verbose lists each window)"
                )
            }
            let combined = walkForward.combined
            lines.append(
                "Out of sample, stitched: return \(DisplayFormat.percent(combined.totalReturn)), max drawdown "
                    + "\(DisplayFormat.percent(combined.maxDrawdown)), \(DisplayFormat.count(combined.trades, "trade"))"
                    + (combined.closedAtWindowEnd > 0
                        ? " (\(combined.closedAtWindowEnd) of them positions closed at a window's end)" : "")
                    + ", win rate "
                    + "\(combined.winRate.map(DisplayFormat.percent) ?? "–"), profit factor \(number(combined.profitFactor))"
            )
            lines.append(
                "Mean \(outcome.objective): in sample \(number(combined.meanInSampleScore)), out of sample "
                    + "\(number(combined.meanOutOfSampleScore)); efficiency \(combined.efficiency.map(DisplayFormat.percent) ?? "–")"
            )
            if let warning = combined.overfittingWarning { lines.append("WARNING: \(warning)") }
        }
        for warning in outcome.edgeWarnings { lines.append("WARNING: \(warning)") }
        if let monteCarlo = outcome.monteCarlo {
            lines.append("")
            lines.append(
                "Monte Carlo: \(DisplayFormat.count(monteCarlo.simulations, "simulation")) of \(DisplayFormat.count(monteCarlo.trades, "trade")) (seed \(monteCarlo.seed)); "
                    + "in their order they compound to \(DisplayFormat.percent(monteCarlo.inOrderReturn))"
                    + (outcome.walkForward != nil ? ", the stitched return" : "")
            )
            var rows = [["", "p5", "p25", "p50", "p75", "p95"]]
            func row(_ name: String, _ value: MonteCarlo.Percentiles, _ format: (Double) -> String) {
                rows.append([
                    name, format(value.p5), format(value.p25), format(value.p50), format(value.p75), format(value.p95),
                ])
            }
            row("max drawdown, reshuffled", monteCarlo.reshuffledMaxDrawdown, DisplayFormat.percent)
            row("max drawdown, bootstrap", monteCarlo.bootstrapMaxDrawdown, DisplayFormat.percent)
            row("final equity, bootstrap", monteCarlo.bootstrapFinalEquity, DisplayFormat.money)
            lines.append(contentsOf: table(rows))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func number(_ value: Double?) -> String { value.map(DisplayFormat.fixed2) ?? "–" }

    /// The rows (the first is the header) as a ``TextTable``: the first column left-aligned, the rest right.
    static func table(_ rows: [[String]]) -> [String] {
        guard let header = rows.first else { return [] }
        var table = TextTable(header: header)
        for row in rows.dropFirst() { table.append(row) }
        return table.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }
}
