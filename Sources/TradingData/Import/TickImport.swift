import Foundation
import TradingMarketData

/// Trades, BBO quotes, funding rates and order-book lines, in the formats of ../shared/data.
extension FileImport {
    mutating func importTrades(
        firstLine: String,
        writer: StoreWriter,
        progress: (Double) -> Void
    ) throws -> FileImportReport {
        try importTimedRows(
            kind: .trades,
            header: "timestamp,price,size,side",
            format: "trades csv",
            firstLine: firstLine,
            writer: writer,
            progress: progress
        ) { line, ranges, time, sequence, inserter in
            guard ranges.count >= 4 else { return "expected 4 columns, got \(ranges.count)" }
            guard case .success(let price) = Self.decimal(line, ranges[1], "price"), price.units > 0 else {
                return "price: expected a positive decimal with at most 8 decimals"
            }
            guard case .success(let size) = Self.decimal(line, ranges[2], "size"), size.units > 0 else {
                return "size: expected a positive decimal with at most 8 decimals"
            }
            let side = String(decoding: UnsafeBufferPointer(rebasing: line[ranges[3]]), as: UTF8.self)
            guard side == "buy" || side == "sell" else { return "side: expected buy or sell, got '\(side)'" }
            try inserter.add(StoredTrade(time: time, price: price, size: size, buy: side == "buy"), sequence: sequence)
            return nil
        }
    }

    mutating func importQuotes(
        firstLine: String,
        writer: StoreWriter,
        progress: (Double) -> Void
    ) throws -> FileImportReport {
        try importTimedRows(
            kind: .quotes,
            header: "timestamp,bid_price,bid_size,ask_price,ask_size",
            format: "bbo csv",
            firstLine: firstLine,
            writer: writer,
            progress: progress
        ) { line, ranges, time, sequence, inserter in
            guard ranges.count >= 5 else { return "expected timestamp,bid_price,bid_size,ask_price,ask_size" }
            var values: [Decimal8] = []
            for (index, name) in ["bid_price", "bid_size", "ask_price", "ask_size"].enumerated() {
                if case .success(let value) = Self.decimal(line, ranges[index + 1], name), value.units >= 0 {
                    values.append(value)
                }
            }
            guard values.count == 4 else { return "prices and sizes must be decimals with at most 8 decimals" }
            guard values[0] <= values[2] || values[0].units == 0 || values[2].units == 0 else {
                return "crossed quote: bid \(values[0]) > ask \(values[2])"
            }
            try inserter.addQuote(
                time: time,
                sequence: sequence,
                bid: values[0],
                bidSize: values[1],
                ask: values[2],
                askSize: values[3]
            )
            return nil
        }
    }

    /// The loop shared by tick files: checks the header, reads the ms timestamp of each row, keeps rows in
    /// time order with a sequence number within each millisecond, and hands the rest of the row to `row`,
    /// which stores it or returns why it is rejected.
    private mutating func importTimedRows(
        kind: DataKind,
        header: String,
        format: String,
        firstLine: String,
        writer: StoreWriter,
        progress: (Double) -> Void,
        row: (UnsafeBufferPointer<UInt8>, [Range<Int>], _ time: Int64, _ sequence: Int64, RowInserter) throws -> String?
    ) throws -> FileImportReport {
        guard firstLine.hasPrefix(header) else { throw StoreError("\(path):1: \(kind) need the header \(header)") }
        let key = try key(kind)
        let inserter = try writer.inserter(kind, series: try writer.seriesID(key))
        var ranges: [Range<Int>] = []
        var rows = 0
        var previous: Int64 = .min
        var sequence: Int64 = 0
        while let line = try reader.nextLine() {
            if line.isEmpty { continue }
            Self.fields(line, into: &ranges)
            let number = reader.lineNumber
            guard let raw = TimestampParsing.integer(UnsafeBufferPointer(rebasing: line[ranges[0]])) else {
                try reject(number, "timestamp: expected an integer Unix time")
                continue
            }
            let time: Int64
            switch self.time.milliseconds(raw, truncating: true) {
            case .failure(let error):
                try reject(number, error.message)
                continue
            case .success(let value): time = value
            }
            // Ticks are numbered within their millisecond in file order, so the file must be in time order.
            guard time >= previous else {
                try reject(
                    number,
                    "time \(time) ms is before the previous row's \(previous) ms (ticks must be in time order)"
                )
                continue
            }
            let next = time == previous ? sequence + 1 : 0
            if let reason = try row(line, ranges, time, next, inserter) {
                try reject(number, reason)
                continue
            }
            sequence = next
            previous = time
            if first == nil { first = time }
            last = time
            rows += 1
            if rows & 0xFFFF == 0 { progress(reader.progress) }
        }
        return FileImportReport(
            file: path,
            format: format,
            key: key,
            rows: rows,
            inserted: try inserter.finish(),
            rejected: rejected,
            rejectedCount: rejectedCount,
            first: first,
            last: last
        )
    }

