import ArgumentParser
import TradingBacktest
import TradingCore
import TradingData
import TradingMarketData

/// `--exchange --symbol --timeframe [--from --to]`: one stored candle series and a range.
struct SeriesOptions: ParsableArguments {
    @Option(help: "Exchange name.")
    var exchange: String

    @Option(help: "Symbol.")
    var symbol: String

    @Option(help: "Candle timeframe (1m, 1h, 1d …).", transform: TimeframeArgument.parse)
    var timeframe: TimeframeArgument

    @OptionGroup var period: TimeRangeOptions

    var key: SeriesKey {
        SeriesKey(exchange: exchange, symbol: symbol, kind: .candles, timeframe: timeframe.description)
    }

    var frame: Timeframe { timeframe.value }

    /// The range in ms.
    func range() -> (from: Int64, to: Int64) { period.milliseconds }

    /// Fails when the store has no such series, naming what it does have.
    func requireSeries(in store: MarketStore) throws {
        let summaries = try store.read { try $0.summaries() }
        guard summaries.contains(where: { $0.key == key }) else {
            let known = summaries.filter { $0.key.kind == .candles }.map(\.key.description)
            throw DataCommandError(
                "no \(key) candles in \(store.path)"
                    + (known.isEmpty ? " (the store is empty)" : "; it has: \(known.joined(separator: ", "))")
            )
        }
    }
}
