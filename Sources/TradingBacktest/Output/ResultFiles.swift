import TradingCore
import TradingEngine
public import TradingReports

/// Writes a backtest's trade list, summary and report.
public enum ResultFiles {
    /// The trade list as CSV (`entry_ts,entry_px,exit_ts,exit_px,qty,pnl,…`, Unix milliseconds, exact
    /// decimals), or as a JSON array for a `.json` path.
    public static func writeTrades(_ result: BacktestResult, to path: String) throws(BacktestError) {
        let file = try BacktestError.writing { () throws(OutputError) in try OutputFile(path: path) }
        let json = path.lowercased().hasSuffix(".json")
        var buffer =
            json
            ? "["
            : "entry_ts,entry_px,exit_ts,exit_px,qty,pnl,instrument,side,gross_pnl,fees,funding,return,duration_s,entry_tag,exit_tag\n"
        for (index, trade) in result.trades.enumerated() {
            let instrument = result.instruments[trade.instrument.int].id.description
            if json {
                buffer += index == 0 ? "\n" : ",\n"
                buffer += JSONValue.object(tradeMembers(trade, instrument: instrument)).serialized(compact: true)
            } else {
                buffer += [
                    String(trade.entryTime.milliseconds), trade.entryPrice.description,
                    String(trade.exitTime.milliseconds),
                    trade.exitPrice.description, trade.quantity.description, FixedPoint.format(trade.netRaw),
                    instrument,
                    trade.side.rawValue, FixedPoint.format(trade.grossRaw), FixedPoint.format(trade.feesRaw),
                    FixedPoint.format(trade.fundingRaw), JSONValue.double(trade.returnFraction).serialized(),
                    JSONValue.double(trade.durationSeconds).serialized(), trade.entryTag?.string ?? "",
                    trade.exitTag?.string ?? "",
                ].joined(separator: ",")
                buffer += "\n"
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

    static func tradeMembers(_ trade: TradeRecord, instrument: String) -> [(String, JSONValue)] {
        [
            ("entry_ts", .number(String(trade.entryTime.milliseconds))),
            ("entry_px", .exact(trade.entryPrice.raw)),
            ("exit_ts", .number(String(trade.exitTime.milliseconds))),
            ("exit_px", .exact(trade.exitPrice.raw)),
            ("qty", .exact(trade.quantity.raw)),
            ("pnl", .exact(trade.netRaw)),
            ("instrument", .string(instrument)),
            ("side", .string(trade.side.rawValue)),
            ("gross_pnl", .exact(trade.grossRaw)),
            ("fees", .exact(trade.feesRaw)),
            ("funding", .exact(trade.fundingRaw)),
            ("return", .double(trade.returnFraction)),
            ("duration_s", .double(trade.durationSeconds)),
            ("entry_tag", trade.entryTag.map { .string($0.string) } ?? .null),
            ("exit_tag", trade.exitTag.map { .string($0.string) } ?? .null),
        ]
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
