import TradingCore
import TradingEngine
import TradingReports

/// A self-contained HTML report: metrics, equity, drawdown and price charts as inline SVG (entries and
/// exits marked), and the trade list. It loads nothing from the network.
public enum HTMLReport {
    /// The report as one HTML document.
    public static func render(_ result: BacktestResult, run: RunDescription) -> String {
        let summary = result.summary
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(run.title))</title>
            <style>
            body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:24px auto;max-width:1100px;color:#1d2330;background:#fafbfc}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px}.sub{color:#5c6578;font-size:13px}
            .cards{display:flex;flex-wrap:wrap;gap:10px;margin:16px 0}.card{background:#fff;border:1px solid #e3e6ec;border-radius:6px;padding:10px 14px;min-width:140px}
            .card .k{font-size:11px;color:#5c6578;text-transform:uppercase;letter-spacing:.04em}.card .v{font-size:20px;font-weight:600}
            .pos{color:#137333}.neg{color:#b3261e}
            table{border-collapse:collapse;font-size:12px;background:#fff;width:100%}td,th{border:1px solid #e3e6ec;padding:4px 8px;text-align:right}
            th{background:#f1f3f6}td.l,th.l{text-align:left}.grid{display:grid;grid-template-columns:1fr 1fr;gap:16px}
            svg{background:#fff;border:1px solid #e3e6ec;border-radius:6px;width:100%;height:auto}
            .axis{font-size:11px;fill:#5c6578}
            .legend{font-size:12px;margin:0 0 4px}.legend span{margin-right:14px}.legend i{display:inline-block;width:12px;height:3px;margin:0 5px 3px 0;vertical-align:middle}
            .legend button{font-size:12px;margin-left:4px;padding:0 8px}.candle-chart{cursor:grab;user-select:none}
            </style></head><body>
            <h1>\(escape(run.title))</h1>
            <div class="sub">\(escape(run.strategy))(\(escape(run.parameters.map { "\($0.0)=\($0.1)" }.joined(separator: ", "))))
             · \(escape(run.data.joined(separator: ", ")))<br>\(summary.startTime.iso8601) → \(summary.endTime.iso8601)
             · \(result.barCount) bars, \(result.eventCount) events · audit \(result.auditDigest)</div>
            <div class="cards">
            """
        func card(_ key: String, _ value: String, sign: Double? = nil) {
            let tone = sign.map { $0 > 0 ? " pos" : $0 < 0 ? " neg" : "" } ?? ""
            html +=
                "<div class=\"card\"><div class=\"k\">\(escape(key))</div><div class=\"v\(tone)\">\(escape(value))</div></div>\n"
        }
        card("Total return", percent(summary.totalReturn), sign: summary.totalReturn)
        card("CAGR", percent(summary.cagr), sign: summary.cagr)
        card("Max drawdown", percent(summary.maxDrawdown))
        card("Sharpe", number(summary.sharpe))
        card("Trades", String(summary.tradeCount))
        card("Win rate", summary.winRate.map(percent) ?? "–")
        card("Final equity", "\(money(summary.finalEquity.doubleValue)) \(summary.accountCurrency.code)")
        if let holding = result.buyAndHold.totalReturn {
            card("Buy and hold", percent(holding), sign: holding)
        }
        html += "</div>\n<h2>Equity</h2>\n"
        html += equityChart(result)
        html += "<h2>Drawdown</h2>\n"
        html += drawdownChart(result.equityCurve)
        if result.priceSeries.count > 1, let instrument = result.instruments.first {
            let trades = result.trades.filter { $0.instrument.value == 0 }
            html += "<h2>Price \(escape(instrument.id.description)) with entries and exits</h2>\n"
            html += priceChart(result, instrument: instrument, trades: trades).html + CandleChart.script
        }
        html += "<div class=\"grid\"><div><h2>Metrics</h2><table>\n"
        for (key, value) in metricRows(result) {
            html += "<tr><td class=\"l\">\(escape(key))</td><td>\(escape(value))</td></tr>\n"
        }
        html += "</table></div><div><h2>Settings</h2><table>\n"
        for (key, value) in run.settings + run.parameters.map({ ("param \($0.0)", $0.1) }) {
            html += "<tr><td class=\"l\">\(escape(key))</td><td>\(escape(value))</td></tr>\n"
        }
        html += "</table></div></div>\n"
        html += breakdownTables(result)
        html += tradeTable(result)
        html += "</body></html>\n"
        return html
    }

    public static func write(_ result: BacktestResult, run: RunDescription, to path: String) throws(BacktestError) {
        do {
            try OutputFile.write(render(result, run: run), to: path)
        } catch {
            throw .output(error.description)
        }
    }

    // MARK: Tables

    static func metricRows(_ result: BacktestResult) -> [(String, String)] {
        let s = result.summary
        let currency = s.accountCurrency.code
        return [
            ("Initial equity", "\(money(s.initialEquity.doubleValue)) \(currency)"),
            ("Final equity", "\(money(s.finalEquity.doubleValue)) \(currency)"),
            ("Total return", percent(s.totalReturn)),
            ("CAGR", percent(s.cagr)),
            ("Annual volatility", s.annualVolatility.map(percent) ?? "–"),
            ("Max drawdown", percent(s.maxDrawdown)),
            ("Max drawdown duration", duration(s.maxDrawdownDuration)),
            ("Sharpe (\(s.returnsDescription))", number(s.sharpe)),
            ("Sortino", number(s.sortino)),
            ("Calmar", number(s.calmar)),
            ("Trades", String(s.tradeCount)),
            ("Win rate", s.winRate.map(percent) ?? "–"),
            ("Profit factor", number(s.profitFactor)),
            ("Average win", s.averageWin.map(money) ?? "–"),
            ("Average loss", s.averageLoss.map(money) ?? "–"),
            ("Expectancy", s.expectancy.map(money) ?? "–"),
            ("Best trade", s.bestTrade.map(money) ?? "–"),
            ("Worst trade", s.worstTrade.map(money) ?? "–"),
            ("Exposure time", percent(s.exposure)),
            ("Average trade duration", s.averageTradeDuration.map(duration) ?? "–"),
            ("Buy and hold", result.buyAndHoldText),
            ("Gross PnL / fees / funding / net", result.pnlText),
            ("Longest losing streak", String(s.longestLosingStreak)),
            ("Liquidations", String(s.liquidations)),
            (
                "Orders / fills / denied / rejected",
                "\(result.orderCount) / \(result.fillCount) / \(result.deniedCount) / \(result.rejectedCount)"
            ),
            ("Trading state", result.tradingStateSummary),
        ] + s.sampleWarnings.map { ("Small sample", $0) }
    }

    /// The trades by instrument, by exit reason and by month of exit.
    static func breakdownTables(_ result: BacktestResult) -> String {
        guard !result.trades.isEmpty else { return "" }
        var html = "<h2>Breakdowns</h2>\n<div class=\"grid\">"
        for key in [TradeBreakdown.Key.instrument, .exitReason, .month] {
            let breakdown = TradeBreakdown(result.trades, by: key, instruments: result.instruments)
            let name = ["instrument": "instrument", "exit_reason": "exit reason", "month": "month of exit"][
                key.rawValue
            ]
            html +=
                "<div><table><tr><th class=\"l\">\(escape(name ?? key.rawValue))</th><th>trades</th><th>win rate</th>"
            html += "<th>avg return</th><th>net PnL</th><th>fees</th></tr>\n"
            for row in breakdown.rows.suffix(key == .month ? 36 : 50) {
                html +=
                    "<tr><td class=\"l\">\(escape(row.label))</td><td>\(row.trades)</td><td>\(percent(row.winRate))</td>"
                html +=
                    "<td>\(percent(row.averageReturn))</td><td>\(money(row.netPnL))</td><td>\(money(row.fees))</td></tr>\n"
            }
            html += "</table></div>"
        }
        return html + "</div>\n"
    }

    static func tradeTable(_ result: BacktestResult) -> String {
        let limit = 500
        var html =
            "<h2>Trades (\(result.trades.count)\(result.trades.count > limit ? ", last \(limit) shown" : ""))</h2>\n<table>\n"
        html +=
            "<tr><th class=\"l\">#</th><th class=\"l\">instrument</th><th class=\"l\">side</th><th class=\"l\">entry</th><th>entry price</th>"
        html +=
            "<th class=\"l\">exit</th><th>exit price</th><th>quantity</th><th>net PnL</th><th>return</th><th class=\"l\">exit tag</th></tr>\n"
        let start = max(0, result.trades.count - limit)
        for index in start..<result.trades.count {
            let trade = result.trades[index]
            let pnl = FixedPoint.toDouble(trade.netRaw)
            html +=
                "<tr><td class=\"l\">\(index + 1)</td><td class=\"l\">\(escape(result.instruments[trade.instrument.int].id.description))</td>"
            html +=
                "<td class=\"l\">\(trade.side.rawValue)</td><td class=\"l\">\(trade.entryTime.iso8601)</td><td>\(trade.entryPrice)</td>"
            html +=
                "<td class=\"l\">\(trade.exitTime.iso8601)</td><td>\(trade.exitPrice)</td><td>\(trade.quantity.formatted(decimals: 8))</td>"
            html +=
                "<td class=\"\(pnl >= 0 ? "pos" : "neg")\">\(money(pnl))</td><td>\(percent(trade.returnFraction))</td>"
            html += "<td class=\"l\">\(escape(trade.exitTag?.string ?? ""))</td></tr>\n"
        }
        return html + "</table>\n"
    }

    // MARK: Charts

    /// The chart frame over `points`, with the values' range unless `low` or `high` fix it.
    private static func frame(
        _ points: [SeriesDownsampler.Point],
        height: Double,
        low: Double? = nil,
        high: Double? = nil
    )
        -> TimeChart
    {
        let times = (points.first?.time ?? 0)...(max(points.first?.time ?? 0, points.last?.time ?? 1))
        let v0 = low ?? points.map(\.low).filter(\.isFinite).min() ?? 0
        let v1 = high ?? points.map(\.high).filter(\.isFinite).max() ?? 1
        let exact = low != nil || high != nil
        return TimeChart(times: times, values: v0...max(v0, v1), height: height, exact: exact)
    }

    /// The strategy's equity with the buy-and-hold line (the same initial equity in every instrument, equal
    /// parts) and a legend.
    private static func equityChart(_ result: BacktestResult) -> String {
        let points = result.equityCurve
        guard points.count > 1 else { return "<p class=\"sub\">Not enough samples to chart.</p>\n" }
        let initial = result.summary.initialEquity.doubleValue
        let holding = result.buyAndHold.curve.map {
            SeriesDownsampler.Point(
                time: $0.time,
                last: $0.last * initial,
                low: $0.low * initial,
                high: $0.high * initial
            )
        }
        let chart = frame(points + holding.filter { $0.time >= points[0].time }, height: 260)
        var svg = chart.open(format: compact)
        if holding.count > 1 {
            svg += chart.polyline(holding.map { ($0.time, $0.last) }, color: "#9aa0a6", width: 1)
        }
        svg += chart.polyline(points.map { ($0.time, $0.last) }, color: "#1a73e8") + "</svg>\n"
        var legend = "<div class=\"legend\"><span><i style=\"background:#1a73e8\"></i>strategy</span>"
        if holding.count > 1 {
            legend += "<span><i style=\"background:#9aa0a6\"></i>buy and hold</span>"
        }
        return legend + "</div>\n" + svg
    }

    private static func drawdownChart(_ points: [SeriesDownsampler.Point]) -> String {
        guard points.count > 1 else { return "" }
        var peak = -Double.infinity
        var series: [SeriesDownsampler.Point] = []
        for point in points {
            peak = max(peak, point.high)
            let drawdown = peak > 0 ? -(peak - point.low) / peak * 100 : 0
            series.append(SeriesDownsampler.Point(time: point.time, last: drawdown, low: drawdown, high: drawdown))
        }
        let minimum = min(series.map(\.low).min() ?? -1, -0.01)
        let chart = frame(series, height: 160, low: minimum, high: 0)
        return chart.open { String(format2($0)) + " %" }
            + chart.area(series.map { ($0.time, $0.low) }, base: 0, fill: "#f4c7c3", stroke: "#b3261e") + "</svg>\n"
    }

    /// The first instrument's price as candles (each the closes of the bars in one chart bucket), the
    /// configured indicator lines and the trades.
    static func priceChart(_ result: BacktestResult, instrument: Instrument, trades: [TradeRecord]) -> CandleChart {
        let candles = result.priceSeries.map {
            CandleChart.Candle(time: $0.time, open: $0.first, high: $0.high, low: $0.low, close: $0.last)
        }
        let lines = result.overlaySeries.map {
            CandleChart.Line(name: $0.overlay.name, color: $0.overlay.color, values: $0.values)
        }
        let marks = trades.map {
            CandleChart.Trade(
                entryTime: $0.entryTime.nanoseconds,
                entryPrice: $0.entryPrice.doubleValue,
                exitTime: $0.exitTime.nanoseconds,
                exitPrice: $0.exitPrice.doubleValue,
                long: $0.side == .long
            )
        }
        let typical = candles.last?.close ?? 1
        let decimals = min(instrument.pricePrecision, typical >= 1_000 ? 2 : typical >= 10 ? 3 : typical >= 1 ? 4 : 6)
        return CandleChart(id: "price", candles: candles, lines: lines, trades: marks, decimals: decimals)
    }

    // MARK: Formatting

    static func escape(_ text: String) -> String { HTML.escape(text) }

    static func f(_ value: Double) -> String { HTML.coordinate(value) }

    static func format2(_ value: Double) -> String { DisplayFormat.fixed2(value) }

    static func percent(_ value: Double) -> String { DisplayFormat.percent(value) }

    static func number(_ value: Double?) -> String { value.map(format2) ?? "–" }

    static func money(_ value: Double) -> String { DisplayFormat.money(value) }

    static func compact(_ value: Double) -> String {
        abs(value) >= 1_000 ? money(value).replacing(".00", with: "") : format2(value)
    }

    static func duration(_ duration: Duration) -> String { DisplayFormat.duration(duration) }
}
