import TradingBacktest
import TradingCore
public import TradingReports
import TradingStrategies

/// Everything one `optimize` run found, for the table, the JSON file and the HTML report.
public struct OptimizationOutcome: Sendable {
    public let plan: SearchPlan
    public let objective: Objective
    public let constraints: TrialConstraints
    public let data: [String]
    public let bars: Int
    /// Combinations the strategy refused (for example fast ≥ slow).
    public let refused: Int
    /// Every run on the whole data, in plan order (empty for a walk-forward analysis).
    public let trials: [Trial]
    public let walkForward: WalkForward.Result?
    public let walkForwardPlan: WalkForwardPlan?
    public let monteCarlo: MonteCarlo.Summary?

    public init(
        plan: SearchPlan,
        objective: Objective,
        constraints: TrialConstraints,
        data: [String],
        bars: Int,
        refused: Int,
        trials: [Trial],
        walkForward: WalkForward.Result?,
        walkForwardPlan: WalkForwardPlan?,
        monteCarlo: MonteCarlo.Summary?
    ) {
        self.plan = plan
        self.objective = objective
        self.constraints = constraints
        self.data = data
        self.bars = bars
        self.refused = refused
        self.trials = trials
        self.walkForward = walkForward
        self.walkForwardPlan = walkForwardPlan
        self.monteCarlo = monteCarlo
    }

    /// Buy-and-hold's return over the data every trial ran on.
    public var buyAndHold: Double? { trials.first?.buyAndHold }

    /// A warning for each searched parameter whose chosen value lies on the edge of its grid (the best run's
    /// on the whole data, and each walk-forward window's in-sample choice): the optimum may lie outside.
    public var edgeWarnings: [String] {
        var chosen: [[String]] = []
        if let best { chosen.append(best.candidate.searched) }
        for window in walkForward?.windows ?? [] {
            if let inSample = window.inSample { chosen.append(inSample.candidate.searched) }
        }
        var warnings: [String] = []
        for (position, dimension) in plan.dimensions.enumerated() {
            guard case .list(let values) = dimension.values, values.count >= 3,
                values.allSatisfy({ Double($0) != nil }), let low = values.first, let high = values.last
            else { continue }
            let picks = chosen.map { $0[position] }
            let atLow = picks.filter { $0 == low }.count
            let atHigh = picks.filter { $0 == high }.count
            guard atLow + atHigh > 0 else { continue }
            let edge = atHigh >= atLow ? "upper edge \(high)" : "lower edge \(low)"
            let runs = chosen.count == 1 ? "the best run" : "\(atLow + atHigh) of \(chosen.count) choices"
            warnings.append(
                "\(dimension.name): \(runs) sit\(chosen.count == 1 ? "s" : "") on the grid's \(edge); widen the range, the best value may lie beyond it"
            )
        }
        return warnings
    }

    /// The trials best first.
    public var ranked: [Trial] { Optimizer.ranked(trials) }

    /// The best ranked trial, if any met the constraints.
    public var best: Trial? { ranked.first.flatMap { $0.isRanked ? $0 : nil } }

    /// `name=value` of the searched parameters.
    public static func label(_ trial: Trial, plan: SearchPlan) -> String {
        zip(plan.dimensions, trial.candidate.searched).map { "\($0.name)=\($1)" }.joined(separator: " ")
    }

