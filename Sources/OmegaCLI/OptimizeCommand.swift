import ArgumentParser
import TradingBacktest
import TradingCore
import TradingEngine
import TradingResearch
import TradingStrategies

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `omega optimize`: grid or random parameter search, walk-forward analysis and Monte Carlo, in parallel.
struct OptimizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimize",
        abstract: "Search strategy parameters by grid or random search, with walk-forward and Monte Carlo analysis.",
        discussion: """
            Every parameter set is a full backtest through the engine and simulated exchange, run in parallel on
            all cores; results do not depend on the number of workers. The data is read once into memory.
            Examples:
              omega optimize --data binance_BTCUSDT_1m.csv --strategy ema_cross --grid fast=5..30:1 --grid slow=20..120:5
              omega optimize --data binance_BTCUSDT_1h.csv --grid fast=5..30 --grid slow=20..120 --random 200 --seed 7 \\
                --objective sortino --min-trades 30 --walk-forward train=60d,test=14d --monte-carlo 1000 --report opt.html
            """
    )

    @OptionGroup(title: "Market, account and venue")
    var options: RunOptions

    @OptionGroup(title: "Strategy (fixed parameters)")
    var strategyOptions: StrategyOptions

    @Option(
        name: .customLong("grid"),
        help: "A searched parameter: name=LOW..HIGH:STEP or name=a,b,c (repeatable).",
        transform: GridArgument.parse
    )
    var grid: [GridArgument] = []

    @Option(help: "Draw N random parameter sets from the --grid ranges instead of the full grid (seeded by --seed).")
    var random: Int?

    @Option(
        help: "What to maximise: \(Objective.allCases.map(\.rawValue).joined(separator: ", ")).",
        transform: ObjectiveArgument.parse
    )
    var objective = ObjectiveArgument(value: .sharpe)

    @Option(name: .customLong("min-trades"), help: "Rank only runs with at least this many closed trades.")
    var minTrades: Int = 0

    @Option(
        name: .customLong("max-drawdown"),
        help: "Rank only runs whose maximum drawdown is at most this fraction (0.25 = 25 %)."
    )
    var maxDrawdown: Double?

    @Option(help: "Parallel workers (default: all cores).")
    var workers: Int?

    @Option(
        name: .customLong("walk-forward"),
        help: "Walk-forward windows, train=30d,test=7d (units m, h, d, w).",
        transform: WalkForwardArgument.parse
    )
    var walkForward: WalkForwardArgument?

    @Option(name: .customLong("monte-carlo"), help: "Monte Carlo simulations of the best run's trades (0: none).")
    var monteCarlo: Int = 0

    @Option(help: "Rows in the ranked table.")
    var top: Int = 10

    @Option(help: "Write every run and the analyses as JSON to this file.")
    var json: String?

    @Option(help: "Write a self-contained HTML report (with a heat map for two-parameter grids) to this file.")
    var report: String?

    @Flag(help: "List every walk-forward window, not just the summary.")
    var verbose = false

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        guard !grid.isEmpty else {
            throw ValidationError("give at least one --grid name=LOW..HIGH:STEP (or name=a,b,c)")
        }
        guard minTrades >= 0 else { throw ValidationError("--min-trades \(minTrades): must be at least 0") }
        if let maxDrawdown, !(maxDrawdown > 0 && maxDrawdown <= 1) {
            throw ValidationError("--max-drawdown \(maxDrawdown): must be within (0, 1]")
        }
        if let workers, !(1...256).contains(workers) {
            throw ValidationError("--workers \(workers): must be within 1...256")
        }
        try SizeLimits.check(monteCarlo, "--monte-carlo", SizeLimits.monteCarlo)
        try SizeLimits.check(top, "--top", SizeLimits.tableRows)
        _ = try searchPlan()
        for path in [json, report].compactMap({ $0 }) where path.hasSuffix("/") {
            throw ValidationError("output path \(path) is a directory")
        }
    }

    func searchPlan() throws -> SearchPlan {
        let descriptor: StrategyDescriptor
        do {
            descriptor = try StrategyRegistry.descriptor(named: strategyOptions.strategy)
        } catch {
            throw ValidationError(error.description)
        }
        let fixed = try strategyOptions.assignments()
        if let problem = Self.fixedParameterProblem(descriptor, fixed) { throw ValidationError(problem) }
        var dimensions: [ParameterDimension] = []
        for dimension in grid {
            do {
                dimensions.append(try ParameterDimension(parsing: dimension.text, strategy: descriptor))
            } catch {
                throw ValidationError("--grid \(error.description)")
            }
        }
        let mode: SearchPlan.Mode = random.map { .random(count: $0, seed: options.seed) } ?? .grid
        do {
            return try SearchPlan(strategy: descriptor, dimensions: dimensions, fixed: fixed, mode: mode)
        } catch {
            throw ValidationError("--grid \(error.description)")
        }
    }

    /// An unknown or invalid fixed `--param`; constraints between parameters are checked per candidate.
    static func fixedParameterProblem(_ descriptor: StrategyDescriptor, _ fixed: [String: String]) -> String? {
        do throws(StrategyParameterError) {
            _ = try descriptor.values(fixed)
            return nil
        } catch {
            if case .constraint = error { return nil }
            return error.description
        }
    }

    func run() async throws {
        do {
            try await execute()
        } catch {
            var standardError = StandardError()
            print("error: \(error)", to: &standardError)
            throw ExitCode.failure
        }
    }
}
