import TradingBacktest
import TradingCore
import TradingReports
import TradingStrategies

/// A self-contained HTML report of an optimisation: the ranked runs, a heat map of the objective for a
/// two-parameter grid, the walk-forward windows with the overfitting check, and Monte Carlo. No scripts,
/// no CDN: inline CSS and SVG only.
public enum OptimizationReport {
    public static func render(_ outcome: OptimizationOutcome) -> String {
        let plan = outcome.plan
        var body = "<h1>Omega optimize: \(escape(plan.strategy.name))</h1>\n"
        body += "<p>\(escape(outcome.data.joined(separator: ", "))), \(DisplayFormat.grouped(outcome.bars)) bars. "
        body += "Objective: <b>\(outcome.objective)</b>. \(outcome.refused) combinations refused by the strategy."
        if let holding = outcome.buyAndHold {
            body += " Buy and hold over the same data: <b>\(DisplayFormat.percent(holding))</b>."
        }
        body += "</p>\n"
        if let warning = outcome.walkForward?.combined.overfittingWarning {
            body += "<p class=\"warn\">⚠ \(escape(warning))</p>\n"
        }
        for warning in outcome.edgeWarnings { body += "<p class=\"warn\">⚠ \(escape(warning))</p>\n" }
        if !outcome.trials.isEmpty {
            if let map = heatMap(outcome) { body += "<h2>Objective by parameters</h2>\n\(map)\n" }
            body += "<h2>Best runs</h2>\n" + rankedTable(outcome)
        }
        if let walkForward = outcome.walkForward, let walkForwardPlan = outcome.walkForwardPlan {
            body +=
                "<h2>Walk-forward \(escape(walkForwardPlan.description))</h2>\n"
                + walkForwardTable(walkForward, plan: plan)
        }
        if let monteCarlo = outcome.monteCarlo { body += "<h2>Monte Carlo</h2>\n" + monteCarloTable(monteCarlo) }
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Omega optimize: \(escape(plan.strategy.name))</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1100px}
            table{border-collapse:collapse;margin:1em 0}td,th{padding:.25em .6em;border-bottom:1px solid #ddd;text-align:right}
            th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}.warn{color:#a40;font-weight:bold}
            svg text{font-size:11px;font-family:system-ui,sans-serif}.sub{color:#5c6578;font-size:13px}
            </style></head><body>
            \(body)</body></html>

            """
    }

    /// A grid of cells coloured by the objective when the search had exactly two dimensions with values.
    static func heatMap(_ outcome: OptimizationOutcome) -> String? {
        let plan = outcome.plan
        guard plan.dimensions.count == 2, case .list(let xs) = plan.dimensions[0].values,
            case .list(let ys) = plan.dimensions[1].values, xs.count * ys.count <= 40_000
        else { return nil }
        var scores: [String: Trial] = [:]
        for trial in outcome.trials { scores[trial.candidate.searched.joined(separator: "\u{1}")] = trial }
        let ranked = outcome.trials.filter(\.isRanked).compactMap(\.score)
        guard let low = ranked.min(), let high = ranked.max() else { return nil }
        let cell = max(4.0, min(28.0, 640.0 / Double(max(xs.count, ys.count))))
        let left = 60.0
        let top = 10.0
        let plotWidth = cell * Double(xs.count)
        let plotHeight = cell * Double(ys.count)
        // Room on the right for the colour legend, below for the axis name.
        let legendX = left + plotWidth + 24
        let width = legendX + 90
        let height = top + max(plotHeight, 120) + 40
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(height))\">\n"
        for (column, x) in xs.enumerated() {
            for (row, y) in ys.enumerated() {
                let trial = scores[x + "\u{1}" + y]
                let color: String
                var title = "\(plan.dimensions[0].name)=\(x) \(plan.dimensions[1].name)=\(y): "
                if let trial, trial.isRanked, let score = trial.score {
                    color = Self.color(score, low: low, high: high)
                    title +=
                        "\(outcome.objective) \(DisplayFormat.fixed2(score)), return \(DisplayFormat.percent(trial.summary.totalReturn)), \(DisplayFormat.count(trial.summary.tradeCount, "trade"))"
                } else {
                    color = "#eeeeee"
                    title += trial == nil ? "refused by the strategy" : "not ranked (\(trial?.violation ?? "no score"))"
                }
                let px = left + Double(column) * cell
                let py = top + Double(ys.count - 1 - row) * cell
                svg +=
                    "<rect x=\"\(f(px))\" y=\"\(f(py))\" width=\"\(f(cell))\" height=\"\(f(cell))\" fill=\"\(color)\"><title>\(escape(title))</title></rect>\n"
            }
        }
        let labelEvery = max(1, Int((30 / cell).rounded(.up)))
        for (column, x) in xs.enumerated() where column % labelEvery == 0 {
            svg +=
                "<text x=\"\(f(left + (Double(column) + 0.5) * cell))\" y=\"\(f(top + cell * Double(ys.count) + 14))\" text-anchor=\"middle\">\(escape(x))</text>\n"
        }
        for (row, y) in ys.enumerated() where row % labelEvery == 0 {
            svg +=
                "<text x=\"\(f(left - 6))\" y=\"\(f(top + Double(ys.count - 1 - row) * cell + cell / 2 + 4))\" text-anchor=\"end\">\(escape(y))</text>\n"
        }
        // Axis names: the first parameter along the bottom, the second up the left side.
        svg +=
            "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(top + plotHeight + 32))\" text-anchor=\"middle\">\(escape(plan.dimensions[0].name)) →</text>\n"
        svg +=
            "<text transform=\"translate(14 \(f(top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">\(escape(plan.dimensions[1].name)) →</text>\n"
        // The colour legend: the objective from its highest (top) to its lowest ranked value.
        let legendHeight = max(plotHeight, 120)
        let steps = 20
        for step in 0..<steps {
            let value = high - (high - low) * (Double(step) + 0.5) / Double(steps)
            svg +=
                "<rect x=\"\(f(legendX))\" y=\"\(f(top + legendHeight * Double(step) / Double(steps)))\" width=\"14\" height=\"\(f(legendHeight / Double(steps) + 0.5))\" fill=\"\(Self.color(value, low: low, high: high))\"/>\n"
        }
        for (fraction, value) in [(0.0, high), (0.5, (low + high) / 2), (1.0, low)] {
            svg +=
                "<text x=\"\(f(legendX + 20))\" y=\"\(f(top + legendHeight * fraction + (fraction == 0 ? 8 : fraction == 1 ? 0 : 4)))\">\(DisplayFormat.fixed2(value))</text>\n"
        }
        svg +=
            "<text x=\"\(f(legendX))\" y=\"\(f(top + legendHeight + 16))\">\(escape(outcome.objective.rawValue))</text>\n"
        return svg + "</svg>\n<p class=\"sub\">Colour: \(escape(outcome.objective.rawValue)) of each ranked run, from "
            + "\(DisplayFormat.fixed2(low)) (red) to \(DisplayFormat.fixed2(high)) (green); grey: refused by the strategy or "
            + "not ranked. Hover a cell for its figures.</p>"
    }

    /// Red (low) through yellow to green (high).
    static func color(_ value: Double, low: Double, high: Double) -> String {
        let t = high > low ? (value - low) / (high - low) : 1
        let red = t < 0.5 ? 220 : Int(220 - (t - 0.5) * 2 * 180)
        let green = t < 0.5 ? Int(60 + t * 2 * 160) : 200
        return "rgb(\(red),\(green),60)"
    }

    static func rankedTable(_ outcome: OptimizationOutcome) -> String {
        let plan = outcome.plan
        var html = "<table><tr><th>rank</th>" + plan.dimensions.map { "<th>\(escape($0.name))</th>" }.joined()
        html +=
            "<th>\(outcome.objective)</th><th>return</th><th>max DD</th><th>Sharpe</th><th>trades</th><th>win rate</th></tr>\n"
        for (position, trial) in outcome.ranked.prefix(25).enumerated() where trial.isRanked {
            html += "<tr><td>\(position + 1)</td>" + trial.candidate.searched.map { "<td>\(escape($0))</td>" }.joined()
            html += "<td>\(number(trial.score))</td><td>\(DisplayFormat.percent(trial.summary.totalReturn))</td>"
            html +=
                "<td>\(DisplayFormat.percent(trial.summary.maxDrawdown))</td><td>\(number(trial.summary.sharpe))</td>"
            html +=
                "<td>\(trial.summary.tradeCount)</td><td>\(trial.summary.winRate.map(DisplayFormat.percent) ?? "–")</td></tr>\n"
        }
        return html + "</table>\n"
    }

    static func walkForwardTable(_ result: WalkForward.Result, plan: SearchPlan) -> String {
        var html = "<table><tr><th>window</th><th>train</th><th>test</th><th>best parameters</th><th>in-sample</th>"
        html += "<th>out-of-sample</th><th>OOS return</th><th>OOS trades</th></tr>\n"
        for window in result.windows {
            html += "<tr><td>\(window.window.index + 1)</td>"
            html +=
                "<td>\(window.window.trainStart.description.prefix(10)) – \(window.window.trainEnd.description.prefix(10))</td>"
            html +=
                "<td>\(window.window.trainEnd.description.prefix(10)) – \(window.window.testEnd.description.prefix(10))</td>"
            html +=
                "<td>\(escape(window.inSample.map { OptimizationOutcome.label($0, plan: plan) } ?? "none ranked"))</td>"
            html += "<td>\(number(window.inSample?.score))</td><td>\(number(window.outOfSample?.score))</td>"
            html += "<td>\(window.outOfSample.map { DisplayFormat.percent($0.summary.totalReturn) } ?? "–")</td>"
            html += "<td>\(window.outOfSample.map { "\($0.summary.tradeCount)" } ?? "–")</td></tr>\n"
        }
        let combined = result.combined
        html +=
            "</table>\n<p>Out of sample, stitched: return \(DisplayFormat.percent(combined.totalReturn)), max drawdown "
        html +=
            "\(DisplayFormat.percent(combined.maxDrawdown)), \(DisplayFormat.count(combined.trades, "trade"))"
            + (combined.closedAtWindowEnd > 0
                ? " (\(combined.closedAtWindowEnd) of them positions closed at a window's end)" : "")
            + ", profit factor \(number(combined.profitFactor)); "
        html += "walk-forward efficiency \(combined.efficiency.map(DisplayFormat.percent) ?? "–").</p>\n"
        return html
    }

    static func monteCarloTable(_ summary: MonteCarlo.Summary) -> String {
        var html =
            "<p>\(DisplayFormat.count(summary.simulations, "simulation")) of \(DisplayFormat.count(summary.trades, "trade")), seed \(summary.seed); "
            + "in their order the trades compound to \(DisplayFormat.percent(summary.inOrderReturn)).</p>\n"
        html += "<table><tr><th></th><th>p5</th><th>p25</th><th>p50</th><th>p75</th><th>p95</th></tr>\n"
        func row(_ name: String, _ value: MonteCarlo.Percentiles, _ format: (Double) -> String) {
            html +=
                "<tr><td>\(name)</td>"
                + [value.p5, value.p25, value.p50, value.p75, value.p95].map { "<td>\(format($0))</td>" }.joined()
                + "</tr>\n"
        }
        row("max drawdown, reshuffled", summary.reshuffledMaxDrawdown, DisplayFormat.percent)
        row("max drawdown, bootstrap", summary.bootstrapMaxDrawdown, DisplayFormat.percent)
        row("final equity, bootstrap", summary.bootstrapFinalEquity, DisplayFormat.money)
        return html + "</table>\n"
    }

    static func number(_ value: Double?) -> String { value.map(DisplayFormat.fixed2) ?? "–" }

    static func f(_ value: Double) -> String {
        abs(value) < 1e12 ? String(Double(Int((value * 10).rounded())) / 10) : value.description
    }

    static func escape(_ text: String) -> String { HTML.escape(text) }
}
