public import TradingCore

/// Reads best bid/offer updates (`timestamp,bid_price,bid_size,ask_price,ask_size`).
public final class QuoteFileSource: MarketDataSource {
    public let name: String
    public let kindPriority = 2
    let instrument: InstrumentIndex
    let range: TimeRange
    private let rows: CSVRowReader
    // Per-row fields, used from one thread at a time: no dynamic exclusivity checks (see `LineReader`).
    @exclusivity(unchecked) private var done = false

    public static let header = ["timestamp", "bid_price", "bid_size", "ask_price", "ask_size"]

    public init(path: String, instrument: InstrumentIndex, range: TimeRange = .all) throws(DataError) {
        name = path
        self.instrument = instrument
        self.range = range
        rows = try CSVRowReader(path: path, header: Self.header, order: .ascending)
    }

    public var progress: Double { rows.progress }
    public var span: ClosedRange<Timestamp>? { rows.span }
    public var timestampUnits: EpochUnitsSeen { rows.timestampUnits }

    public func next() throws(DataError) -> MarketEvent? {
        while !done, var fields = try rows.next() {
            let time = try rows.time(&fields)
            let bid = try fields.price("bid_price")
            let bidSize = try fields.quantity("bid_size")
            let ask = try fields.price("ask_price")
            let askSize = try fields.quantity("ask_size")
            try rows.finish(fields)
            if bid > ask { throw fields.error("bid_price", "bid \(bid) is above ask \(ask) (crossed quote)") }
            try rows.checkOrder(time, of: fields)
            try rows.checkPrice(bid, "bid_price", of: fields)
            try rows.checkPrice(ask, "ask_price", of: fields)
            rows.note(time)
            if range.isBefore(time) { continue }
            if range.isAfter(time) {
                done = true
                break
            }
            return .quote(
                QuoteTick(
                    instrument: instrument,
                    bidPrice: bid,
                    bidSize: bidSize,
                    askPrice: ask,
                    askSize: askSize,
                    exchangeTime: time,
                    receivedTime: time
                )
            )
        }
        done = true
        return nil
    }
}
