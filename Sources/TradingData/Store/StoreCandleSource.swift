public import TradingCore
public import TradingMarketData

/// Replays a stored candle series to a backtest, a page at a time (memory stays flat).
public final class StoreCandleSource: MarketDataSource {
    public let name: String
    public let kindPriority = 4
    private let store: MarketStore
    private let key: SeriesKey
    private let timeframe: Timeframe
    private let instrument: InstrumentIndex
    private let end: Int64
    private var after: Int64
    private var page: [StoredCandle] = []
    private var position = 0
    private var finished = false
    private let total: Int
    private var delivered = 0
    private var prices = PriceSpan()
    public private(set) var span: ClosedRange<Timestamp>?

    /// - Throws: ``StoreError`` when the series is not in the store.
    public init(store: MarketStore, key: SeriesKey, instrument: InstrumentIndex, range: TimeRange) throws(StoreError) {
        guard let timeframe = Timeframe(key.timeframe) else { throw StoreError("\(key): not a time-bar series") }
        let summaries = try store.read { try $0.summaries() }
        guard let summary = summaries.first(where: { $0.key == key }) else {
            let known = summaries.filter { $0.key.kind == .candles }.map(\.key.description)
            throw StoreError(
                "no \(key) candles in \(store.path)"
                    + (known.isEmpty
                        ? " (the store is empty; import data with `omega data import`)"
                        : "; it has: \(known.joined(separator: ", "))")
            )
        }
        self.store = store
        self.key = key
        self.timeframe = timeframe
        self.instrument = instrument
        name = "store:\(key)"
        after = (range.from?.milliseconds).map { $0 - 1 } ?? .min
        end = range.to?.milliseconds ?? .max
        total = summary.rows
        span = Timestamp(milliseconds: summary.first)...Timestamp(milliseconds: summary.last)
    }

    public var progress: Double { total > 0 ? min(1, Double(delivered) / Double(total)) : 1 }

    public func next() throws(DataError) -> MarketEvent? {
        if position == page.count {
            guard !finished else { return nil }
            do {
                page = try store.read { try $0.candlePage(key, after: after, to: end, limit: 16_384) }
            } catch {
                throw DataError(file: name, message: error.description)
            }
            position = 0
            if page.count < 16_384 { finished = true }
            guard let last = page.last else { return nil }
            after = last.openTime
        }
        let candle = page[position]
        position += 1
        delivered += 1
        let open = Timestamp(milliseconds: candle.openTime)
        // The importer checks each row; across a series, prices must also stay within the ratio any file's
        // must (``MarketDataLimits/priceRatio``).
        for price in [candle.high, candle.low] where price.units > 0 {
            if let problem = prices.note(price.fixedPointRaw) {
                throw DataError(file: name, message: "the bar at \(open): \(problem)")
            }
        }
        return .bar(
            Bar(
                instrument: instrument,
                openTime: open,
                closeTime: timeframe.closeTime(opening: open),
                open: Price(raw: candle.open.fixedPointRaw),
                high: Price(raw: candle.high.fixedPointRaw),
                low: Price(raw: candle.low.fixedPointRaw),
                close: Price(raw: candle.close.fixedPointRaw),
                volume: Quantity(raw: candle.volume.fixedPointRaw)
            )
        )
    }
}
