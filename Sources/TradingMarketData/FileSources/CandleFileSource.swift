import DequeModule
public import TradingCore

/// Reads OHLCV candles (`timestamp,open,high,low,close,volume`, open time in Unix milliseconds) and
/// emits ``Bar`` events at each bar's close time.
///
/// Rows must be strictly ascending; a row whose high is below its low, or whose open or close lies outside
/// [low, high], is an error naming the file, line and field.
public final class CandleFileSource: MarketDataSource {
    public let name: String
    public let kindPriority = 4
    let instrument: InstrumentIndex
    let range: TimeRange
    private let rows: CSVRowReader
    // Read once per row from one thread at a time: no dynamic exclusivity checks (see `LineReader`).
    /// The bar length; inferred from the first two rows when not given.
    @exclusivity(unchecked) public private(set) var timeframe: Timeframe?
    @exclusivity(unchecked) private var buffered: Deque<Row> = []
    @exclusivity(unchecked) private var done = false

    struct Row {
        let time: Timestamp
        let open: Price
        let high: Price
        let low: Price
        let close: Price
        let volume: Quantity
    }

    public static let header = ["timestamp", "open", "high", "low", "close", "volume"]

    /// - Throws: ``DataError`` when the file cannot be opened or its header is wrong.
    public init(
        path: String,
        instrument: InstrumentIndex,
        timeframe: Timeframe?,
        range: TimeRange = .all
    )
        throws(DataError)
    {
        name = path
        self.instrument = instrument
        self.range = range
        self.timeframe = timeframe
        rows = try CSVRowReader(path: path, header: Self.header, order: .strictlyAscending)
    }

    public var progress: Double { rows.progress }
    public var span: ClosedRange<Timestamp>? { rows.span }
    public var timestampUnits: EpochUnitsSeen { rows.timestampUnits }

    public func next() throws(DataError) -> MarketEvent? {
        while !done {
            guard let row = try nextRow() else {
                done = true
                return nil
            }
            if range.isBefore(row.time) { continue }
            if range.isAfter(row.time) {
                done = true
                return nil
            }
            guard let timeframe else { preconditionFailure("Invariant: the timeframe is known once a row is returned") }
            return .bar(
                Bar(
                    instrument: instrument,
                    openTime: row.time,
                    closeTime: timeframe.closeTime(opening: row.time),
                    open: row.open,
                    high: row.high,
                    low: row.low,
                    close: row.close,
                    volume: row.volume
                )
            )
        }
        return nil
    }

    private func nextRow() throws(DataError) -> Row? {
        if timeframe == nil {
            // Infer the bar length from the spacing of the first two rows.
            while buffered.count < 2, let row = try readRow() { buffered.append(row) }
            guard buffered.count == 2 else {
                if buffered.isEmpty { return nil }
                throw DataError(
                    file: name,
                    message:
                        "cannot infer the bar length from a single row; name the timeframe in the file name (e.g. _1m.csv)"
                )
            }
            let spacing = buffered[1].time.nanoseconds - buffered[0].time.nanoseconds
            guard let inferred = Timeframe(spacingNanoseconds: spacing) else {
                throw DataError(
                    file: name,
                    line: 3,
                    message: "cannot infer the bar length from a spacing of \(spacing) ns"
                )
            }
            timeframe = inferred
        }
        if let row = buffered.popFirst() { return row }
        return try readRow()
    }

    private func readRow() throws(DataError) -> Row? {
        while var fields = try rows.next() {
            let time = try rows.time(&fields)
            let open = try fields.price("open")
            let high = try fields.price("high")
            let low = try fields.price("low")
            let close = try fields.price("close")
            let volume = try fields.quantity("volume")
            try rows.finish(fields)
            try rows.checkOrder(time, of: fields)
            if high < low {
                throw fields.error("high", "high \(high) is below low \(low)")
            }
            if open < low || open > high {
                throw fields.error("open", "open \(open) is outside the bar's range [\(low), \(high)]")
            }
            if close < low || close > high {
                throw fields.error("close", "close \(close) is outside the bar's range [\(low), \(high)]")
            }
            try rows.checkPrice(high, "high", of: fields)
            try rows.checkPrice(low, "low", of: fields)
            rows.note(time)
            return Row(time: time, open: open, high: high, low: low, close: close, volume: volume)
        }
        return nil
    }
}
