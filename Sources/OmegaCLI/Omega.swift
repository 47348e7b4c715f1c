public import ArgumentParser
import TradingCore

/// `omega`: the command-line entry point and composition root.
public struct Omega: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "omega",
        abstract: "Omega Bot Farm: deterministic crypto trading engine, backtester and bot farm.",
        version: "omega \(Omega.version)",
        subcommands: [
            FarmCommand.self, BacktestCommand.self, OptimizeCommand.self, DataCommand.self, RiskCommand.self,
            StrategiesCommand.self, IndicatorsCommand.self, CosmicCommand.self, SynthCommand.self, BenchCommand.self,
            SimCommand.self, ExchangeCommand.self, AccountCommand.self, OrderCommand.self, StreamCommand.self,
        ],
        defaultSubcommand: nil
    )

    /// The release this build is (`omega --version`).
    public static let version = "0.4.0"

    /// Parses and runs the command like ArgumentParser's own `main()`, but quotes at most 100 characters of
    /// an offending value in the message. Exit codes: 0 success, 1 a runtime or data error, 64 a usage error.
    public init() {}

    public static func main() async {
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
            } else if !message.isEmpty {
                var standardError = StandardError()
                print(ErrorText.clipped(message), to: &standardError)
            }
            exit(withError: code == .success ? nil : ExitCode(code.rawValue))
        }
    }
}
