import ArgumentParser

/// `omega`: the command-line entry point and composition root.
@main
struct Omega: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "omega",
        abstract: "Omega Bot Farm: deterministic crypto trading engine, backtester and bot farm.",
        subcommands: [
            FarmCommand.self, BacktestCommand.self, OptimizeCommand.self, DataCommand.self, RiskCommand.self,
            StrategiesCommand.self, IndicatorsCommand.self, CosmicCommand.self, SynthCommand.self, BenchCommand.self,
        ],
        defaultSubcommand: nil
    )
}