    /// The document for `--json`: every run in plan order with its rank, then the analyses. Byte-identical
    /// for the same inputs whatever the number of workers (no timings in it).
    public func json() -> JSONValue {
        var ranks: [Int: Int] = [:]
        for (position, trial) in ranked.enumerated() where trial.isRanked {
            ranks[trial.candidate.index] = position + 1
        }
        var fields: [(String, JSONValue)] = [
            ("strategy", .string(plan.strategy.name)),
            ("objective", .string(objective.rawValue)),
            ("search", searchJSON()),
            ("fixed", .object(plan.fixed.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
            (
                "constraints",
                .object([
                    ("min_trades", .int(constraints.minimumTrades)),
                    ("max_drawdown", .double(constraints.maximumDrawdown)),
                ])
            ),
            ("data", .array(data.map { .string($0) })),
            ("bars", .int(bars)),
            ("refused_combinations", .int(refused)),
            ("buy_and_hold_return", buyAndHold.map(JSONValue.double) ?? .null),
            ("warnings", .array(edgeWarnings.map(JSONValue.string))),
        ]
        if !trials.isEmpty {
            fields.append(("runs", .int(trials.count)))
            fields.append(("best", best.map { Self.trialJSON($0, rank: 1) } ?? .null))
            fields.append(("trials", .array(trials.map { Self.trialJSON($0, rank: ranks[$0.candidate.index]) })))
        }
        if let walkForward, let walkForwardPlan {
            fields.append(("walk_forward", Self.walkForwardJSON(walkForward, walkForwardPlan)))
        }
        fields.append(("monte_carlo", monteCarlo.map(Self.monteCarloJSON) ?? .null))
        return .object(fields)
    }

    private func searchJSON() -> JSONValue {
        var fields: [(String, JSONValue)] = []
        switch plan.mode {
        case .grid: fields.append(("mode", .string("grid")))
        case .random(let count, let seed):
            fields.append(("mode", .string("random")))
            fields.append(("draws", .int(count)))
            fields.append(("seed", .number(String(seed))))
        }
        fields.append(
            (
                "dimensions",
                .object(
                    plan.dimensions.map { dimension in
                        switch dimension.values {
                        case .list(let items): (dimension.name, .array(items.map { .string($0) }))
                        case .continuous(let range):
                            (
                                dimension.name,
                                .object([("low", .double(range.lowerBound)), ("high", .double(range.upperBound))])
                            )
                        }
                    }
                )
            )
        )
        return .object(fields)
    }

    static func trialJSON(_ trial: Trial, rank: Int?) -> JSONValue {
        let summary = trial.summary
        return .object([
            ("rank", rank.map { .int($0) } ?? .null),
            (
                "parameters",
                .object(
                    trial.candidate.values.order.compactMap { key in
                        trial.candidate.values.values[key].map { (key, .string($0.description)) }
                    }
                )
            ),
            ("score", .double(trial.score)),
            ("violation", trial.violation.map { .string($0) } ?? .null),
            ("total_return", .double(summary.totalReturn)),
            ("max_drawdown", .double(summary.maxDrawdown)),
            ("sharpe", .double(summary.sharpe)),
            ("sortino", .double(summary.sortino)),
            ("calmar", .double(summary.calmar)),
            ("profit_factor", .double(summary.profitFactor)),
            ("win_rate", .double(summary.winRate)),
            ("trades", .int(summary.tradeCount)),
            ("final_equity", .exact(summary.finalEquity.raw)),
        ])
    }

    static func walkForwardJSON(_ result: WalkForward.Result, _ plan: WalkForwardPlan) -> JSONValue {
        let combined = result.combined
        return .object([
            ("plan", .string(plan.description)),
            (
                "windows",
                .array(
                    result.windows.map { window in
                        .object([
                            ("index", .int(window.window.index)),
                            ("train_start", .string(window.window.trainStart.description)),
                            ("train_end", .string(window.window.trainEnd.description)),
                            ("test_end", .string(window.window.testEnd.description)),
                            ("training_runs", .int(window.trainingRuns)),
                            ("in_sample", window.inSample.map { trialJSON($0, rank: 1) } ?? .null),
                            ("out_of_sample", window.outOfSample.map { trialJSON($0, rank: nil) } ?? .null),
                        ])
                    }
                )
            ),
            (
                "combined",
                .object([
                    ("windows", .int(combined.windows)),
                    ("total_return", .double(combined.totalReturn)),
                    ("max_drawdown", .double(combined.maxDrawdown)),
                    ("trades", .int(combined.trades)),
                    ("closed_at_window_end", .int(combined.closedAtWindowEnd)),
                    ("win_rate", .double(combined.winRate)),
                    ("profit_factor", .double(combined.profitFactor)),
                    ("mean_in_sample_score", .double(combined.meanInSampleScore)),
                    ("mean_out_of_sample_score", .double(combined.meanOutOfSampleScore)),
                    ("efficiency", .double(combined.efficiency)),
                    ("overfitting_warning", combined.overfittingWarning.map { .string($0) } ?? .null),
                ])
            ),
        ])
    }

    static func monteCarloJSON(_ summary: MonteCarlo.Summary) -> JSONValue {
        func percentiles(_ value: MonteCarlo.Percentiles) -> JSONValue {
            .object([
                ("p5", .double(value.p5)), ("p25", .double(value.p25)), ("p50", .double(value.p50)),
                ("p75", .double(value.p75)), ("p95", .double(value.p95)),
            ])
        }
        return .object([
            ("simulations", .int(summary.simulations)),
            ("seed", .number(String(summary.seed))),
            ("trades", .int(summary.trades)),
            ("initial_equity", .double(summary.initialEquity)),
            ("in_order_return", .double(summary.inOrderReturn)),
            ("reshuffled_max_drawdown", percentiles(summary.reshuffledMaxDrawdown)),
            ("bootstrap_max_drawdown", percentiles(summary.bootstrapMaxDrawdown)),
            ("bootstrap_final_equity", percentiles(summary.bootstrapFinalEquity)),
        ])
    }
}
