import ArgumentParser
import TradingBacktest
import TradingCore
import TradingEngine
import TradingMarketData
import TradingReports
import TradingStrategies

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension BacktestCommand {
    /// Builds instruments, sources, strategies and the runner from the validated options; runs; writes
    /// the outputs; prints the summary.
    func execute() throws {
        // Every output is checked before the run and written only when all of it is ready.
        let paths = [json, trades, equity, report, audit].compactMap { $0 }
        try OutputBatch.run(paths: paths) { try executeBatched() }
    }

    private func executeBatched() throws(BacktestError) {
        guard let descriptor, let values = parameterValues else {
            throw .configuration("options were not validated")
        }
        let clock = ContinuousClock()
        let started = clock.now
        let market = try options.marketData()
        let instruments = market.instruments
        var (configuration, sizingRule) = try options.configuration(instruments: instruments)
        if report != nil { configuration.chartOverlays = ChartLines.overlays(strategy: strategy, values: values) }
        var strategies: [any Strategy] = []
        for instrument in instruments {
            let name = instruments.count == 1 ? strategy : "\(strategy)-\(instrument.id.symbol)"
            let id: StrategyID
            do {
                id = try StrategyID(name)
            } catch {
                throw .configuration(error.description)
            }
            strategies.append(descriptor.make(id: id, instrument: instrument.id, values: values))
        }
        var runner = try BacktestRunner(configuration: configuration, strategies: strategies)
        let equityWriter = try equity.map { path throws(BacktestError) in try EquityFileWriter(path: path) }
        runner.equityObserver = equityWriter
        let auditWriter = try audit.map { path throws(BacktestError) in
            try DecisionFileWriter(path: path, instruments: instruments)
        }
        runner.decisionObserver = auditWriter
        var merger = ReplayMerger(sources: market.sources)
        let progress = ProgressBar(enabled: !quiet && isatty(STDERR_FILENO) != 0)
        let result: BacktestResult
        do {
            result = try runner.run(&merger) { progress.update($0) }
        } catch {
            progress.finish()
            equityWriter?.abandon()
            auditWriter?.abandon()
            throw error
        }
        progress.finish()
        if !quiet {
            // Times in another unit than milliseconds were converted: say so, as an importer would.
            var standardError = StandardError()
            for source in market.sources where source.timestampUnits.units.contains(where: { $0 != .milliseconds }) {
                print("note: \(source.name): timestamps read as \(source.timestampUnits)", to: &standardError)
            }
        }
        try equityWriter?.commit()
        try auditWriter?.commit()
        let description = RunDescription(
            title: "Omega backtest: \(strategy) on \(instruments.map(\.id.description).joined(separator: ", "))",
            strategy: strategy,
            parameters: values.order.compactMap { key in values.values[key].map { (key, $0.description) } },
            data: market.names,
            settings: options.settingRows(sizingRule: sizingRule, instruments: instruments)
        )
        if let trades { try ResultFiles.writeTrades(result, to: trades) }
        if let json { try ResultFiles.writeSummary(result, run: description, to: json) }
        if let report { try HTMLReport.write(result, run: description, to: report) }
        let elapsed = clock.now - started
        if !quiet {
            print(SummaryTable.render(result, run: description), terminator: "")
            if !result.trades.isEmpty {
                let currency = result.summary.accountCurrency.code
                var keys: [TradeBreakdown.Key] = [.instrument, .exitReason]
                if let breakdown { keys.append(breakdown.key) }
                for key in keys {
                    print(
                        "\n"
                            + TradeBreakdown(result.trades, by: key, instruments: result.instruments).table(
                                currency: currency
                            ),
                        terminator: ""
                    )
                }
            }
            var standardError = StandardError()
            let seconds = Double(elapsed.totalNanoseconds) / 1e9
            let rate = seconds > 0 ? Double(result.eventCount) / seconds : 0
            print(
                "Completed in \(DisplayFormat.seconds(seconds)) s (\(DisplayFormat.grouped(Int(rate))) events/s)",
                to: &standardError
            )
        }
    }
}
