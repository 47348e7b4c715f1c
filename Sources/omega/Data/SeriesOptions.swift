import ArgumentParser
import TradingBacktest
import TradingMarketData
import TradingCore
import TradingData

/// `--exchange --symbol --timeframe [--from --to]`: one stored candle series and a range.
struct SeriesOptions: ParsableArguments {
    @Option(help: "Exchange name.")
    var exchange: String

    @Option(help: "Symbol.")
    var symbol: String

    @Option(help: "Candle timeframe (1m, 1h, 1d …).")
    var timeframe: String

    @Option(help: "Start (inclusive): 2024-01-01, 2024-01-01T12:00:00Z or Unix ms.")
    var from: String?

    @Option(help: "End (exclusive).")
    var to: String?

    func validate() throws {
        guard Timeframe(timeframe) != nil else { throw ValidationError("--timeframe \(timeframe): expected 1m, 5m, 1h, 4h, 1d, 1w, 1M …") }
        _ = try range()
    }

    var key: SeriesKey { SeriesKey(exchange: exchange, symbol: symbol, kind: .candles, timeframe: timeframe) }

    var frame: Timeframe { Timeframe(timeframe) ?? .minutes(1) }

    /// The range in ms.
    func range() throws -> (from: Int64, to: Int64) {
        let start = try from.map { try OptionParsing.time($0, flag: "--from").milliseconds } ?? .min
        let end = try to.map { try OptionParsing.time($0, flag: "--to").milliseconds } ?? .max
        guard start < end else { throw ValidationError("--from must be before --to") }
        return (start, end)
    }

    /// Fails when the store has no such series, naming what it does have.
    func requireSeries(in store: MarketStore) throws {
        let summaries = try store.read { try $0.summaries() }
        guard summaries.contains(where: { $0.key == key }) else {
            let known = summaries.filter { $0.key.kind == .candles }.map(\.key.description)
            throw DataCommandError(
                "no \(key) candles in \(store.path)" + (known.isEmpty ? " (the store is empty)" : "; it has: \(known.joined(separator: ", "))"))
        }
    }
}
