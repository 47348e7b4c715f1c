import ArgumentParser
import TradingCore
import TradingMarketData

/// `--from` and `--to`: a half-open range of UTC time, shared by the commands that read a period of data.
struct TimeRangeOptions: ParsableArguments {
    @Option(help: "Start (inclusive): 2024-01-01, 2024-01-01T12:00:00Z or Unix ms.", transform: TimeArgument.parse)
    var from: TimeArgument?

    @Option(help: "End (exclusive).", transform: TimeArgument.parse)
    var to: TimeArgument?

    func validate() throws {
        if let from, let to, from.value >= to.value { throw ValidationError("--from must be before --to") }
    }

    /// The range, open at an end not given.
    var range: TimeRange { TimeRange(from: from?.value, to: to?.value) }

    /// The range in Unix milliseconds, open ends as the extremes.
    var milliseconds: (from: Int64, to: Int64) { (from?.value.milliseconds ?? .min, to?.value.milliseconds ?? .max) }
}
