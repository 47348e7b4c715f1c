import Foundation
import TradingCore
import TradingMarketData

/// `omega data import`: reads files into the store in one transaction: all of them or, on a failure,
/// none. Rows already stored with the same values are left alone, so importing a file again changes nothing;
/// a bar stored with other values stops the import unless `replace` asks to overwrite it. A bad line stops
/// the import, naming file:line and the reason, unless `skipBadLines` asks to skip (and count) bad lines.
/// Candle rows may come in any order: the store is keyed by time.
public enum DataImporter {
    /// The most rejected lines kept per file for the report (all are counted).
    static let reportedRejections = 1_000

    /// Imports `paths` into `store`.
    /// - Throws: ``StoreError`` for unreadable or unrecognised files, a missing series name, a bad line
    ///   (unless skipped), a conflict with a stored row (unless replaced) or a file without a single good row;
    ///   the store is then unchanged.
    public static func importFiles(
        _ paths: [String],
        options: ImportOptions,
        into store: MarketStore,
        progress: ((Double) -> Void)? = nil
    ) throws(StoreError) -> [FileImportReport] {
        try store.transaction { writer in
            var reports: [FileImportReport] = []
            for (index, path) in paths.enumerated() {
                var file = try FileImport(path: path, options: options)
                reports.append(
                    try file.run(writer) { fraction in progress?((Double(index) + fraction) / Double(paths.count)) }
                )
            }
            return reports
        }
    }
}

/// One file's import.
struct FileImport {
    let path: String
    let options: ImportOptions
    let reader: LineReader
    var rejected: [RejectedLine] = []
    var rejectedCount = 0
    var first: Int64?
    var last: Int64?
    var time: FileTime

    init(path: String, options: ImportOptions) throws(StoreError) {
        self.path = path
        self.options = options
        let unit = options.timestampUnit.flatMap { EpochUnit(rawValue: $0) }
        time = FileTime(unit: unit)
        do {
            reader = try LineReader(path: path)
        } catch {
            throw StoreError(error.description)
        }
    }

    mutating func reject(_ line: Int, _ reason: String) throws(StoreError) {
        if !options.skipBadLines {
            throw StoreError(
                "\(path):\(line): \(reason) (nothing was imported; --skip-bad-lines skips bad lines and counts them)"
            )
        }
        rejectedCount += 1
        if rejected.count < DataImporter.reportedRejections {
            rejected.append(RejectedLine(file: path, line: line, reason: reason))
        }
    }

    func key(_ kind: DataKind, timeframe: String? = nil, symbol: String? = nil) throws(StoreError) -> SeriesKey {
        let guess = SeriesNaming.guess(path)
        guard let exchange = options.exchange ?? guess.exchange else {
            throw StoreError("\(path): cannot tell the exchange from the file name; give --exchange")
        }
        guard let symbol = symbol ?? options.symbol ?? guess.symbol else {
            throw StoreError("\(path): cannot tell the symbol from the file name; give --symbol")
        }
        if kind == .candles {
            guard let frame = timeframe ?? options.timeframe ?? guess.timeframe else {
                throw StoreError("\(path): cannot tell the timeframe from the file name; give --timeframe")
            }
            guard Timeframe(frame) != nil else {
                throw StoreError("\(path): timeframe '\(frame)' is not one like 1m, 4h, 1d, 1w, 1M")
            }
            return SeriesKey(exchange: exchange, symbol: symbol, kind: .candles, timeframe: frame)
        }
        return SeriesKey(exchange: exchange, symbol: symbol, kind: kind)
    }

    mutating func run(_ writer: StoreWriter, progress: (Double) -> Void) throws(StoreError) -> FileImportReport {
        var report = try read(writer, progress: progress)
        guard report.rows > 0 else {
            let skipped = report.rejectedCount > 0 ? " (\(report.rejectedCount) bad lines skipped)" : ""
            throw StoreError("\(path): no row could be imported\(skipped); nothing was imported")
        }
        report.timestampUnits = time.seen
        report.timestampUnitDetected = time.unit == nil
        return report
    }

    /// The conflict policy the options ask for.
    var conflicts: ConflictPolicy { options.replace ? .replace : .fail }

