import ArgumentParser
import TradingBacktest
import TradingCore
import TradingEngine
import TradingStrategies

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension BacktestCommand {
    /// Builds instruments, sources, strategies and the runner from the validated options; runs; writes
    /// the outputs; prints the summary.
    func execute() throws(BacktestError) {
        guard let descriptor = settings.descriptor, let values = settings.parameterValues else {
            throw .configuration("options were not validated")
        }
        let clock = ContinuousClock()
        let started = clock.now
        var instruments: [Instrument]
        var sources: [any MarketDataSource]
        var dataNames: [String]
        if data.isEmpty {
            let synthetic = SyntheticMarket(seed: seed, bars: bars)
            do {
                instruments = [try synthetic.instrument(defaults: settings.defaults)]
            } catch {
                throw .configuration(error.description)
            }
            sources = [synthetic.source(instrument: InstrumentIndex(0), range: settings.range)]
            dataNames = ["synthetic(seed=\(seed), bars=\(bars))"]
        } else {
            let setup = try MarketDataSetup(
                paths: data, defaults: settings.defaults, market: market?.kind, timeframe: settings.timeframe,
                range: settings.range)
            instruments = setup.instruments
            sources = setup.sources
            dataNames = data.map { String($0.split(separator: "/").last ?? Substring($0)) }
        }
        let currency = instruments[0].quote
        let sizingRule: PositionSizing
        do {
            sizingRule = try OptionParsing.sizing(sizing, currency: currency)
        } catch {
            throw .configuration("\(error)")
        }
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
        var leverage: [InstrumentID: Ratio] = [:]
        for instrument in instruments where instrument.kind == .linearPerpetual { leverage[instrument.id] = settings.leverage }
        let engineConfiguration = EngineConfiguration(
            instruments: instruments, accountCurrency: currency, balances: [Money(raw: settings.cash.raw, currency: currency)],
            leverage: leverage, defaultSizing: sizingRule)
        let configuration = BacktestConfiguration(
            engine: engineConfiguration,
            exchange: SimulatedExchangeConfiguration(slippage: settings.slippage, barFill: fill.rule, limitFill: limitFill.rule),
            latency: settings.latency)
        var runner = try BacktestRunner(configuration: configuration, strategies: strategies)
        let equityWriter = try equity.map { path throws(BacktestError) in try EquityFileWriter(path: path) }
        runner.equityObserver = equityWriter
        var merger = ReplayMerger(sources: sources)
        let progress = ProgressBar(enabled: !quiet && isatty(STDERR_FILENO) != 0)
        let result: BacktestResult
        do {
            result = try runner.run(&merger) { progress.update($0) }
        } catch {
            progress.finish()
            equityWriter?.abandon()
            throw error
        }
        progress.finish()
        try equityWriter?.commit()
        let run = RunDescription(
            title: "Omega backtest: \(strategy) on \(instruments.map(\.id.description).joined(separator: ", "))",
            strategy: strategy, parameters: values.order.compactMap { key in values.values[key].map { (key, $0.description) } },
            data: dataNames, settings: settingRows(sizingRule: sizingRule, currency: currency))
        if let trades { try ResultFiles.writeTrades(result, to: trades) }
        if let json { try ResultFiles.writeSummary(result, run: run, to: json) }
        if let report { try HTMLReport.write(result, run: run, to: report) }
        let elapsed = clock.now - started
        if !quiet {
            print(SummaryTable.render(result, run: run), terminator: "")
            var standardError = StandardError()
            let seconds = Double(elapsed.totalNanoseconds) / 1e9
            let rate = seconds > 0 ? Double(result.eventCount) / seconds : 0
            print("Completed in \(DisplayFormat.seconds(seconds)) s (\(DisplayFormat.grouped(Int(rate))) events/s)", to: &standardError)
        }
    }

    private func settingRows(sizingRule: PositionSizing, currency: Currency) -> [(String, String)] {
        [
            ("cash", "\(cash) \(currency.code)"),
            ("fee (taker / maker)", "\(settings.takerFee.basisPoints) / \(settings.makerFee.basisPoints) bps"),
            ("slippage", "\(settings.slippage.basisPoints) bps"),
            ("latency", "\(latencyMs) ms"),
            ("bar fill", fill.rawValue),
            ("limit fill", limitFill.rawValue),
            ("sizing", sizingRule.description),
            ("leverage", settings.leverage.description),
            ("range", settings.range.description),
        ]
    }
}
