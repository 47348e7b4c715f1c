public import TradingBacktest
public import TradingCore
import TradingMarketData
import TradingReports

/// Text and files for a farm run: the leaderboard table, per-bot trade lists, the psychology timeline
/// and the HTML report.
public enum FarmReport {
    /// The leaderboard as an aligned text table, with the farm total.
    public static func leaderboardTable(_ board: Leaderboard) -> String {
        let header = [
            "rank", "bot", "persona", "instrument", "return", "hold", "fees", "sharpe", "max dd", "win rate", "pf",
            "trades", "emotion", "confidence",
        ]
        var table = TextTable(header: header, leftAligned: [0, 1, 2, 3, 12])
        for (index, bot) in board.standings.enumerated() {
            table.append([
                String(index + 1), bot.name, bot.personaName, bot.instrument, DisplayFormat.percent(bot.totalReturn),
                bot.buyAndHold.map(DisplayFormat.percent) ?? "–", DisplayFormat.money(bot.fees),
                bot.sharpe.map(DisplayFormat.fixed2) ?? "–", DisplayFormat.percent(bot.maxDrawdown),
                bot.winRate.map(DisplayFormat.percent) ?? "–", bot.profitFactor.map(DisplayFormat.fixed2) ?? "–",
                String(bot.trades), bot.emotion.rawValue, DisplayFormat.fixed2(bot.confidence),
            ])
        }
        let farmReturn = board.farmInitialEquity > 0 ? board.farmFinalEquity / board.farmInitialEquity - 1 : 0
        table.footer = [
            [
                "", "FARM", "", "", DisplayFormat.percent(farmReturn),
                board.farmBuyAndHold.map(DisplayFormat.percent) ?? "–",
                DisplayFormat.money(board.farmFees), board.farmSharpe.map(DisplayFormat.fixed2) ?? "–",
                DisplayFormat.percent(board.farmMaxDrawdown), "", "", String(board.farmTrades), "", "",
            ]
        ]
        var text = table.text
        text +=
            "Farm equity \(DisplayFormat.money(board.farmInitialEquity)) → \(DisplayFormat.money(board.farmFinalEquity))"
        text += "; hold = buying the bot's instrument at the start and holding it (the farm: equal parts of each)\n"
        return text
    }

    /// Each bot's PnL broken out: gross, fees, funding and net, in the account currency.
    public static func pnlTable(_ board: Leaderboard, currency: String) -> String {
        let header = ["PnL (\(currency))", "gross", "fees", "funding", "net"]
        var table = TextTable(header: header)
        for bot in board.standings {
            table.append([
                bot.name, DisplayFormat.money(bot.grossPnL), DisplayFormat.money(-bot.fees),
                DisplayFormat.money(bot.funding), DisplayFormat.money(bot.netPnL),
            ])
        }
        let fees = board.standings.reduce(0) { $0 + $1.fees }
        let funding = board.standings.reduce(0) { $0 + $1.funding }
        let net = board.standings.reduce(0) { $0 + $1.netPnL }
        table.footer = [
            [
                "bots", DisplayFormat.money(net + fees - funding), DisplayFormat.money(-fees),
                DisplayFormat.money(funding), DisplayFormat.money(net),
            ]
        ]
        return table.text
    }

    /// The built-in market's regimes: each phase's dates and each instrument's move, then each bot's return
    /// over each phase (its equity at the phase's end over its start); empty on data files.
    public static func regimeTables(_ result: FarmResult) -> String {
        guard let market = marketRegimeTable(result), let bots = botRegimeTable(result) else { return "" }
        return "Market regimes (the built-in market):\n" + market.text + "\nBy regime:\n" + bots.text
    }

    static func marketRegimeTable(_ result: FarmResult) -> TextTable? {
        guard let first = result.phases.first else { return nil }
        var market = TextTable(header: ["regime", "from", "to"] + first.moves.map(\.symbol), leftAligned: [0, 1, 2])
        for phase in result.phases {
            market.append(
                [phase.regime.rawValue, DisplayFormat.minute(phase.start), DisplayFormat.minute(phase.end)]
                    + phase.moves.map { DisplayFormat.percent($0.move) }
            )
        }
        return market
    }

