import ArgumentParser
import TradingBacktest
import TradingCore
import TradingEngine
import TradingFarm
import TradingReports

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `omega farm`: run a farm of persona bots in one deterministic backtest.
struct FarmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "farm",
        abstract: "Run a farm of persona bots (default: one per persona on the built-in market) and rank them.",
        subcommands: [FarmRunCommand.self, FarmBacktestCommand.self, FarmInspectCommand.self],
        defaultSubcommand: FarmRunCommand.self
    )
}

/// Where a farm comes from and where its results go: shared by the farm subcommands.
struct FarmOptions: ParsableArguments {
    @Option(help: "A farm.yaml declaring the bots, limits and account (default: one bot per persona).")
    var config: String?

    @Option(
        help:
            "A data file (repeatable): bots that name no instrument are spread over the files' instruments in turn; without it, the built-in synthetic market."
    )
    var data: [String] = []

    @Option(help: "Bars of the synthetic market for the default farm.")
    var bars: Int = 43_200

    @Option(help: "Seed of the synthetic market and the bots.")
    var seed: UInt64 = 42

    func validate() throws { try SizeLimits.check(bars, "--bars", SizeLimits.farmBars) }

    func configuration() throws -> FarmConfiguration {
        if let config {
            do {
                var loaded = try FarmConfiguration.load(path: config)
                if !data.isEmpty { loaded.data = data }
                return loaded
            } catch {
                throw ValidationError(error.description)
            }
        }
        return FarmConfiguration.defaultFarm(data: data, bars: bars, seed: seed)
    }
}

struct FarmRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the farm and print the leaderboard (the default)."
    )

    @OptionGroup var farm: FarmOptions
    @OptionGroup var outputs: FarmOutputOptions

    func run() throws { try runDataCommand { try runFarm(try farm.configuration(), outputs: outputs) } }
}

struct FarmBacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Backtest a farm.yaml: all bots in one engine over the same market."
    )

    @OptionGroup var farm: FarmOptions
    @OptionGroup var outputs: FarmOutputOptions

    func run() throws { try runDataCommand { try runFarm(try farm.configuration(), outputs: outputs) } }
}

struct FarmOutputOptions: ParsableArguments {
    @Option(help: "Write each bot's trade list as CSV into this directory.")
    var tradesDir: String?

    @Option(help: "Write the psychology timeline (every bot) as CSV.")
    var timeline: String?

    @Option(help: "Write the self-contained HTML report (equity per bot and for the farm, emotions) here.")
    var report = "farm-report.html"

    @Flag(help: "Write no HTML report.")
    var noReport = false

    @Option(help: "Rerun without a factor to see what it adds; 'cosmic' reruns the cosmic bots without cosmic factors.")
    var attribution: String?

    @Option(help: "Also break the trades down by day, week or month of exit (by instrument and exit reason always).")
    var breakdown: BreakdownOption?

    @Flag(help: "Print only the leaderboard.")
    var quiet = false
}

func runFarm(_ configuration: FarmConfiguration, outputs: FarmOutputOptions) throws {
    if let attribution = outputs.attribution, attribution != "cosmic" {
        throw ValidationError("--attribution: unknown factor '\(attribution)' (expected cosmic)")
    }
    // Every output is checked before the run and written only when all of it is ready.
    var paths: [String] = []
    if let directory = outputs.tradesDir {
        if mkdir(directory, 0o755) != 0 && errno != EEXIST {
            throw ValidationError("--trades-dir: cannot create \(directory): \(String(cString: strerror(errno)))")
        }
        paths += configuration.bots.filter(\.enabled).map { "\(directory)/\($0.name).csv" }
    }
    if let path = outputs.timeline { paths.append(path) }
    if !outputs.noReport { paths.append(outputs.report) }
    let clock = ContinuousClock()
    let started = clock.now
    let result = try OutputBatch.run(paths: paths) { () throws -> FarmResult in
        let result: FarmResult
        do {
            result = try FarmRunner(configuration: configuration).run()
        } catch {
            throw ValidationError("\(error)")
        }
        let board = Leaderboard(result)
        var warnings = StandardError()
        for warning in result.warnings { print("warning: \(warning)", to: &warnings) }
        print(
            "Omega farm '\(configuration.name)': \(DisplayFormat.count(result.bots.count, "bot")) on \(result.dataNames.joined(separator: ", "))"
        )
        print(FarmReport.leaderboardTable(board), terminator: "")
        print("\n" + FarmReport.pnlTable(board, currency: result.backtest.summary.accountCurrency.code))
        print("Trading state: \(result.backtest.tradingStateSummary)")
        for warning in result.backtest.summary.sampleWarnings { print("Small sample: \(warning)") }
        if !result.phases.isEmpty && !outputs.quiet { print("\n" + FarmReport.regimeTables(result), terminator: "") }
        if !outputs.quiet {
            let rows = FarmReport.tradeRows(result)
            var keys: [TradeBreakdown.Key] = [.instrument, .exitReason]
            if let breakdown = outputs.breakdown { keys.append(breakdown.key) }
            for key in keys where !rows.isEmpty {
                let table = TradeBreakdown(rows: rows, by: key).table(
                    currency: result.backtest.summary.accountCurrency.code
                )
                print("\n" + table, terminator: "")
            }
        }
        if let directory = outputs.tradesDir {
            for bot in result.bots {
                try OutputFile.write(FarmReport.tradesCSV(bot), to: "\(directory)/\(bot.name).csv")
            }
        }
        if let path = outputs.timeline { try OutputFile.write(FarmReport.timelineCSV(result.bots), to: path) }
        if !outputs.noReport {
            try OutputFile.write(FarmReport.html(result), to: outputs.report)
            if !outputs.quiet { print("Report: \(outputs.report)") }
        }
        return result
    }
    let elapsed = clock.now - started
    if outputs.attribution == "cosmic" {
        var runner = FarmRunner(configuration: configuration)
        runner.cosmicEnabled = false
        let without: FarmResult
        do {
            without = try runner.run()
        } catch {
            throw ValidationError(error.description)
        }
        print("\nCosmic attribution (cosmic bots rerun without cosmic factors):")
        print("  bot                 with cosmic    without    difference")
        for bot in result.bots where bot.profile.preset.cosmicWeight > 0 {
            guard let other = without.bots.first(where: { $0.name == bot.name }) else { continue }
            let with = bot.equity / bot.capital.doubleValue - 1
            let plain = other.equity / other.capital.doubleValue - 1
            print(
                "  \(bot.name.padding(18))  \(DisplayFormat.percent(with).leftPadding(11))  \(DisplayFormat.percent(plain).leftPadding(9))  \(DisplayFormat.percent(with - plain).leftPadding(12))  (\(bot.trades.count) vs \(DisplayFormat.count(other.trades.count, "trade")))"
            )
        }
    }
    if !outputs.quiet {
        var standardError = StandardError()
        print("Completed in \(DisplayFormat.seconds(Double(elapsed.totalNanoseconds) / 1e9)) s", to: &standardError)
    }
}