    /// Funding files list several symbols; each goes to its own series.
    mutating func importFunding(
        firstLine: String,
        writer: StoreWriter,
        progress: (Double) -> Void
    ) throws -> FileImportReport {
        guard firstLine.hasPrefix("timestamp,symbol,funding_rate") else {
            throw StoreError("\(path):1: funding rates need the header timestamp,symbol,funding_rate")
        }
        var inserters: [String: RowInserter] = [:]
        var ranges: [Range<Int>] = []
        var rows = 0
        var lastKey: SeriesKey?
        let changesBefore = writer.totalChanges
        var seriesCreated = 0
        while let line = try reader.nextLine() {
            if line.isEmpty { continue }
            Self.fields(line, into: &ranges)
            let number = reader.lineNumber
            guard ranges.count >= 3, let raw = TimestampParsing.integer(UnsafeBufferPointer(rebasing: line[ranges[0]]))
            else {
                try reject(number, "expected timestamp,symbol,funding_rate")
                continue
            }
            let time: Int64
            switch self.time.milliseconds(raw) {
            case .failure(let error):
                try reject(number, error.message)
                continue
            case .success(let value): time = value
            }
            let symbol = String(decoding: UnsafeBufferPointer(rebasing: line[ranges[1]]), as: UTF8.self).uppercased()
            guard !symbol.isEmpty else {
                try reject(number, "symbol: empty")
                continue
            }
            guard case .success(let rate) = Self.decimal(line, ranges[2], "funding_rate") else {
                try reject(number, "funding_rate: expected a decimal with at most 8 decimals")
                continue
            }
            let inserter: RowInserter
            if let existing = inserters[symbol] {
                inserter = existing
            } else {
                let key = try key(.funding, symbol: symbol)
                lastKey = key
                let beforeSeries = writer.totalChanges
                let id = try writer.seriesID(key)
                seriesCreated += writer.totalChanges - beforeSeries
                inserter = try writer.inserter(.funding, series: id, conflicts: conflicts)
                inserters[symbol] = inserter
            }
            if first == nil { first = time }
            last = max(last ?? time, time)
            do {
                try inserter.addFunding(time: time, rate: rate)
            } catch let error as StoreError {
                throw StoreError("\(path):\(number): \(error.message); nothing was imported")
            }
            rows += 1
        }
        for inserter in inserters.values { _ = try inserter.finish() }
        // Series rows created on the way are changes too; count only funding rows.
        let inserted = writer.totalChanges - changesBefore - seriesCreated
        let reportKey = try lastKey ?? key(.funding, symbol: "-")
        return FileImportReport(
            file: path,
            format: "funding csv (\(inserters.count) symbols)",
            key: reportKey,
            rows: rows,
            inserted: inserted,
            rejected: rejected,
            rejectedCount: rejectedCount,
            first: first,
            last: last
        )
    }

    /// Order-book lines are stored as they are, keyed by exchange time and file order.
    mutating func importBooks(
        firstLine: String,
        writer: StoreWriter,
        progress: (Double) -> Void
    ) throws -> FileImportReport {
        let key = try key(.books)
        let inserter = try writer.inserter(.books, series: try writer.seriesID(key))
        var rows = 0
        var sequence: Int64 = 0
        var pending: String? = firstLine
        var number = 1
        while true {
            let text: String
            if let line = pending {
                text = line
                pending = nil
            } else if let line = try reader.nextLine() {
                text = String(decoding: line, as: UTF8.self)
                number = reader.lineNumber
            } else {
                break
            }
            if text.isEmpty { continue }
            guard let data = text.data(using: .utf8),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                let raw = (object["ts"] as? NSNumber)?.int64Value, let type = object["type"] as? String,
                type == "snapshot" || type == "update"
            else {
                try reject(number, "expected a JSON object with ts and type snapshot or update")
                continue
            }
            let time: Int64
            switch self.time.milliseconds(raw, truncating: true) {
            case .failure(let error):
                try reject(number, error.message)
                continue
            case .success(let value): time = value
            }
            if first == nil { first = time }
            last = max(last ?? time, time)
            try inserter.addBook(time: time, sequence: sequence, line: text)
            sequence += 1
            rows += 1
            if rows & 0x3FFF == 0 { progress(reader.progress) }
        }
        return FileImportReport(
            file: path,
            format: "book jsonl",
            key: key,
            rows: rows,
            inserted: try inserter.finish(),
            rejected: rejected,
            rejectedCount: rejectedCount,
            first: first,
            last: last
        )
    }
}
