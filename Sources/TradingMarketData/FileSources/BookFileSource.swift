public import TradingCore

/// Reads level-2 order books from JSON lines, applied in file order:
/// `{"ts":…, "type":"snapshot"|"update", "last_update_id":…, "bids":[[price,size],…], "asks":[…]}`.
///
/// Replay time is the running maximum of `ts`: the first updates after a snapshot may carry a slightly
/// earlier `ts` (they were buffered before the snapshot) and are replayed right after it.
public final class BookFileSource: MarketDataSource {
    public let name: String
    public let kindPriority = 1
    let instrument: InstrumentIndex
    let range: TimeRange
    private let reader: LineReader
    // Per-row fields, used from one thread at a time: no dynamic exclusivity checks (see `LineReader`).
    @exclusivity(unchecked) private var replayTime: Int64 = .min
    /// The units of the file's `ts` values, each told by its size (see ``CSVRowReader``).
    @exclusivity(unchecked) public private(set) var timestampUnits = EpochUnitsSeen()
    @exclusivity(unchecked) private var prices = PriceSpan()
    @exclusivity(unchecked) private var tracker = SpanTracker()
    @exclusivity(unchecked) private var done = false

    public init(path: String, instrument: InstrumentIndex, range: TimeRange = .all) throws(DataError) {
        name = path
        self.instrument = instrument
        self.range = range
        reader = try LineReader(path: path)
    }

    public var progress: Double { reader.progress }
    public var span: ClosedRange<Timestamp>? { tracker.span }

    public func next() throws(DataError) -> MarketEvent? {
        while !done, let line = try reader.nextLine() {
            if line.isEmpty { continue }
            var parser = BookLineParser(line: line, file: name, lineNumber: reader.lineNumber)
            let record = try parser.parse()
            let unit = EpochUnit(detecting: record.timestamp)
            timestampUnits.insert(unit)
            let exchangeTime: Timestamp
            do {
                exchangeTime = try unit.timestamp(record.timestamp, in: Timestamp.marketDataRange)
            } catch {
                throw DataError(file: name, line: reader.lineNumber, field: "ts", message: "\(error)")
            }
            for level in record.bids + record.asks where level.size.raw > 0 {
                if let problem = prices.note(level.price.raw) {
                    throw DataError(file: name, line: reader.lineNumber, field: "bids/asks", message: problem)
                }
            }
            replayTime = max(replayTime, exchangeTime.nanoseconds)
            let time = Timestamp(nanoseconds: replayTime)
            tracker.note(exchangeTime)
            if range.isBefore(time) && record.kind == .delta { continue }
            if range.isAfter(time) {
                done = true
                break
            }
            // Snapshots before the range still seed the book, at the range start.
            let received = range.isBefore(time) ? (range.from ?? time) : time
            return .book(
                BookUpdate(
                    instrument: instrument,
                    kind: record.kind,
                    bids: record.bids,
                    asks: record.asks,
                    updateID: record.updateID,
                    exchangeTime: exchangeTime,
                    receivedTime: received
                )
            )
        }
        done = true
        return nil
    }
}

/// A small JSON reader for one order-book line; numbers are read as exact decimals.
struct BookLineParser {
    struct Record {
        var timestamp: Int64 = 0
        var kind: BookUpdate.Kind = .delta
        var updateID: UInt64 = 0
        var bids: [BookLevel] = []
        var asks: [BookLevel] = []
    }

    let line: UnsafeBufferPointer<UInt8>
    let file: String
    let lineNumber: Int
    private var index = 0

    init(line: UnsafeBufferPointer<UInt8>, file: String, lineNumber: Int) {
        self.line = line
        self.file = file
        self.lineNumber = lineNumber
    }

    private func error(_ field: String?, _ message: String) -> DataError {
        DataError(file: file, line: lineNumber, field: field, message: message)
    }

    mutating func parse() throws(DataError) -> Record {
        var record = Record()
        var sawTimestamp = false
        var sawType = false
        try expect(UInt8(ascii: "{"))
        skipSpaces()
        if peek() == UInt8(ascii: "}") { throw error(nil, "empty object") }
        while true {
            let key = try string()
            try expect(UInt8(ascii: ":"))
            switch key {
            case "ts":
                record.timestamp = try integer(key)
                sawTimestamp = true
            case "type":
                let value = try string()
                switch value {
                case "snapshot": record.kind = .snapshot
                case "update", "delta": record.kind = .delta
                default: throw error(key, "expected 'snapshot' or 'update', got '\(value)'")
                }
                sawType = true
            case "last_update_id", "u":
                let value = try integer(key)
                record.updateID = UInt64(truncatingIfNeeded: value)
            case "bids":
                record.bids = try levels(key)
            case "asks":
                record.asks = try levels(key)
            default:
                try skipValue()
            }
            skipSpaces()
            if peek() == UInt8(ascii: ",") {
                index += 1
                continue
            }
            try expect(UInt8(ascii: "}"))
            break
        }
        guard sawTimestamp else { throw error("ts", "missing") }
        guard sawType else { throw error("type", "missing") }
        return record
    }

