public import TradingCore

/// Reads trade ticks (`timestamp,price,size,side`, side = the aggressor, `buy` or `sell`).
public final class TradeFileSource: MarketDataSource {
    public let name: String
    public let kindPriority = 3
    let instrument: InstrumentIndex
    let range: TimeRange
    private let rows: CSVRowReader
    // Per-row fields, used from one thread at a time: no dynamic exclusivity checks (see `LineReader`).
    @exclusivity(unchecked) private var done = false

    public static let header = ["timestamp", "price", "size", "side"]

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
            let price = try fields.price("price")
            let size = try fields.quantity("size")
            let sideText = try fields.string("side")
            try rows.finish(fields)
            let side: OrderSide
            switch sideText.lowercased() {
            case "buy": side = .buy
            case "sell": side = .sell
            default: throw fields.error("side", "expected 'buy' or 'sell', got '\(sideText)'")
            }
            try rows.checkOrder(time, of: fields)
            try rows.checkPrice(price, "price", of: fields)
            rows.note(time)
            if range.isBefore(time) { continue }
            if range.isAfter(time) {
                done = true
                break
            }
            return .trade(
                TradeTick(
                    instrument: instrument,
                    price: price,
                    size: size,
                    aggressor: side,
                    exchangeTime: time,
                    receivedTime: time
                )
            )
        }
        done = true
        return nil
    }
}
