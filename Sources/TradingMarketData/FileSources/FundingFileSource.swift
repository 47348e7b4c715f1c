public import TradingCore

/// Reads funding rates (`timestamp,symbol,funding_rate`) and emits events for the symbols it is given;
/// rows of other symbols are skipped.
public final class FundingFileSource: MarketDataSource {
    public let name: String
    public let kindPriority = 0
    let instruments: [String: InstrumentIndex]
    let range: TimeRange
    private let rows: CSVRowReader
    // Per-row fields, used from one thread at a time: no dynamic exclusivity checks (see `LineReader`).
    @exclusivity(unchecked) private var done = false

    public static let header = ["timestamp", "symbol", "funding_rate"]

    /// - Parameter instruments: venue symbol (`"BTCUSDT"`) to instrument index.
    public init(path: String, instruments: [String: InstrumentIndex], range: TimeRange = .all) throws(DataError) {
        name = path
        self.instruments = instruments
        self.range = range
        rows = try CSVRowReader(path: path, header: Self.header, order: .ascending)
    }

    public var progress: Double { rows.progress }
    public var span: ClosedRange<Timestamp>? { rows.span }
    public var timestampUnits: EpochUnitsSeen { rows.timestampUnits }

    public func next() throws(DataError) -> MarketEvent? {
        while !done, var fields = try rows.next() {
            let time = try rows.time(&fields)
            let symbol = try fields.string("symbol")
            let rate = try fields.decimal("funding_rate")
            try rows.finish(fields)
            try rows.checkOrder(time, of: fields)
            guard rate.magnitude < UInt128(FixedPoint.scale) else {
                throw fields.error("funding_rate", "rate \(FixedPoint.format(rate)) is not a fraction")
            }
            guard let instrument = instruments[symbol] else { continue }
            rows.note(time)
            if range.isBefore(time) { continue }
            if range.isAfter(time) {
                done = true
                break
            }
            return .funding(
                FundingRateUpdate(instrument: instrument, rate: Ratio(raw: rate), fundingTime: time, receivedTime: time)
            )
        }
        done = true
        return nil
    }
}
