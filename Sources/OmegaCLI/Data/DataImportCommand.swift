import ArgumentParser
import TradingBacktest
import TradingCore
import TradingData
import TradingMarketData
import TradingReports

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `omega data import FILE...`
struct DataImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import candle, trade, quote, book or funding files into the store (atomic and idempotent).",
        discussion: """
            Formats: the ../shared/data files; Binance public kline CSV (12 columns, no header, ms or µs); freqtrade \
            JSON candle arrays; any CSV with a header through --columns. Plain or gzip. The series is read from the \
            file name (binance_BTCUSDT_1m.csv, BTCUSDT-1m-2024-01.csv) unless --exchange, --symbol and --timeframe \
            say otherwise. Integer timestamps may be in seconds, milliseconds, microseconds or nanoseconds: the \
            size of each tells its unit (reported), unless --timestamp-unit gives it; every time must lie in \
            2009-01-01 to 2100-01-01. All files go in one transaction: a failure leaves the store unchanged. A bad \
            line stops the import (exit 1, naming file:line and the reason) unless --skip-bad-lines skips and \
            counts bad lines. Candle rows may come in any order. Rows already stored with the same values are \
            left alone, so importing again changes nothing; a bar already stored with other values is a conflict \
            that names the bar, unless --replace overwrites it. Concurrent imports wait for each other.
            """
    )

    @OptionGroup var directory: DataDirectoryOption

    @Argument(help: "Files to import.")
    var files: [String]

    @Option(help: "Exchange name (binance, bybit, okx, bitget, …).")
    var exchange: String?

    @Option(help: "Symbol (BTCUSDT).")
    var symbol: String?

    @Option(help: "Candle timeframe (1m, 5m, 1h, 4h, 1d, 1w, 1M).")
    var timeframe: String?

    @Option(help: "Data kind for non-candle files: trades, quotes, books or funding (default: from the header).")
    var kind: String?

    @Option(
        help:
            "Generic CSV: field=column pairs, e.g. timestamp=Date,open=Open,high=High,low=Low,close=Close,volume=Volume."
    )
    var columns: String?

    @Option(
        name: .customLong("timestamp-unit"),
        help: "Unit of integer timestamps: s, ms, us or ns; iso for date text (generic CSV). Default: by size."
    )
    var timestampUnit: String?

    @Option(help: "Generic CSV: time zone of dates without an offset (UTC, +02:00, Europe/Berlin).")
    var timezone: String?

    @Flag(name: .customLong("skip-bad-lines"), help: "Skip bad lines (counted, the first listed) instead of stopping.")
    var skipBadLines = false

    @Flag(help: "Overwrite bars and funding rates already stored with other values.")
    var replace = false

    @Flag(help: "Print only errors.")
    var quiet = false

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one file") }
        if let kind, DataKind(rawValue: kind) == nil {
            throw ValidationError("--kind \(kind): expected candles, trades, quotes, books or funding")
        }
        if let timeframe, Timeframe(timeframe) == nil {
            throw ValidationError("--timeframe \(timeframe): expected 1m, 5m, 15m, 1h, 4h, 1d, 1w, 1M …")
        }
        if let columns { _ = try Self.parseColumns(columns) }
        if let timestampUnit, !["s", "ms", "us", "ns", "iso"].contains(timestampUnit) {
            throw ValidationError("--timestamp-unit \(timestampUnit.prefix(100)): expected s, ms, us, ns or iso")
        }
    }

    static func parseColumns(_ text: String) throws -> [String: String] {
        var mapping: [String: String] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, ["timestamp", "open", "high", "low", "close", "volume"].contains(parts[0]) else {
                throw ValidationError(
                    "--columns \(text): expected field=column pairs with fields timestamp, open, high, low, close, volume"
                )
            }
            mapping[parts[0]] = parts[1]
        }
        return mapping
    }

    func run() throws {
        try runDataCommand {
            let store = try directory.openStore()
            var options = ImportOptions()
            options.exchange = exchange
            options.symbol = symbol
            options.timeframe = timeframe
            options.kind = kind.flatMap(DataKind.init(rawValue:))
            options.skipBadLines = skipBadLines
            options.replace = replace
            options.columns = try columns.map(Self.parseColumns)
            options.timestampUnit = timestampUnit
            options.timeZone = timezone
            let progress = ProgressBar(enabled: !quiet && isatty(STDERR_FILENO) != 0, showsETA: true)
            let clock = ContinuousClock()
            let started = clock.now
            let reports: [FileImportReport]
            do {
                reports = try DataImporter.importFiles(files, options: options, into: store) { progress.update($0) }
            } catch {
                progress.finish()
                throw DataCommandError("\(error)")
            }
            progress.finish()
            let seconds = Double((clock.now - started).totalNanoseconds) / 1e9
            guard !quiet else { return }
            var total = 0
            for report in reports {
                total += report.rows
                let span =
                    report.first.map { first in
                        " \(Timestamp(milliseconds: first)) → \(Timestamp(milliseconds: report.last ?? first))"
                    } ?? ""
                let unit =
                    report.timestampUnits.isEmpty
                    ? ""
                    : ", timestamps in \(report.timestampUnits)\(report.timestampUnitDetected ? " (told by their size)" : "")"
                let stored = replace ? "new or replaced" : "new"
                print(
                    "\(report.file): \(report.format) → \(report.key): \(report.rows) rows, \(report.inserted) \(stored), \(report.alreadyStored) already stored\(span)\(unit)"
                )
                if report.rejectedCount > 0 {
                    print("  \(report.rejectedCount) lines skipped:")
                    for line in report.rejected.prefix(20) { print("    \(line)") }
                    if report.rejectedCount > 20 { print("    … and \(report.rejectedCount - 20) more") }
                }
            }
            let rate = seconds > 0 ? Double(total) / seconds : 0
            print(
                "Imported \(total) rows in \(DisplayFormat.seconds(seconds)) s (\(DisplayFormat.grouped(Int(rate))) rows/s) into \(store.path)"
            )
        }
    }
}
