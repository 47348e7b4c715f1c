import ArgumentParser

/// The documented maximum of every size flag, so no command line starts unbounded work (README, "Limits").
enum SizeLimits {
    /// Synthetic one-minute bars of `backtest`, `optimize` and `risk stress` (about 190 years).
    static let syntheticBars = 1...100_000_000
    /// Synthetic bars of the default farm: each bar is one decision per bot.
    static let farmBars = 1...10_000_000
    /// Bars written by `omega synth`.
    static let synthBars = 1...200_000_000
    /// In-memory bars of `omega bench`.
    static let benchBars = 1...100_000_000
    /// Timed repetitions of a benchmark.
    static let repetitions = 1...1_000
    /// Instruments, positions and hours of the risk benchmarks.
    static let benchInstruments = 1...10_000
    static let benchHours = 2...1_000_000
    static let benchChecks = 1...100_000_000
    /// Monte Carlo simulations of `omega optimize`.
    static let monteCarlo = 0...1_000_000
    /// Rows of a ranked table.
    static let tableRows = 1...1_000_000

    /// Fails with a usage error (exit 64) when `value` of `flag` lies outside `range`.
    static func check(_ value: Int, _ flag: String, _ range: ClosedRange<Int>) throws {
        guard range.contains(value) else {
            throw ValidationError("\(flag) \(value): must be within \(range.lowerBound)...\(range.upperBound)")
        }
    }
}