    static func botRegimeTable(_ result: FarmResult) -> TextTable? {
        guard !result.phases.isEmpty else { return nil }
        var bots = TextTable(header: ["bot (return)"] + result.phases.map(\.regime.rawValue), leftAligned: [0])
        for bot in result.bots {
            let equities = [bot.capital.doubleValue] + bot.checkpointEquity + [bot.equity]
            let returns = result.phases.indices.map { index -> String in
                guard index + 1 < equities.count, equities[index] > 0 else { return "–" }
                return DisplayFormat.percent(equities[index + 1] / equities[index] - 1)
            }
            bots.append([bot.name] + returns)
        }
        return bots
    }

    /// The fill of a regime's band on the equity chart.
    static func regimeFill(_ regime: MarketRegime) -> String {
        switch regime {
        case .up: "rgba(46,160,67,0.08)"
        case .down: "rgba(215,58,73,0.08)"
        case .sideways: "rgba(120,120,120,0.05)"
        case .crash: "rgba(215,58,73,0.22)"
        case .squeeze: "rgba(46,160,67,0.22)"
        }
    }

    /// One bot's trades as CSV: the backtest's trade list (``TradeList``), then the bot, its leverage, the
    /// return on the bot's equity at entry and its emotion at entry and exit.
    public static func tradesCSV(_ bot: PersonaBot) -> String {
        var text = (TradeList.header + extraHeader).joined(separator: ",") + "\n"
        guard let instrument = bot.tradedInstrument else { return text }
        for trade in bot.trades {
            let row = tradeRow(trade, instrument: instrument, entryTag: bot.profile.preset.displayName)
            let extra = [
                bot.name, "\(trade.leverage)", JSONValue.double(trade.returnFraction).serialized(),
                trade.emotionAtEntry.rawValue, trade.emotionAtExit.rawValue,
            ]
            text += (row.fields + extra).joined(separator: ",") + "\n"
        }
        return text
    }

    /// Every bot's round trips as trade-list rows, in order of exit.
    public static func tradeRows(_ result: FarmResult) -> [TradeList.Row] {
        var rows: [TradeList.Row] = []
        for bot in result.bots {
            guard let instrument = bot.tradedInstrument else { continue }
            rows += bot.trades.map { tradeRow($0, instrument: instrument, entryTag: bot.profile.preset.displayName) }
        }
        return rows.sorted { $0.exitTime < $1.exitTime }
    }

    /// The farm's columns after the trade list's.
    public static let extraHeader = ["bot", "leverage", "equity_return", "emotion_at_entry", "emotion_at_exit"]

    /// A bot's round trip as a trade-list row (the entry tag: its persona in the farm's list).
    public static func tradeRow(_ trade: BotTrade, instrument: Instrument, entryTag: String? = nil) -> TradeList.Row {
        TradeList.Row(
            instrument: instrument,
            side: trade.side,
            entryTime: trade.entryTime,
            entryPrice: trade.entryPrice,
            exitTime: trade.exitTime,
            exitPrice: trade.exitPrice,
            quantity: trade.quantity,
            grossRaw: trade.pnl.raw + trade.feesRaw - trade.fundingRaw,
            feesRaw: trade.feesRaw,
            fundingRaw: trade.fundingRaw,
            netRaw: trade.pnl.raw,
            entryNotionalRaw: trade.entryNotionalRaw,
            entryTag: entryTag,
            exitReason: trade.exitReason
        )
    }

    /// Every bot's psychology timeline as CSV.
    public static func timelineCSV(_ bots: [PersonaBot]) -> String {
        var text = "bot,time,emotion,confidence,stress,fatigue,risk_tolerance\n"
        for bot in bots {
            for point in bot.timeline {
                text += "\(bot.name),\(point.time.iso8601),\(point.emotion.rawValue),\(rounded(point.confidence)),"
                text += "\(rounded(point.stress)),\(rounded(point.fatigue)),\(rounded(point.riskTolerance))\n"
            }
        }
        return text
    }

