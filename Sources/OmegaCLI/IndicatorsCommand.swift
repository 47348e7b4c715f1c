import ArgumentParser
import TradingBacktest
import TradingCore
import TradingEngine
import TradingIndicators
import TradingMarketData
import TradingReports

/// `omega indicators`: computes indicators over a candle file and writes them as CSV, or lists them.
struct IndicatorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicators",
        abstract: "Compute indicators over a candle file into a CSV, or list the indicators.",
        discussion: """
            Each --indicator is a spec name:arg:arg (missing arguments take their defaults), for example
            ema:12, rsi:14, atr:14, macd:12:26:9, bbands:20:2, stoch:14:3:3, adx:14, obv, vwap. The CSV has
            `timestamp` (bar open time, Unix ms) and one column per output: a single-output indicator's column
            is its spec, a multi-output one's are SPEC.OUTPUT (macd:12:26:9.signal). Warm-up cells are empty.
            Without --indicator, lists every indicator with its parameters and outputs.
            """
    )

    @Option(help: "Candle file (CSV or JSONL, plain or gzip).")
    var data: String?

    @Option(name: .customLong("indicator"), help: "Indicator spec (repeatable).")
    var indicators: [String] = []

    @Option(help: "Output CSV path.")
    var output: String?

    @OptionGroup var period: TimeRangeOptions

    func validate() throws {
        guard !indicators.isEmpty else { return }
        guard data != nil else { throw ValidationError("--data FILE is required with --indicator") }
        guard output != nil else { throw ValidationError("--output FILE is required with --indicator") }
        for text in indicators {
            do {
                _ = try IndicatorSpec(parsing: text)
            } catch {
                throw ValidationError(error.description)
            }
        }
    }

    func run() throws {
        guard let data, let output, !indicators.isEmpty else {
            print(Self.listing())
            return
        }
        let specs = try indicators.map { text throws in try IndicatorSpec(parsing: text) }
        let range = period.range
        do {
            let rows = try Self.write(specs: specs, data: data, range: range, output: output)
            print("wrote \(rows) rows × \(specs.flatMap(\.columns).count) indicator columns to \(output)")
        } catch {
            var standardError = StandardError()
            print("error: \(error)", to: &standardError)
            throw ExitCode.failure
        }
    }

    /// Streams the candles of `data` through the indicators into `output`; returns the number of rows.
    static func write(
        specs: [IndicatorSpec],
        data: String,
        range: TimeRange,
        output: String
    ) throws(BacktestError) -> Int {
        let setup: MarketDataSetup
        do {
            setup = try MarketDataSetup(paths: [data], defaults: InstrumentDefaults(), range: range)
        } catch {
            throw BacktestError(error)
        }
        guard setup.descriptions.first?.kind == .candles else {
            throw .configuration("\(data): indicators need a candle file (timestamp,open,high,low,close,volume)")
        }
        let source = setup.sources[0]
        var computed = specs.map { $0.makeIndicator() }
        let width = computed.reduce(0) { $0 + $1.outputCount }
        var row = [Double?](repeating: nil, count: width)
        let file = try BacktestError.writing { () throws(OutputError) in try OutputFile(path: output) }
        var buffer = "timestamp," + specs.flatMap(\.columns).map(csvField).joined(separator: ",") + "\n"
        buffer.reserveCapacity(1 << 17)
        var count = 0
        do {
            while let event = try source.next() {
                guard case .bar(let bar) = event else { continue }
                let candle = Candle(
                    time: bar.openTime.nanoseconds,
                    open: bar.open.doubleValue,
                    high: bar.high.doubleValue,
                    low: bar.low.doubleValue,
                    close: bar.closeValue,
                    volume: bar.volume.doubleValue
                )
                var offset = 0
                for index in computed.indices {
                    computed[index].update(candle, into: &row, at: offset)
                    offset += computed[index].outputCount
                }
                buffer += String(bar.openTime.milliseconds)
                for value in row {
                    buffer += ","
                    if let value, value.isFinite { buffer += value.description }
                }
                buffer += "\n"
                count += 1
                if buffer.utf8.count > 100_000 {
                    file.write(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
        } catch {
            throw .data(error)
        }
        guard count > 0 else { throw .noData("\(data): no candles in the requested time range") }
        file.write(buffer)
        try BacktestError.writing { () throws(OutputError) in try file.commit() }
        return count
    }

    /// A column name quoted when CSV needs it.
    private static func csvField(_ text: String) -> String {
        guard text.contains(",") || text.contains("\"") else { return text }
        return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    static func listing() -> String {
        var lines = ["indicators (spec name:arg:arg; missing arguments take the defaults shown):", ""]
        for kind in IndicatorCatalog.kinds {
            let outputs = kind.outputs.count > 1 ? "  → " + kind.outputs.map { "." + $0 }.joined(separator: " ") : ""
            lines.append(
                "  \(kind.usage + String(repeating: " ", count: max(1, 46 - kind.usage.count))) \(kind.summary)\(outputs)"
            )
        }
        return lines.joined(separator: "\n")
    }
}
