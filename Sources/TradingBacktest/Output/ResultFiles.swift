import TradingCore
import TradingEngine
public import TradingReports

/// Writes a backtest's trade list, summary and report.
public enum ResultFiles {
    /// The trade list (``TradeList``) as CSV, or as a JSON array for a `.json` path.
    public static func writeTrades(_ result: BacktestResult, to path: String) throws(BacktestError) {
        let file = try BacktestError.writing { () throws(OutputError) in try OutputFile(path: path) }
        let json = path.lowercased().hasSuffix(".json")
        var buffer = json ? "[" : TradeList.header.joined(separator: ",") + "\n"
        for (index, trade) in result.trades.enumerated() {
            let row = TradeList.Row(trade, instrument: result.instruments[trade.instrument.int])
            if json {
                buffer += index == 0 ? "\n" : ",\n"
                buffer += JSONValue.object(row.members).serialized(compact: true)
            } else {
                buffer += row.fields.joined(separator: ",") + "\n"
            }
            if buffer.utf8.count > 60_000 {
                file.write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if json { buffer += result.trades.isEmpty ? "]\n" : "\n]\n" }
        file.write(buffer)
        try BacktestError.writing { () throws(OutputError) in try file.commit() }
    }

    /// The summary document: counts, equity, the metrics, open positions and what was run.
    public static func summary(_ result: BacktestResult, run: RunDescription) -> JSONValue {
        let summary = result.summary
        func seconds(_ duration: Duration?) -> JSONValue {
            guard let duration else { return .null }
            return .double(Double(duration.totalNanoseconds) / 1e9)
        }
        var openPosition = JSONValue.null
        if let position = result.openPositions.first, let price = position.averageEntryPrice {
            openPosition = .object([
                ("instrument", .string(result.instruments[position.instrument.int].id.description)),
                ("side", .string(position.side.rawValue)),
                ("entry_ts", .number(String(position.openedAt.milliseconds))),
                ("entry_px", .exact(price.raw)),
                ("qty", .exact(position.quantity.raw)),
            ])
        }
        return .object([
            ("trades", .int(summary.tradeCount)),
            ("final_equity", .exact(summary.finalEquity.raw)),
            ("initial_equity", .exact(summary.initialEquity.raw)),
            ("currency", .string(summary.accountCurrency.code)),
            ("total_return", .double(summary.totalReturn)),
            ("max_drawdown", .double(summary.maxDrawdown)),
            ("bars", .int(result.barCount)),
            ("events", .int(result.eventCount)),
            ("start", .string(summary.startTime.iso8601)),
            ("end", .string(summary.endTime.iso8601)),
            ("cagr", .double(summary.cagr)),
            ("annual_volatility", .double(summary.annualVolatility)),
            ("max_drawdown_duration_s", seconds(summary.maxDrawdownDuration)),
            ("sharpe", .double(summary.sharpe)),
            ("sortino", .double(summary.sortino)),
            ("calmar", .double(summary.calmar)),
            ("returns_period", .string(summary.returnsPeriod)),
            ("returns_count", .int(summary.returnsCount)),
            ("period_days", .double(summary.periodDays)),
            ("sample_warnings", .array(summary.sampleWarnings.map(JSONValue.string))),
            ("win_rate", .double(summary.winRate)),
            ("profit_factor", .double(summary.profitFactor)),
            ("average_win", .double(summary.averageWin)),
            ("average_loss", .double(summary.averageLoss)),
            ("expectancy", .double(summary.expectancy)),
            ("best_trade", .double(summary.bestTrade)),
            ("worst_trade", .double(summary.worstTrade)),
            ("exposure", .double(summary.exposure)),
            ("average_trade_duration_s", seconds(summary.averageTradeDuration)),
            ("buy_and_hold_return", result.buyAndHold.totalReturn.map(JSONValue.double) ?? .null),
            ("excess_return", result.buyAndHold.excess(of: summary.totalReturn).map(JSONValue.double) ?? .null),
            (
                "market_change",
                .object(
                    result.buyAndHold.instruments.map {
                        (result.instruments[$0.instrument.int].id.description, .double($0.change))
                    }
                )
            ),
            ("gross_pnl", .exact(result.grossPnLRaw)),
            (
                "breakdown",
                .object(
                    [TradeBreakdown.Key.instrument, .exitReason, .month].map { key in
                        (
                            key.rawValue,
                            .array(
                                TradeBreakdown(result.trades, by: key, instruments: result.instruments).rows.map {
                                    .object([
                                        ("label", .string($0.label)), ("trades", .int($0.trades)),
                                        ("wins", .int($0.wins)), ("net_pnl", .double($0.netPnL)),
                                        ("fees", .double($0.fees)),
                                    ])
                                }
                            )
                        )
                    }
                )
            ),
            ("net_pnl", .exact(summary.finalEquity.raw - summary.initialEquity.raw)),
            ("total_fees", .exact(summary.totalFees.raw)),
            ("total_funding", .exact(summary.totalFunding.raw)),
            ("longest_losing_streak", .int(summary.longestLosingStreak)),
            ("liquidations", .int(summary.liquidations)),
            ("orders", .int(result.orderCount)),
            ("fills", .int(result.fillCount)),
            ("denied", .int(result.deniedCount)),
            ("rejected", .int(result.rejectedCount)),
            ("trading_state", .string(BacktestResult.stateWord(result.tradingState))),
            (
                "state_changes",
                .array(
                    result.stateChanges.map {
                        .object([
                            ("time", .string($0.time.iso8601)), ("state", .string($0.state.description)),
                            ("code", .string($0.code.string)),
                        ])
                    }
                )
            ),
            ("refused_by_trading_state", .int(result.refusedByTradingState)),
            ("open_orders", .int(result.openOrderCount)),
            ("open_position", openPosition),
            ("final_balances", .object(result.finalBalances.map { ($0.currency.code, .exact($0.raw)) })),
            ("strategy", .string(run.strategy)),
            ("parameters", .object(run.parameters.map { ($0.0, .string($0.1)) })),
            ("data", .array(run.data.map(JSONValue.string))),
            ("settings", .object(run.settings.map { ($0.0, .string($0.1)) })),
            ("audit_digest", .string(result.auditDigest)),
            ("anomalies", .array(result.anomalies.map(JSONValue.string))),
        ])
    }

    public static func writeSummary(
        _ result: BacktestResult,
        run: RunDescription,
        to path: String
    ) throws(BacktestError) {
        let text = summary(result, run: run).serialized() + "\n"
        try BacktestError.writing { () throws(OutputError) in try OutputFile.write(text, to: path) }
    }
}