    private func peek() -> UInt8? { index < line.count ? line[index] : nil }

    private mutating func skipSpaces() {
        while index < line.count, line[index] == 0x20 || line[index] == 0x09 { index += 1 }
    }

    private mutating func expect(_ byte: UInt8) throws(DataError) {
        skipSpaces()
        guard peek() == byte else {
            throw error(nil, "invalid JSON at column \(index + 1): expected '\(Character(UnicodeScalar(byte)))'")
        }
        index += 1
    }

    private mutating func string() throws(DataError) -> String {
        try expect(UInt8(ascii: "\""))
        let start = index
        while index < line.count, line[index] != UInt8(ascii: "\"") {
            if line[index] == UInt8(ascii: "\\") { index += 1 }
            index += 1
        }
        guard index < line.count else { throw error(nil, "invalid JSON: unterminated string") }
        let text = String(decoding: UnsafeBufferPointer(rebasing: line[start..<index]), as: UTF8.self)
        index += 1
        return text
    }

    private mutating func numberBytes(_ field: String) throws(DataError) -> UnsafeBufferPointer<UInt8> {
        skipSpaces()
        var quoted = false
        if peek() == UInt8(ascii: "\"") {
            quoted = true
            index += 1
        }
        let start = index
        while index < line.count {
            let byte = line[index]
            let isNumberByte =
                (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
            guard isNumberByte else { break }
            index += 1
        }
        guard index > start else { throw error(field, "expected a number at column \(start + 1)") }
        let bytes = UnsafeBufferPointer(rebasing: line[start..<index])
        if quoted { try expect(UInt8(ascii: "\"")) }
        return bytes
    }

    private mutating func integer(_ field: String) throws(DataError) -> Int64 {
        let bytes = try numberBytes(field)
        guard let value = IntegerParsing.int64(bytes) else {
            throw error(field, "expected an integer, got '\(String(decoding: bytes, as: UTF8.self))'")
        }
        return value
    }

    private mutating func decimal(_ field: String) throws(DataError) -> Int128 {
        let bytes = try numberBytes(field)
        do {
            return try FixedPoint.parse(utf8: bytes)
        } catch {
            throw self.error(field, "expected a decimal, got '\(String(decoding: bytes, as: UTF8.self))' (\(error))")
        }
    }

    private mutating func levels(_ field: String) throws(DataError) -> [BookLevel] {
        var result: [BookLevel] = []
        try expect(UInt8(ascii: "["))
        skipSpaces()
        if peek() == UInt8(ascii: "]") {
            index += 1
            return result
        }
        while true {
            try expect(UInt8(ascii: "["))
            let price = try decimal(field)
            try expect(UInt8(ascii: ","))
            let size = try decimal(field)
            try expect(UInt8(ascii: "]"))
            guard price > 0 else { throw error(field, "level price \(FixedPoint.format(price)) is not positive") }
            guard size >= 0 else { throw error(field, "level size \(FixedPoint.format(size)) is negative") }
            guard MarketDataLimits.price.contains(price), MarketDataLimits.quantity.contains(size) else {
                throw error(
                    field,
                    "level [\(FixedPoint.format(price)), \(FixedPoint.format(size))] is outside the accepted range"
                )
            }
            result.append(BookLevel(price: Price(raw: price), size: Quantity(raw: size)))
            skipSpaces()
            if peek() == UInt8(ascii: ",") {
                index += 1
                continue
            }
            try expect(UInt8(ascii: "]"))
            return result
        }
    }

    /// Skips any JSON value (for keys this reader does not use).
    private mutating func skipValue() throws(DataError) {
        skipSpaces()
        guard let byte = peek() else { throw error(nil, "invalid JSON: unexpected end of line") }
        if byte == UInt8(ascii: "\"") {
            _ = try string()
        } else if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
            var depth = 0
            var inString = false
            while index < line.count {
                let current = line[index]
                if inString {
                    if current == UInt8(ascii: "\\") {
                        index += 1
                    } else if current == UInt8(ascii: "\"") {
                        inString = false
                    }
                } else if current == UInt8(ascii: "\"") {
                    inString = true
                } else if current == UInt8(ascii: "[") || current == UInt8(ascii: "{") {
                    depth += 1
                } else if current == UInt8(ascii: "]") || current == UInt8(ascii: "}") {
                    depth -= 1
                    if depth == 0 {
                        index += 1
                        return
                    }
                }
                index += 1
            }
            throw error(nil, "invalid JSON: unbalanced brackets")
        } else {
            while index < line.count, line[index] != UInt8(ascii: ","), line[index] != UInt8(ascii: "}") { index += 1 }
        }
    }
}
