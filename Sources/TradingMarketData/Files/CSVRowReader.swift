import TradingCore

/// The rows of a CSV data file, under every CSV file source: the header checked against the expected
/// leading columns (extra columns allowed when the header names them), blank lines skipped, each row's
/// timestamp read in the file's unit and held to the accepted range and the file's order, and the span of the
/// times read kept for messages.
///
/// Integer timestamps may be in seconds, milliseconds, microseconds or nanoseconds: each value's size tells
/// its unit (``EpochUnit/init(detecting:)``; inside the accepted range the units' sizes do not overlap), and
/// every time must lie in ``Timestamp/marketDataRange``: a time outside is an error naming its line.
///
/// A row's fields are valid until the next call to ``next()``.
final class CSVRowReader {
    /// How a file's timestamps must run.
    enum Order {
        /// Each row after the one before it (candles: one row per bar).
        case strictlyAscending
        /// Never before the one before it (ticks: several may share a millisecond).
        case ascending
    }

    let path: String
    let order: Order
    private let reader: LineReader
    /// Whether the header declared columns after the expected ones.
    private let allowsExtraColumns: Bool
    // Read once per row from one thread at a time: no dynamic exclusivity checks (see `LineReader`).
    @exclusivity(unchecked) private var previousTime: Int64?
    @exclusivity(unchecked) private var tracker = SpanTracker()
    /// The units the file's integer timestamps were read in.
    @exclusivity(unchecked) private(set) var timestampUnits = EpochUnitsSeen()
    @exclusivity(unchecked) private var prices = PriceSpan()

    /// Opens `path` and checks its header.
    /// - Throws: ``DataError`` when the file cannot be opened, is empty, or its header does not start with
    ///   `header`.
    init(path: String, header: [String], order: Order) throws(DataError) {
        self.path = path
        self.order = order
        reader = try LineReader(path: path)
        guard let line = try reader.nextLine() else { throw DataError(file: path, message: "empty file") }
        let columns = String(decoding: line, as: UTF8.self).split(separator: ",", omittingEmptySubsequences: false)
            .map(\.columnName)
        guard columns.count >= header.count, Array(columns.prefix(header.count)) == header else {
            throw DataError(
                file: path,
                line: 1,
                message:
                    "unexpected header '\(columns.joined(separator: ","))'; expected '\(header.joined(separator: ","))'"
            )
        }
        allowsExtraColumns = columns.count > header.count
    }

    /// How far through the file the reader is, from 0 to 1.
    var progress: Double { reader.progress }

    /// The first and last times noted so far (``note(_:)``).
    var span: ClosedRange<Timestamp>? { tracker.span }

    /// The next non-empty row's fields, or `nil` at the end of the file.
    /// - Throws: ``DataError`` on a read or decompression error.
    @inline(__always)
    func next() throws(DataError) -> FieldScanner? {
        while let line = try reader.nextLine() {
            if line.isEmpty { continue }
            return FieldScanner(line: line, file: path, lineNumber: reader.lineNumber)
        }
        return nil
    }

    /// Fails when the row has more columns than the header allows.
    @inline(__always)
    func finish(_ fields: FieldScanner) throws(DataError) { try fields.finish(allowExtra: allowsExtraColumns) }

    /// Reads the row's integer time from the next field, named `field`, in the unit its size tells.
    /// - Throws: ``DataError`` naming the row and the field when it is not an integer or lies outside
    ///   ``Timestamp/marketDataRange``.
    @inline(__always)
    func time(_ fields: inout FieldScanner, field: String = "timestamp") throws(DataError) -> Timestamp {
        let value = try fields.integer(field)
        let unit = EpochUnit(detecting: value)
        timestampUnits.insert(unit)
        do {
            return try unit.timestamp(value, in: Timestamp.marketDataRange)
        } catch {
            throw fields.error(field, "\(error)")
        }
    }

    /// Holds the row's time (read by ``time(_:field:)``, in the `timestamp` column) to the file's order.
    /// - Throws: ``DataError`` naming the row and the column when it is out of order.
    @inline(__always)
    func checkOrder(_ time: Timestamp, of fields: FieldScanner) throws(DataError) {
        let nanoseconds = time.nanoseconds
        if let previousTime {
            switch order {
            case .strictlyAscending where nanoseconds <= previousTime:
                throw fields.error(
                    "timestamp",
                    "time \(time) is not after the previous row's \(Timestamp(nanoseconds: previousTime))"
                        + " (rows must be strictly ascending)"
                )
            case .ascending where nanoseconds < previousTime:
                throw fields.error(
                    "timestamp",
                    "time \(time) is before the previous row's \(Timestamp(nanoseconds: previousTime))"
                )
            default: break
            }
        }
        previousTime = nanoseconds
    }

    /// Holds the row's `price` (in the column `field`) within ``MarketDataLimits/priceRatio`` of the file's
    /// other prices.
    /// - Throws: ``DataError`` naming the row and the field.
    @inline(__always)
    func checkPrice(_ price: Price, _ field: String, of fields: FieldScanner) throws(DataError) {
        if let problem = prices.note(price.raw) { throw fields.error(field, problem) }
    }

    /// Notes a time read, for ``span``.
    @inline(__always)
    func note(_ time: Timestamp) { tracker.note(time) }
}

extension Substring {
    /// A header column as compared: without spaces, a byte-order mark or quotes, in lower case.
    var columnName: String {
        var text = self
        while let first = text.first, first == " " || first == "\u{FEFF}" || first == "\"" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\"" { text.removeLast() }
        return String(text).lowercased()
    }
}
