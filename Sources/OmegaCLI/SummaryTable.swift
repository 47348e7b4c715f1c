import TradingBacktest
import TradingCore
import TradingEngine
import TradingReports

/// The readable summary `omega backtest` prints on standard output.
enum SummaryTable {
    static func render(_ result: BacktestResult, run: RunDescription) -> String {
        let s = result.summary
        let currency = s.accountCurrency.code
        let parameters = run.parameters.map { "\($0.0)=\($0.1)" }.joined(separator: ", ")
        var rows: [(String, String)] = [
            ("Strategy", "\(run.strategy) (\(parameters))"),
            ("Data", run.data.joined(separator: ", ")),
            (
                "Period",
                "\(s.startTime.iso8601) → \(s.endTime.iso8601) (\(DisplayFormat.duration(s.endTime - s.startTime)))"
            ),
            (
                "Bars / events",
                "\(DisplayFormat.grouped(result.barCount)) / \(DisplayFormat.grouped(result.eventCount))"
            ),
            ("Initial equity", "\(DisplayFormat.money(s.initialEquity.doubleValue)) \(currency)"),
            ("Final equity", "\(DisplayFormat.money(s.finalEquity.doubleValue)) \(currency)"),
            ("Total return", DisplayFormat.percent(s.totalReturn)),
            ("Buy and hold", result.buyAndHoldText),
            (
                "CAGR",
                DisplayFormat.percent(s.cagr) + (s.annualisedIsReliable ? "" : "  (extrapolated from under 90 days)")
            ),
            ("Annual volatility", s.annualVolatility.map(DisplayFormat.percent) ?? "–"),
            (
                "Max drawdown",
                "\(DisplayFormat.percent(s.maxDrawdown)) (longest \(DisplayFormat.duration(s.maxDrawdownDuration)))"
            ),
            (
                "Sharpe / Sortino / Calmar",
                "\(number(s.sharpe)) / \(number(s.sortino)) / \(number(s.calmar))  (\(s.returnsDescription))"
            ),
            (
                "Trades",
                "\(s.tradeCount)  (win rate \(s.winRate.map(DisplayFormat.percent) ?? "–"), profit factor \(number(s.profitFactor)))"
            ),
            (
                "Average win / loss",
                "\(s.averageWin.map(DisplayFormat.money) ?? "–") / \(s.averageLoss.map(DisplayFormat.money) ?? "–") \(currency)"
            ),
            ("Expectancy", "\(s.expectancy.map(DisplayFormat.money) ?? "–") \(currency) per trade"),
            ("Exposure time", DisplayFormat.percent(s.exposure)),
            ("Average trade duration", s.averageTradeDuration.map(DisplayFormat.duration) ?? "–"),
            ("Gross / fees / funding / net", result.pnlText),
            ("Longest losing streak", DisplayFormat.count(s.longestLosingStreak, "trade")),
            ("Orders / fills / denied", "\(result.orderCount) / \(result.fillCount) / \(result.deniedCount)"),
            ("Trading state", result.tradingStateSummary),
        ]
        for position in result.openPositions {
            let name = result.instruments[position.instrument.int].id.description
            rows.append(
                (
                    "Open position",
                    "\(position.side) \(position.quantity.formatted(decimals: 8)) \(name) @ \(position.averageEntryPrice?.description ?? "–")"
                )
            )
        }
        if s.liquidations > 0 { rows.append(("Liquidations", String(s.liquidations))) }
        for warning in s.sampleWarnings { rows.append(("Small sample", warning)) }
        if !result.anomalies.isEmpty { rows.append(("Anomalies", "\(result.anomalies.count) (see the JSON)")) }
        rows.append(("Audit digest", result.auditDigest))
        let width = rows.map(\.0.count).max() ?? 10
        var text = "\(run.title)\n" + String(repeating: "─", count: min(100, max(40, run.title.count))) + "\n"
        for (key, value) in rows {
            text += key + String(repeating: " ", count: width - key.count + 2) + value + "\n"
        }
        return text
    }

    static func number(_ value: Double?) -> String { value.map(DisplayFormat.fixed2) ?? "–" }
}
