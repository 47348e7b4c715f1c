public import TradingCore


/// Reads trade ticks (`timestamp,price,size,side`, side = the aggressor, `buy` or `sell`).
public final class TradeFileSource: MarketDataSource {
    public let name: String
    public let kindPriority = 3
    let instrument: InstrumentIndex
    let range: TimeRange
    private let reader: LineReader
    private let allowExtraColumns: Bool
    // Per-row fields, used from one thread at a time: no dynamic exclusivity checks (see `LineReader`).
    @exclusivity(unchecked) private var previousTime: Int64?
    @exclusivity(unchecked) private var tracker = SpanTracker()
    @exclusivity(unchecked) private var done = false

    public static let header = ["timestamp", "price", "size", "side"]

    public init(path: String, instrument: InstrumentIndex, range: TimeRange = .all) throws(DataError) {
        name = path
        self.instrument = instrument
        self.range = range
        reader = try LineReader(path: path)
        allowExtraColumns = try checkHeader(reader, expected: TradeFileSource.header)
    }

    public var progress: Double { reader.progress }
    public var span: ClosedRange<Timestamp>? { tracker.span }

    public func next() throws(DataError) -> MarketEvent? {
        while !done, let line = try reader.nextLine() {
            if line.isEmpty { continue }
            var fields = FieldScanner(line: line, file: name, lineNumber: reader.lineNumber)
            let milliseconds = try fields.integer("timestamp")
            let price = try fields.price("price")
            let size = try fields.quantity("size")
            let sideText = try fields.string("side")
            try fields.finish(allowExtra: allowExtraColumns)
            let side: OrderSide
            switch sideText.lowercased() {
            case "buy": side = .buy
            case "sell": side = .sell
            default: throw fields.error("side", "expected 'buy' or 'sell', got '\(sideText)'")
            }
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
            return .trade(
                TradeTick(instrument: instrument, price: price, size: size, aggressor: side, exchangeTime: time, receivedTime: time))
        }
        done = true
        return nil
    }
}
