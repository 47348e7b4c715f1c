import ArgumentParser
import TradingBacktest
import TradingCore
import TradingData
import TradingMarketData
import TradingReports

/// `omega data export`
struct DataExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write stored candles as CSV (timestamp,open,high,low,close,volume; ms) or JSON."
    )

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var series: SeriesOptions

    @Option(help: "csv or json.")
    var format: String = "csv"

    @Option(help: "Output file.")
    var output: String

    func validate() throws {
        guard format == "csv" || format == "json" else {
            throw ValidationError("--format \(format): expected csv or json")
        }
    }

    func run() throws {
        try runDataCommand {
            let store = try directory.openStore()
            try series.requireSeries(in: store)
            let (from, to) = series.range()
            let file = try OutputFile(path: output)
            var rows = 0
            var text = format == "csv" ? "timestamp,open,high,low,close,volume\n" : "["
            try store.read { reader in
                try reader.candles(series.key, from: from, to: to) { batch in
                    for candle in batch {
                        if format == "csv" {
                            text +=
                                "\(candle.openTime),\(candle.open),\(candle.high),\(candle.low),\(candle.close),\(candle.volume)\n"
                        } else {
                            text += (rows == 0 ? "\n" : ",\n")
                            text +=
                                "[\(candle.openTime),\(candle.open),\(candle.high),\(candle.low),\(candle.close),\(candle.volume)\(candle.filled ? ",true" : "")]"
                        }
                        rows += 1
                        if text.utf8.count > 1 << 20 {
                            file.write(text)
                            text.removeAll(keepingCapacity: true)
                        }
                    }
                }
            }
            guard rows > 0 else {
                file.abandon()
                throw DataCommandError("no \(series.key) candles in the requested range")
            }
            if format == "json" { text += "\n]\n" }
            file.write(text)
            try file.commit()
            print("wrote \(rows) candles to \(output)")
        }
    }
}
