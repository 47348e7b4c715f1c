import ArgumentParser
import TradingBacktest
import TradingCore
import TradingData
import TradingMarketData

/// `omega data resample`
struct DataResampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resample",
        abstract: "Build longer bars from stored bars, or bars from stored trades, and store them.",
        discussion: """
            From bars: --from-timeframe 1m --timeframe 1h (5m, 15m, 1h, 4h, 1d, 1w, 1M). From trades: --from-timeframe trades \
            --timeframe 1h, or --timeframe ticks:1000 (every 1,000 trades), volume:50 (every 50 base units) or dollars:1000000 (every \
            1,000,000 in the quote currency). Gaps stay gaps; --fill forward adds flat, zero-volume bars at the previous \
            close, flagged as filled. The result replaces the target series over the resampled span.
            """
    )

    @OptionGroup var directory: DataDirectoryOption

    @Option(help: "Exchange.")
    var exchange: String

    @Option(help: "Symbol.")
    var symbol: String

    @Option(name: .customLong("from-timeframe"), help: "Source bars' timeframe, or `trades`.")
    var fromTimeframe: String

    @Option(help: "Target: a timeframe, or ticks:N, volume:X, dollars:X (from trades).")
    var timeframe: String

    @Option(help: "forward: fill missing bars (flagged).")
    var fill: String?

    @Option(help: "Start (inclusive) of the source range.", transform: TimeArgument.parse)
    var from: TimeArgument?

    @Option(help: "End (exclusive) of the source range.", transform: TimeArgument.parse)
    var to: TimeArgument?

    func validate() throws {
        if let fill, fill != "forward" { throw ValidationError("--fill \(fill): the only fill is forward") }
        if fromTimeframe != "trades" {
            guard let source = Timeframe(fromTimeframe) else {
                throw ValidationError("--from-timeframe \(fromTimeframe): expected a timeframe or trades")
            }
            guard let target = Timeframe(timeframe) else {
                throw ValidationError("--timeframe \(timeframe): bars resample to a timeframe (5m, 1h, 1d, 1w, 1M)")
            }
            guard target.approximateNanoseconds > source.approximateNanoseconds else {
                throw ValidationError("--timeframe \(timeframe) must be longer than --from-timeframe \(fromTimeframe)")
            }
            guard target.isTiled(by: source) else {
                throw ValidationError(
                    "--timeframe \(timeframe): \(fromTimeframe) bars do not tile \(timeframe) bars (a bucket would take a bar that ends after"
                        + " it); choose a timeframe that \(fromTimeframe) bars fill exactly"
                )
            }
        } else {
            _ = try rule()
            if fill != nil && Timeframe(timeframe) == nil { throw ValidationError("--fill forward needs time bars") }
        }
    }

    func rule() throws -> TradeBarBuilder.Rule {
        if let frame = Timeframe(timeframe) { return .time(frame) }
        let parts = timeframe.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else {
            throw ValidationError("--timeframe \(timeframe): expected a timeframe, ticks:N, volume:X or dollars:X")
        }
        switch parts[0] {
        case "ticks":
            guard let n = Int(parts[1]), n > 0 else {
                throw ValidationError("--timeframe \(timeframe): ticks needs a positive whole number")
            }
            return .ticks(n)
        case "volume", "dollars":
            let bytes = Array(parts[1].utf8)
            guard let amount = bytes.withUnsafeBufferPointer(Decimal8.parse), amount.units > 0 else {
                throw ValidationError("--timeframe \(timeframe): needs a positive amount")
            }
            return parts[0] == "volume" ? .volume(amount) : .dollars(amount)
        default:
            throw ValidationError("--timeframe \(timeframe): expected a timeframe, ticks:N, volume:X or dollars:X")
        }
    }

    func run() throws {
        try runDataCommand {
            let store = try directory.openStore()
            let first = from?.value.milliseconds ?? .min
            let until = to?.value.milliseconds ?? .max
            let result: (key: SeriesKey, bars: Int, partial: Int, filled: Int) = try store.transaction { writer in
                var output: [StoredCandle] = []
                let reader = StoreReader(writer: writer)
                var partial = 0
                let label: String
                if fromTimeframe == "trades" {
                    let rule = try rule()
                    label = rule.description
                    var builder = TradeBarBuilder(rule: rule)
                    let source = SeriesKey(exchange: exchange, symbol: symbol, kind: .trades)
                    guard try reader.seriesID(source) != nil else {
                        throw DataCommandError("no \(source) in \(store.path)")
                    }
                    try reader.trades(source, from: first, to: until) { batch in
                        for trade in batch { if let bar = builder.add(trade) { output.append(bar) } }
                    }
                    if let bar = builder.finish() { output.append(bar) }
                    if fill == "forward", case .time(let frame) = rule { output = Self.fillForward(output, frame) }
                } else {
                    label = timeframe
                    guard let target = Timeframe(timeframe), let sourceFrame = Timeframe(fromTimeframe) else {
                        throw DataCommandError("bad timeframes")
                    }
                    guard target.isTiled(by: sourceFrame) else {
                        throw DataCommandError(
                            "--timeframe \(timeframe): \(fromTimeframe) bars do not tile \(timeframe) bars (a bucket would take a bar that ends after it); choose a multiple of \(fromTimeframe)"
                        )
                    }
                    var resampler = CandleResampler(target: target, source: sourceFrame, fillForward: fill == "forward")
                    let source = SeriesKey(exchange: exchange, symbol: symbol, kind: .candles, timeframe: fromTimeframe)
                    guard try reader.seriesID(source) != nil else {
                        throw DataCommandError("no \(source) candles in \(store.path)")
                    }
                    try reader.candles(source, from: first, to: until) { batch in
                        for candle in batch { output.append(contentsOf: try resampler.add(candle)) }
                    }
                    output.append(contentsOf: resampler.finish())
                    partial = resampler.partialBuckets
                }
                let key = SeriesKey(exchange: exchange, symbol: symbol, kind: .candles, timeframe: label)
                guard let first = output.first, let last = output.last else {
                    throw DataCommandError("no source data in the range")
                }
                try writer.delete(key, from: first.openTime, to: last.openTime + 1)
                let inserter = try writer.inserter(.candles, series: try writer.seriesID(key))
                for bar in output { try inserter.add(bar) }
                _ = try inserter.finish()
                return (key, output.count, partial, output.filter(\.filled).count)
            }
            var line = "stored \(result.bars) \(result.key) bars"
            if result.partial > 0 {
                line += "; \(result.partial) built from incomplete source buckets (gaps or the ends of the data)"
            }
            if result.filled > 0 { line += "; \(result.filled) forward-filled" }
            print(line)
        }
    }

    /// Time bars from trades with flat, flagged bars in the empty buckets.
    static func fillForward(_ bars: [StoredCandle], _ frame: Timeframe) -> [StoredCandle] {
        var result: [StoredCandle] = []
        for bar in bars {
            if let previous = result.last {
                var time = frame.nextBucket(after: previous.openTime)
                while time < bar.openTime {
                    result.append(
                        StoredCandle(
                            openTime: time,
                            open: previous.close,
                            high: previous.close,
                            low: previous.close,
                            close: previous.close,
                            volume: Decimal8(units: 0),
                            filled: true
                        )
                    )
                    time = frame.nextBucket(after: time)
                }
            }
            result.append(bar)
        }
        return result
    }
}
