import ArgumentParser
import TradingBacktest
import TradingCore
import TradingEngine
import TradingReports
import TradingResearch
import TradingStrategies

/// `omega risk stress`: runs a backtest, then applies the stress scenarios to the positions it ends with.
struct RiskStressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stress",
        abstract: "Backtest a strategy, then stress the positions and margin it ends with.",
        discussion: """
            Scenarios: instant shocks of −10, −20 and −30 %, a +15 % short squeeze, volatility ×3, all correlations \
            set to 1, a 10-minute outage with a 5 % gap on reconnect, and the worst historical hour of each \
            instrument in the data. For each: the PnL, equity and margin after, and the positions that would be \
            liquidated. Volatility and worst hours come from the data's hourly returns.
            """
    )

    @OptionGroup(title: "Market, account and venue")
    var options: RunOptions

    @OptionGroup(title: "Strategy")
    var strategyOptions: StrategyOptions

    @Option(help: "Margin mode of the perpetual positions: isolated or cross.")
    var margin: MarginOption = .isolated

    @Flag(help: "Machine-readable JSON.")
    var json = false

    func run() throws {
        do {
            try execute()
        } catch {
            var standardError = StandardError()
            print("error: \(error)", to: &standardError)
            throw ExitCode.failure
        }
    }

    private func execute() throws {
        let (descriptor, values) = try strategyOptions.resolved()
        let strategy = strategyOptions.strategy
        let market = try options.marketData()
        let (configuration, _) = try options.configuration(instruments: market.instruments)
        var merger = ReplayMerger(sources: market.sources)
        var events: [MarketEvent] = []
        while let event = try merger.next() { events.append(event) }
        guard !events.isEmpty else { throw DataCommandError("no market data in the requested range") }
        let strategies = try market.instruments.map { instrument in
            descriptor.make(id: try StrategyID(strategy), instrument: instrument.id, values: values)
        }
        guard strategies.count == 1 else {
            throw DataCommandError("stress runs one instrument's strategy; give one data series")
        }
        var runner = try BacktestRunner(configuration: configuration, strategies: strategies)
        _ = runner.run(events: events)
        let mode = margin.mode
        let results = StressTest.run(
            state: runner.engine.state,
            hourlyReturns: Self.hourlyReturns(events),
            marginMode: mode
        )
        let names = market.instruments.map(\.id.description)
        if json {
            print(
                JSONValue.array(
                    results.map { result in
                        .object([
                            ("scenario", .string(result.scenario.description)), ("pnl", .double(result.pnl)),
                            ("equity_before", .double(result.equityBefore)),
                            ("equity_after", .double(result.equityAfter)),
                            (
                                "positions",
                                .array(
                                    result.positions.map { impact in
                                        .object([
                                            ("instrument", .string(names[impact.instrument.int])),
                                            ("move", .double(impact.move)),
                                            ("pnl", .double(impact.pnl)), ("margin_after", .double(impact.marginAfter)),
                                            ("maintenance_margin", .double(impact.maintenanceMargin)),
                                            ("liquidated", .bool(impact.liquidated)),
                                        ])
                                    }
                                )
                            ),
                        ])
                    }
                ).serialized()
            )
            return
        }
        let open = results.first?.positions.count ?? 0
        guard open > 0 else {
            // A table of zeros would read as "no risk"; say instead that there is nothing to stress.
            print(
                "Nothing to stress: \(strategy) ends flat on \(market.names.joined(separator: ", ")) (equity \(DisplayFormat.money(results.first?.equityBefore ?? 0))). "
                    + "Stress a run that ends in a position: an earlier --to, or a strategy that stays in the market "
                    + "(--param mode=long_short)."
            )
            return
        }
        print(
            "Stress of \(DisplayFormat.count(open, "open position")) after \(strategy) on \(market.names.joined(separator: ", ")); equity \(DisplayFormat.money(results.first?.equityBefore ?? 0))"
        )
        var rows = [["scenario", "PnL", "equity after", "margin after", "liquidated"]]
        for result in results {
            let margins = result.positions.compactMap(\.marginAfter)
            rows.append([
                result.scenario.description, DisplayFormat.money(result.pnl), DisplayFormat.money(result.equityAfter),
                margins.isEmpty ? "–" : DisplayFormat.money(margins.reduce(0, +)),
                result.liquidated.isEmpty ? "none" : result.liquidated.map { names[$0.int] }.joined(separator: ", "),
            ])
        }
        print(RiskReportCommand.table(rows))
    }

    /// Hourly close-to-close returns per instrument, from the bars.
    static func hourlyReturns(_ events: [MarketEvent]) -> [Int: [Double]] {
        var closes: [Int: [(Int64, Double)]] = [:]
        for event in events {
            guard case .bar(let bar) = event else { continue }
            let hour = bar.closeTime.nanoseconds / 3_600_000_000_000
            var series = closes[bar.instrument.int, default: []]
            if let last = series.last, last.0 == hour {
                series[series.count - 1] = (hour, bar.closeValue)
            } else {
                series.append((hour, bar.closeValue))
            }
            closes[bar.instrument.int] = series
        }
        return closes.mapValues { series in
            zip(series, series.dropFirst()).compactMap { $0.1 > 0 ? $1.1 / $0.1 - 1 : nil }
        }
    }
}
