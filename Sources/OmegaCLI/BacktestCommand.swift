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

/// `omega backtest`: runs a strategy over data files, or over the built-in synthetic market.
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Backtest a strategy on the deterministic engine and simulated exchange.",
        discussion: """
            With no --data, runs on the built-in seeded synthetic market (SYNUSDT.SIM, 30 days of 1-minute bars).
            Data files use the formats of ../shared/data (candles, trades, BBO quotes, JSON-lines books, funding),
            plain or gzip. The instrument is read from the file name: <exchange>_<SYMBOL>_<1m|trades|bbo|book>.csv.
            Example (the canonical EMA 12/26 run):
              omega backtest --data binance_BTCUSDT_1m.csv --strategy ema_cross --param fast=12 --param slow=26 \\
                --fill next_open --sizing all_in --fee-bps 10 --cash 10000 --trades trades.csv --json result.json
            """
    )

    @OptionGroup(title: "Market, account and venue")
    var options: RunOptions

    @OptionGroup(title: "Strategy")
    var strategyOptions: StrategyOptions

    @Option(help: "Write the summary as JSON to this file.")
    var json: String?

    @Option(help: "Write the trade list to this file (.csv, or .json).")
    var trades: String?

    @Option(help: "Write the equity curve to this file (.csv, or .json).")
    var equity: String?

    @Option(help: "Write a self-contained HTML report to this file.")
    var report: String?

    @Option(help: "Write every risk decision, approved or refused, with its inputs to this JSON-lines file.")
    var audit: String?

    @Option(help: "Also break the trades down by the day, week or month they closed in.")
    var breakdown: BreakdownOption?

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    /// Checked in `validate()`.
    var descriptor: StrategyDescriptor?
    var parameterValues: ParameterValues?

    enum CodingKeys: String, CodingKey {
        case options, strategyOptions, json, trades, equity, report, audit, breakdown, quiet
    }

    mutating func validate() throws {
        (descriptor, parameterValues) = try strategyOptions.resolved()
        for path in [json, trades, equity, report, audit].compactMap({ $0 }) where path.hasSuffix("/") {
            throw ValidationError("output path \(path) is a directory")
        }
    }

    func run() throws {
        do {
            try execute()
        } catch {
            var standardError = StandardError()
            print("error: \(ErrorText.clipped("\(error)"))", to: &standardError)
            throw ExitCode.failure
        }
    }
}

/// Writes to standard error.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        var text = string
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                // A non-empty buffer has a base address.
                let written = Glibc.write(STDERR_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}

extension BacktestCommand {
    /// The strategy's name.
    var strategy: String { strategyOptions.strategy }
}