    mutating func read(_ writer: StoreWriter, progress: (Double) -> Void) throws(StoreError) -> FileImportReport {
        let firstLine: String
        do {
            guard let line = try reader.nextLine() else { throw StoreError("\(path): empty file") }
            firstLine = String(decoding: line, as: UTF8.self)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("\(error)")
        }
        let kind = options.kind ?? Self.kindFromHeader(firstLine) ?? .candles
        do {
            switch kind {
            case .candles:
                guard let format = CandleFormat.detect(path: path, firstLine: firstLine, options: options) else {
                    throw StoreError(
                        "\(path):1: unrecognised candle file; expected a timestamp,open,high,low,close,volume header, Binance klines (12 columns), freqtrade JSON, or --columns for another CSV"
                    )
                }
                return try importCandles(format: format, firstLine: firstLine, writer: writer, progress: progress)
            case .trades: return try importTrades(firstLine: firstLine, writer: writer, progress: progress)
            case .quotes: return try importQuotes(firstLine: firstLine, writer: writer, progress: progress)
            case .funding: return try importFunding(firstLine: firstLine, writer: writer, progress: progress)
            case .books: return try importBooks(firstLine: firstLine, writer: writer, progress: progress)
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DataError {
            throw StoreError(error.description)
        } catch {
            throw StoreError("\(path): \(error)")
        }
    }

    static func kindFromHeader(_ line: String) -> DataKind? {
        if line.hasPrefix("{") { return .books }
        if line.hasPrefix("timestamp,price,size,side") { return .trades }
        if line.hasPrefix("timestamp,bid_price,bid_size,ask_price,ask_size") { return .quotes }
        if line.hasPrefix("timestamp,symbol,funding_rate") { return .funding }
        return nil
    }

    /// Splits a CSV line into byte ranges (no quoting beyond trimming quotes around fields).
    static func fields(_ line: UnsafeBufferPointer<UInt8>, into ranges: inout [Range<Int>]) {
        ranges.removeAll(keepingCapacity: true)
        var start = 0
        for index in 0..<line.count where line[index] == UInt8(ascii: ",") {
            ranges.append(start..<index)
            start = index + 1
        }
        ranges.append(start..<line.count)
    }

    // MARK: Candles

    mutating func importCandles(
        format: CandleFormat,
        firstLine: String,
        writer: StoreWriter,
        progress: (Double) -> Void
    ) throws -> FileImportReport {
        let key = try key(.candles)
        let inserter = try writer.inserter(.candles, series: try writer.seriesID(key), conflicts: conflicts)
        var rows = 0
        var previous: Int64?
        var repeated = 0
        var outOfOrder = 0
        // Accepts one parsed candle (or the reason it is bad) for line `line`; `rawTime` says its open time is
        // still the file's integer, in the file's unit. Rows may come in any order: the store is keyed by time,
        // and a second row for a time is a conflict only when its values differ.
        func accept(
            _ result: Result<StoredCandle, StoreError>,
            line: Int,
            rawTime: Bool = true,
            into this: inout FileImport
        ) throws {
            switch result {
            case .failure(let error): try this.reject(line, error.message)
            case .success(var candle):
                if rawTime {
                    switch this.time.milliseconds(candle.openTime) {
                    case .failure(let error): return try this.reject(line, error.message)
                    case .success(let milliseconds): candle.openTime = milliseconds
                    }
                }
                if let problem = CandleChecks.problem(candle) { return try this.reject(line, problem) }
                if let previous, candle.openTime <= previous {
                    if candle.openTime == previous { repeated += 1 } else { outOfOrder += 1 }
                }
                previous = candle.openTime
                this.first = min(this.first ?? candle.openTime, candle.openTime)
                this.last = max(this.last ?? candle.openTime, candle.openTime)
                do {
                    try inserter.add(candle)
                } catch let error as StoreError {
                    throw StoreError("\(this.path): \(error.message); nothing was imported")
                }
                rows += 1
            }
        }
        var ranges: [Range<Int>] = []
        switch format {
        case .omega, .binanceKlines:
            if format == .binanceKlines {
                let copy = Array(firstLine.utf8)
                try copy.withUnsafeBufferPointer { line in
                    Self.fields(line, into: &ranges)
                    try accept(Self.kline(line, ranges), line: 1, into: &self)
                }
            }
            while let line = try reader.nextLine() {
                if line.isEmpty { continue }
                Self.fields(line, into: &ranges)
                let result = format == .omega ? Self.omegaCandle(line, ranges) : Self.kline(line, ranges)
                try accept(result, line: reader.lineNumber, into: &self)
                if rows & 0xFFFF == 0 { progress(reader.progress) }
            }
        case .freqtrade:
            var text = firstLine
            while let line = try reader.nextLine() { text += String(decoding: line, as: UTF8.self) }
            var row = 0
            for candle in try Self.freqtradeRows(text, path: path) {
                row += 1
                try accept(candle, line: row, into: &self)
            }
        case .generic:
            let mapping = try GenericColumns(header: firstLine, options: options, path: path)
            while let line = try reader.nextLine() {
                if line.isEmpty { continue }
                Self.fields(line, into: &ranges)
                try accept(
                    mapping.candle(line, ranges, time: &time),
                    line: reader.lineNumber,
                    rawTime: false,
                    into: &self
                )
            }
        }
        do {
            try inserter.flush()
        } catch let error as StoreError {
            throw StoreError("\(path): \(error.message); nothing was imported")
        }
        progress(1)
        var report = FileImportReport(
            file: path,
            format: format.rawValue,
            key: key,
            rows: rows,
            inserted: try inserter.finish(),
            rejected: rejected,
            rejectedCount: rejectedCount,
            first: first,
            last: last
        )
        report.repeatedRows = repeated
        report.outOfOrderRows = outOfOrder
        return report
    }

    static func decimal(
        _ line: UnsafeBufferPointer<UInt8>,
        _ range: Range<Int>,
        _ name: String
    ) -> Result<Decimal8, StoreError> {
        let bytes = UnsafeBufferPointer(rebasing: line[range])
        guard let value = Decimal8.parse(bytes) else {
            return .failure(
                StoreError(
                    "\(name): expected a decimal with at most 8 decimals, got '\(quoted(bytes))'"
                )
            )
        }
        return .success(value)
    }

    static func candle(
        _ line: UnsafeBufferPointer<UInt8>,
        _ ranges: [Range<Int>],
        time: Int64,
        columns: [Int]
    ) -> Result<StoredCandle, StoreError> {
        let open = decimal(line, ranges[columns[0]], "open")
        let high = decimal(line, ranges[columns[1]], "high")
        let low = decimal(line, ranges[columns[2]], "low")
        let close = decimal(line, ranges[columns[3]], "close")
        let volume = decimal(line, ranges[columns[4]], "volume")
        switch (open, high, low, close, volume) {
        case (.success(let o), .success(let h), .success(let l), .success(let c), .success(let v)):
            return .success(StoredCandle(openTime: time, open: o, high: h, low: l, close: c, volume: v))
        default:
            for result in [open, high, low, close, volume] {
                if case .failure(let error) = result { return .failure(error) }
            }
            return .failure(StoreError("unreadable row"))
        }
    }

    static func omegaCandle(
        _ line: UnsafeBufferPointer<UInt8>,
        _ ranges: [Range<Int>]
    ) -> Result<StoredCandle, StoreError> {
        guard ranges.count >= 6 else { return .failure(StoreError("expected 6 columns, got \(ranges.count)")) }
        guard let time = TimestampParsing.integer(UnsafeBufferPointer(rebasing: line[ranges[0]])) else {
            return .failure(
                StoreError(
                    "timestamp: expected an integer Unix time, got '\(quoted(UnsafeBufferPointer(rebasing: line[ranges[0]])))'"
                )
            )
        }
        return candle(line, ranges, time: time, columns: [1, 2, 3, 4, 5])
    }

    static func kline(_ line: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>]) -> Result<StoredCandle, StoreError> {
        guard ranges.count >= 6 else { return .failure(StoreError("expected 12 columns, got \(ranges.count)")) }
        guard let time = TimestampParsing.integer(UnsafeBufferPointer(rebasing: line[ranges[0]])) else {
            return .failure(
                StoreError(
                    "open time: expected an integer Unix time, got '\(quoted(UnsafeBufferPointer(rebasing: line[ranges[0]])))'"
                )
            )
        }
        return candle(line, ranges, time: time, columns: [1, 2, 3, 4, 5])
    }

    /// The rows of a freqtrade candle file: `[[ms, o, h, l, c, v], …]`.
    static func freqtradeRows(_ text: String, path: String) throws(StoreError) -> [Result<StoredCandle, StoreError>] {
        guard let data = text.data(using: .utf8), let rows = try? JSONSerialization.jsonObject(with: data) as? [Any]
        else {
            throw StoreError("\(path): not a JSON array of [timestamp, open, high, low, close, volume] rows")
        }
        return rows.map { row -> Result<StoredCandle, StoreError> in
            guard let values = row as? [Any], values.count >= 6 else {
                return .failure(StoreError("expected [timestamp, open, high, low, close, volume]"))
            }
            let numbers = values.prefix(6).map { ($0 as? NSNumber)?.doubleValue }
            guard let time = numbers[0], time.rounded() == time, abs(time) < 9e18 else {
                return .failure(StoreError("timestamp: expected an integer Unix time"))
            }
            var decimals: [Decimal8] = []
            for (index, name) in ["open", "high", "low", "close", "volume"].enumerated() {
                guard let value = numbers[index + 1], let decimal = Decimal8(exactly: value) else {
                    return .failure(
                        StoreError(
                            "\(name): expected a number with at most 8 decimals, got \(String(describing: values[index + 1]).prefix(100))"
                        )
                    )
                }
                decimals.append(decimal)
            }
            return .success(
                StoredCandle(
                    openTime: Int64(time),
                    open: decimals[0],
                    high: decimals[1],
                    low: decimals[2],
                    close: decimals[3],
                    volume: decimals[4]
                )
            )
        }
    }
}

/// A field's text for a message: at most 100 characters.
func quoted(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    let text = String(decoding: bytes, as: UTF8.self)
    return text.count > 100 ? text.prefix(100) + "…" : text
}