    static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }

    /// A self-contained HTML report (inline SVG, no scripts or CDN): the leaderboard, the equity curves of
    /// every bot (as returns on its capital) and of the farm, each bot's trades by side (long, short) and its
    /// last trades, and each bot's emotion timeline.
    public static func html(_ result: FarmResult) -> String {
        let board = Leaderboard(result)
        let colors = [
            "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
            "#17becf",
        ]
        var series: [(name: String, color: String, points: [(Int64, Double)])] = []
        for (index, bot) in result.bots.enumerated() {
            let capital = bot.capital.doubleValue
            series.append(
                (
                    bot.name, colors[index % colors.count],
                    bot.equityCurve.points.map { ($0.time, capital > 0 ? $0.last / capital - 1 : 0) }
                )
            )
        }
        let initial = result.backtest.summary.initialEquity.doubleValue
        series.append(
            ("FARM", "#000000", result.backtest.equityCurve.map { ($0.time, initial > 0 ? $0.last / initial - 1 : 0) })
        )
        let farmSpan = series.last?.points
        let holding = result.backtest.buyAndHold.curve
        if holding.count > 1 { series.append(("buy and hold", "#9aa0a6", holding.map { ($0.time, $0.last - 1) })) }
        var html = """
            <!doctype html><html><head><meta charset="utf-8"><title>Omega farm: \(HTML.escape(result.configuration.name))</title>
            <style>body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse}td,th{padding:4px 10px;border-bottom:1px solid #ddd;text-align:right}td:nth-child(-n+3),th:nth-child(-n+3){text-align:left}
            svg{max-width:1000px;width:100%;height:auto}.axis{font-size:11px;fill:#5c6578}
            .legend span{margin-right:14px;font-size:12px}.legend i{display:inline-block;width:12px;height:10px;margin-right:5px}</style>
            </head><body><h1>Omega farm: \(HTML.escape(result.configuration.name))</h1>
            <p>Data: \(HTML.escape(result.dataNames.joined(separator: ", "))). Cosmic factors \(result.cosmicEnabled ? "on" : "off").</p>
            <p>Trading state: \(HTML.escape(result.backtest.tradingStateSummary)).</p>
            \(result.backtest.summary.sampleWarnings.map { "<p>Small sample: \(HTML.escape($0)).</p>" }.joined())
            <h2>Leaderboard</h2><table><tr><th>#</th><th>bot</th><th>persona</th><th>return</th><th>buy and hold</th><th>fees</th><th>Sharpe</th><th>max DD</th><th>win rate</th><th>PF</th><th>trades</th><th>emotion</th></tr>
            """
        for (index, bot) in board.standings.enumerated() {
            html +=
                "<tr><td>\(index + 1)</td><td>\(HTML.escape(bot.name))</td><td>\(HTML.escape(bot.personaName))</td><td>\(DisplayFormat.percent(bot.totalReturn))</td>"
            html +=
                "<td>\(bot.buyAndHold.map(DisplayFormat.percent) ?? "–")</td><td>\(DisplayFormat.money(bot.fees))</td>"
            html +=
                "<td>\(bot.sharpe.map(DisplayFormat.fixed2) ?? "–")</td><td>\(DisplayFormat.percent(bot.maxDrawdown))</td>"
            html +=
                "<td>\(bot.winRate.map(DisplayFormat.percent) ?? "–")</td><td>\(bot.profitFactor.map(DisplayFormat.fixed2) ?? "–")</td>"
            html += "<td>\(bot.trades)</td><td>\(bot.emotion.rawValue)</td></tr>"
        }
        html += "</table><h2>PnL by bot (\(HTML.escape(result.backtest.summary.accountCurrency.code)))</h2>"
        html += "<table><tr><th>bot</th><th>gross</th><th>fees</th><th>funding</th><th>net</th></tr>"
        for bot in board.standings {
            html += "<tr><td>\(HTML.escape(bot.name))</td><td>\(DisplayFormat.money(bot.grossPnL))</td>"
            html += "<td>\(DisplayFormat.money(-bot.fees))</td><td>\(DisplayFormat.money(bot.funding))</td>"
            html += "<td>\(DisplayFormat.money(bot.netPnL))</td></tr>"
        }
        html += "</table><h2>Equity (return on capital)</h2>" + lineChart(series, phases: result.phases)
        html += "<h3>Farm drawdown</h3>" + drawdownChart(result.backtest.equityCurve)
        if let market = marketRegimeTable(result), let bots = botRegimeTable(result) {
            html += "<h2>Market regimes</h2><p>The built-in market goes through these phases (shaded on the chart).</p>"
            html += market.html + "<h3>Each bot's return by regime</h3>" + bots.html
        }
        let rows = tradeRows(result)
        if !rows.isEmpty {
            let currency = result.backtest.summary.accountCurrency.code
            html +=
                "<h2>Trades by instrument</h2>"
                + TradeBreakdown(rows: rows, by: .instrument).textTable(currency: currency).html
            html +=
                "<h2>Trades by exit reason</h2>"
                + TradeBreakdown(rows: rows, by: .exitReason).textTable(currency: currency).html
            html +=
                "<h2>Trades by week of exit</h2>"
                + TradeBreakdown(rows: rows, by: .week).textTable(currency: currency).html
        }
        html += tradesBySide(result.bots) + lastTrades(result.bots) + "<h2>Emotion timelines</h2>"
        for bot in result.bots {
            html +=
                "<h3>\(HTML.escape(bot.name))</h3>"
                + emotionStrip(bot, start: farmSpan?.first?.0, end: farmSpan?.last?.0)
        }
        return html + "</body></html>\n"
    }

    /// Each bot's round trips by side: count, win rate, PnL, and the leverage used (on spot all are long, 1×).
    static func tradesBySide(_ bots: [PersonaBot]) -> String {
        var html = "<h2>Trades by side</h2><table><tr><th>bot</th><th>side</th><th>leverage</th><th>trades</th>"
        html += "<th>win rate</th><th>PnL</th><th>liquidations</th></tr>"
        for bot in bots {
            for side in [PositionSide.long, .short] {
                let trades = bot.trades.filter { $0.side == side }
                guard !trades.isEmpty else { continue }
                let wins = trades.filter { $0.pnl.raw > 0 }.count
                let pnl = trades.reduce(Int128(0)) { $0 + $1.pnl.raw }
                let leverages = trades.map(\.leverage.doubleValue)
                let leverage =
                    leverages.min() == leverages.max()
                    ? "\(DisplayFormat.fixed2(leverages[0]))×"
                    : "\(DisplayFormat.fixed2(leverages.min() ?? 1))–\(DisplayFormat.fixed2(leverages.max() ?? 1))×"
                let liquidations = trades.filter { $0.exitReason == "liquidation" }.count
                html += "<tr><td>\(HTML.escape(bot.name))</td><td>\(side.rawValue)</td><td>\(leverage)</td>"
                html += "<td>\(trades.count)</td><td>\(DisplayFormat.percent(Double(wins) / Double(trades.count)))</td>"
                html +=
                    "<td>\(DisplayFormat.money(FixedPoint.toDoubleApproximately(pnl)))</td><td>\(liquidations)</td></tr>"
            }
        }
        return html + "</table>"
    }

    /// Each bot's last round trips, newest first (the full lists are the `--trades-dir` CSVs).
    static func lastTrades(_ bots: [PersonaBot], count: Int = 5) -> String {
        var html = "<h2>Last trades</h2><table><tr><th>bot</th><th>side</th><th>leverage</th><th>entry</th>"
        html +=
            "<th>entry price</th><th>exit</th><th>exit price</th><th>PnL</th><th>return</th><th>exit reason</th></tr>"
        for bot in bots {
            for trade in bot.trades.suffix(count).reversed() {
                html += "<tr><td>\(HTML.escape(bot.name))</td><td>\(trade.side.rawValue)</td>"
                html +=
                    "<td>\(DisplayFormat.fixed2(trade.leverage.doubleValue))×</td><td>\(trade.entryTime.iso8601)</td>"
                let entry = bot.tradedInstrument.map { $0.format(price: trade.entryPrice) } ?? "\(trade.entryPrice)"
                let exit = bot.tradedInstrument.map { $0.format(price: trade.exitPrice) } ?? "\(trade.exitPrice)"
                html += "<td>\(entry)</td><td>\(trade.exitTime.iso8601)</td><td>\(exit)</td>"
                html +=
                    "<td>\(DisplayFormat.money(trade.pnl.doubleValue))</td><td>\(DisplayFormat.percent(trade.returnFraction))</td>"
                html += "<td>\(HTML.escape(trade.exitReason))</td></tr>"
            }
        }
        return html + "</table>"
    }

    /// The equity curves as returns on capital, over a time axis, with a legend.
    static func lineChart(
        _ series: [(name: String, color: String, points: [(Int64, Double)])],
        phases: [FarmPhase] = []
    ) -> String {
        let all = series.flatMap(\.points)
        guard let minT = all.map(\.0).min(), let maxT = all.map(\.0).max(), maxT > minT else {
            return "<p>No data.</p>"
        }
        let minV = min(0, all.map(\.1).min() ?? 0)
        let maxV = max(0, all.map(\.1).max() ?? 0)
        let chart = TimeChart(times: minT...maxT, values: minV...maxV, height: 360)
        var svg = chart.open(format: DisplayFormat.percent)
        for phase in phases {
            svg += chart.band(
                from: max(minT, phase.start.nanoseconds),
                to: min(maxT, phase.end.nanoseconds),
                fill: regimeFill(phase.regime),
                label: phase.regime.rawValue
            )
        }
        svg += chart.polyline([(minT, 0), (maxT, 0)], color: "#aaa", width: 1)
        for line in series {
            svg += chart.polyline(
                line.points.map { ($0.0, $0.1) },
                color: line.color,
                width: line.name == "FARM" ? 2.5 : 1.2
            )
        }
        return svg + "</svg>\n" + TimeChart.legend(series.map { ($0.name, $0.color) })
    }

    /// The farm's drawdown from its running peak, beneath the equity chart on the same time axis.
    static func drawdownChart(_ curve: [SeriesDownsampler.Point]) -> String {
        guard let first = curve.first, let last = curve.last, last.time > first.time else { return "" }
        var peak = -Double.infinity
        var points: [(time: Int64, value: Double)] = []
        for point in curve {
            peak = max(peak, point.high)
            points.append((point.time, peak > 0 ? point.low / peak - 1 : 0))
        }
        let deepest = min(-0.0001, points.map(\.value).min() ?? 0)
        let chart = TimeChart(times: first.time...last.time, values: deepest...0, height: 160, exact: true)
        return chart.open(format: DisplayFormat.percent)
            + chart.area(points, base: 0, fill: "#f4c7c3", stroke: "#b3261e") + "</svg>\n"
    }

    static func emotionStrip(_ bot: PersonaBot, start: Int64?, end: Int64?) -> String {
        guard let start, let end, end > start else { return "" }
        let colors: [EmotionalState: String] = [
            .calm: "#9ecae1", .confident: "#31a354", .greedy: "#fdae6b", .fearful: "#fb6a4a", .euphoric: "#e6550d",
            .panicked: "#a50f15", .fatigued: "#969696",
        ]
        let width = 900.0
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width) + 60)\" height=\"34\">"
        let points = bot.timeline
        for (index, point) in points.enumerated() {
            let from = max(start, point.time.nanoseconds)
            let to = index + 1 < points.count ? points[index + 1].time.nanoseconds : end
            guard to > from else { continue }
            let x = Double(from - start) / Double(end - start) * width
            let w = max(0.5, Double(to - from) / Double(end - start) * width)
            svg +=
                "<rect x=\"\(Int(x * 10) / 10)\" y=\"2\" width=\"\(Int(w * 10) / 10)\" height=\"14\" fill=\"\(colors[point.emotion] ?? "#ccc")\"><title>\(point.emotion.rawValue)</title></rect>"
        }
        var legendX = 0
        for emotion in EmotionalState.allCases {
            svg +=
                "<rect x=\"\(legendX)\" y=\"21\" width=\"10\" height=\"10\" fill=\"\(colors[emotion] ?? "#ccc")\"/><text x=\"\(legendX + 13)\" y=\"30\" font-size=\"10\">\(emotion.rawValue)</text>"
            legendX += 90
        }
        return svg + "</svg>"
    }
}
