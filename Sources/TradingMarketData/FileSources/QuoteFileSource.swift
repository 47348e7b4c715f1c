public import TradingCore


/// Reads best bid/offer updates (`timestamp,bid_price,bid_size,ask_price,ask_size`).
public final class QuoteFileSource: MarketDataSource {
    public let name: String
    public let kindPriority = 2
    let instrument: InstrumentIndex
    let range: TimeRange
    private let reader: LineReader
    private let allowExtraColumns: Bool
    // Per-row fields, used from one thread at a time: no dynamic exclusivity checks (see `LineReader`).
    @exclusivity(unchecked) private var previousTime: Int64?
    @exclusivity(unchecked) private var tracker = SpanTracker()
    @exclusivity(unchecked) private var done = false

    public static let header = ["timestamp", "bid_price", "bid_size", "ask_price", "ask_size"]

    public init(path: String, instrument: InstrumentIndex, range: TimeRange = .all) throws(DataError) {
        name = path
        self.instrument = instrument
        self.range = range
        reader = try LineReader(path: path)
        allowExtraColumns = try checkHeader(reader, expected: QuoteFileSource.header)
    }

    public var progress: Double { reader.progress }
    public var span: ClosedRange<Timestamp>? { tracker.span }

    public func next() throws(DataError) -> MarketEvent? {
        while !done, let line = try reader.nextLine() {
            if line.isEmpty { continue }
            var fields = FieldScanner(line: line, file: name, lineNumber: reader.lineNumber)
            let milliseconds = try fields.integer("timestamp")
            let bid = try fields.price("bid_price")
            let bidSize = try fields.quantity("bid_size")
            let ask = try fields.price("ask_price")
            let askSize = try fields.quantity("ask_size")
            try fields.finish(allowExtra: allowExtraColumns)
            if bid > ask { throw fields.error("bid_price", "bid \(bid) is above ask \(ask) (crossed quote)") }
            if let previousTime, milliseconds < previousTime {
                throw fields.error("timestamp", "timestamp \(milliseconds) is before the previous row's \(previousTime)")
            }
            previousTime = milliseconds
            let time = Timestamp(milliseconds: milliseconds)
            tracker.note(time)
            if range.isBefore(time) { continue }
            if range.isAfter(time) {
                done = true
                break
            }
            return .quote(
                QuoteTick(
                    instrument: instrument, bidPrice: bid, bidSize: bidSize, askPrice: ask, askSize: askSize,
                    exchangeTime: time, receivedTime: time))
        }
        done = true
        return nil
    }
}