struct FarmInspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Run the farm and print one bot's state: position, balance, psychology, recent decisions."
    )

    @Argument(help: "The bot's name.")
    var bot: String

    @OptionGroup var farm: FarmOptions

    func run() throws { try runDataCommand { try inspect() } }

    private func inspect() throws {
        let result: FarmResult
        do {
            result = try FarmRunner(configuration: try farm.configuration()).run()
        } catch let error as FarmError {
            throw ValidationError(error.description)
        }
        guard let found = result.bots.first(where: { $0.name == bot }) else {
            throw ValidationError("no bot named '\(bot)' (have \(result.bots.map(\.name).joined(separator: ", ")))")
        }
        let view = BotView(found)
        let p = view.psychology
        print(
            "\(view.name) (\(view.personaName)) on \(view.instrument)" + (view.timeframe.map { ", \($0) bars" } ?? "")
        )
        print(
            "balance: capital \(DisplayFormat.money(view.capital.doubleValue)), equity \(DisplayFormat.money(view.equity)), "
                + "committed \(DisplayFormat.money(view.committed.doubleValue)); realized \(DisplayFormat.money(view.realized.doubleValue)), "
                + "fees \(DisplayFormat.money(view.fees.doubleValue)), funding \(DisplayFormat.money(view.funding.doubleValue))"
                + (view.liquidations > 0 ? ", \(view.liquidations) liquidated" : "")
        )
        if let holding = view.holding {
            var line =
                "position: \(holding.side.rawValue) \(holding.quantity) @ \(view.entryPrice.map { "\($0)" } ?? "–")"
            if holding.leverage > .one {
                line += " at \(holding.leverage)×, liquidation \(view.liquidationPrice.map { "\($0)" } ?? "–")"
            }
            line +=
                ", stop \(view.stopPrice.map { "\($0)" } ?? "–"), take-profit \(view.takeProfitPrice.map { "\($0)" } ?? "–")"
            print(line)
        } else {
            print("position: flat")
        }
        print(
            "psychology: \(p.emotion.rawValue), confidence \(DisplayFormat.fixed2(p.confidence)), stress \(DisplayFormat.fixed2(p.stress)), fatigue \(DisplayFormat.fixed2(p.fatigue)), risk tolerance \(DisplayFormat.fixed2(p.riskTolerance)) in \(view.riskToleranceBand.lowerBound)…\(view.riskToleranceBand.upperBound)"
        )
        print(
            "  streaks: \(DisplayFormat.count(p.winStreak, "win")), \(DisplayFormat.count(p.lossStreak, "loss", plural: "losses")); \(DisplayFormat.count(p.trades, "trade")), \(p.wins) won; drawdown \(DisplayFormat.percent(p.drawdown))"
        )
        print(
            "entries: \(view.entriesTaken) taken, \(view.entriesSkipped) skipped, \(view.mistakes) mistakes, \(view.riskRefusals) refused by risk"
        )
        print("recent decisions:")
        for decision in view.recentDecisions.suffix(15) {
            print(
                "  \(decision.time.iso8601)  \(decision.action.rawValue.padding(7))  [\(decision.emotion.rawValue)] \(decision.reason)"
            )
        }
        print("recent trades:")
        for trade in view.recentTrades {
            print(
                "  \(trade.entryTime.iso8601) → \(trade.exitTime.iso8601)  \(trade.entryPrice) → \(trade.exitPrice)  pnl \(DisplayFormat.money(trade.pnl.doubleValue))  \(trade.exitReason)"
            )
        }
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
    func leftPadding(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
