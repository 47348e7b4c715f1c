public import TradingCore
import TradingMarketData

/// Real market data that drives some of the sim's base assets (`omega sim --data FILE`): files the backtester
/// reads (candles, trades, quotes or book lines, plain or gzip, and Binance USD-M funding rates), turned into
/// the sim's one-minute bars.
///
/// - **Prices.** Each base takes its bars from one kind of file, the finest it was given: trades, else candles,
///   else quotes (mid price), else books (mid price). Trades, quotes, books and candles shorter than a minute
///   are gathered into one-minute bars (volume from trades and candles; none from quotes and books). A candle
///   longer than a minute is spread over its minutes along the backtest's intra-bar path (open → nearer
///   extreme → farther extreme → close), its volume shared evenly.
/// - **Time.** Minute 0 is the minute of the earliest row of any file. A minute without data repeats the last
///   close with no volume, and before its first row a base stands at its first open.
/// - **Books.** A book file's book, as it stood at the end of each minute it covers (at most
///   ``SyntheticBook/depth`` levels a side), is the depth served for that base during the following minute.
/// - **Funding.** A funding file's rates settle each USD-M symbol it lists at the 8-hour mark they belong to.
public struct SimReplayData: Sendable {
    /// A recorded book at one minute's end, best levels first.
    public struct RecordedBook: Sendable, Hashable {
        public let bids: [BookLevel]
        public let asks: [BookLevel]
    }

    /// The first minute of the data (a whole minute).
    public let start: Timestamp
    /// One-minute bars per base from ``start``, without gaps, possibly of different lengths.
    public let minutes: [String: [Bar]]
    /// Per base, the recorded book at the end of each minute (by minute index) a book file covers.
    public let books: [String: [Int: RecordedBook]]
    /// Per base, funding rates by settlement time (Unix milliseconds), ascending.
    public let funding: [String: [(time: Int64, rate: Ratio)]]
    /// The files, as given.
    public let paths: [String]

    /// Bases the sim lists; data for any other is refused.
    public static let bases = SimInstruments.symbols(.spot).map(\.base)

    /// Reads `paths` (one or more per base; funding files on top).
    /// - Throws: ``SimDataError`` naming the file (and line and field) that cannot be used.
    public init(paths: [String]) throws(SimDataError) {
        let minute = SimMarket.minuteNanoseconds
        var descriptions: [DataFileDescription] = []
        for path in paths {
            do {
                descriptions.append(try DataFileDescription.describe(path))
            } catch {
                throw SimDataError("\(error)")
            }
        }
        // Price points per base from its finest kind of file, book states, and funding rates.
        let rank: [DataKind: Int] = [.trades: 0, .candles: 1, .quotes: 2, .books: 3]
        var chosen: [String: DataKind] = [:]
        for description in descriptions where description.kind != .funding {
            let base = description.base.code
            guard Self.bases.contains(base), description.quote.code == "USDT" else {
                throw SimDataError(
                    "\(description.path): the sim lists \(Self.bases.map { "\($0)USDT" }.joined(separator: ", ")), "
                        + "not \(description.base.code)\(description.quote.code)"
                )
            }
            if let kind = chosen[base], rank[kind, default: 9] <= rank[description.kind, default: 9] { continue }
            chosen[base] = description.kind
        }
        guard !chosen.isEmpty else { throw SimDataError("no price data: give candles, trades, quotes or books") }

        var points: [String: [Bar]] = [:]
        var bookEvents: [String: [BookUpdate]] = [:]
        var fundingRates: [String: [(time: Int64, rate: Ratio)]] = [:]
        var earliest: Int64 = .max
        for description in descriptions {
            let base = description.base.code
            let drivesPrice = description.kind != .funding && chosen[base] == description.kind
            // Files of a coarser kind than the base's finest are not read at all.
            guard drivesPrice || description.kind == .books || description.kind == .funding else { continue }
            let source: any MarketDataSource
            var first: Timestamp?
            do {
                switch description.kind {
                case .candles:
                    source = try CandleFileSource(
                        path: description.path,
                        instrument: InstrumentIndex(0),
                        timeframe: description.timeframe
                    )
                case .trades: source = try TradeFileSource(path: description.path, instrument: InstrumentIndex(0))
                case .quotes: source = try QuoteFileSource(path: description.path, instrument: InstrumentIndex(0))
                case .books: source = try BookFileSource(path: description.path, instrument: InstrumentIndex(0))
                case .funding:
                    var symbols: [String: InstrumentIndex] = [:]
                    for (index, base) in Self.bases.enumerated() { symbols["\(base)USDT"] = InstrumentIndex(index) }
                    source = try FundingFileSource(path: description.path, instruments: symbols)
                }
                while let event = try source.next() {
                    switch event {
                    case .bar(let bar):
                        first = first ?? bar.openTime
                        points[base, default: []].append(bar)
                    case .trade(let trade):
                        first = first ?? trade.exchangeTime
                        points[base, default: []]
                            .append(Self.point(trade.price, size: trade.size, at: trade.exchangeTime))
                    case .quote(let quote):
                        first = first ?? quote.exchangeTime
                        let mid = Price(raw: (quote.bidPrice.raw + quote.askPrice.raw) / 2)
                        points[base, default: []].append(Self.point(mid, size: .zero, at: quote.exchangeTime))
                    case .book(let update):
                        first = first ?? update.exchangeTime
                        bookEvents[base, default: []].append(update)
                    case .funding(let update):
                        fundingRates[Self.bases[update.instrument.int], default: []]
                            .append((update.fundingTime.milliseconds, update.rate))
                    }
                }
            } catch {
                throw SimDataError("\(error)")
            }
            if let first { earliest = min(earliest, first.nanoseconds) }
        }
        // Book mids drive a base whose finest data is a book file.
        for (base, kind) in chosen where kind == .books {
            var book = OrderBook()
            for update in bookEvents[base] ?? [] {
                book.apply(update)
                if let mid = book.midPrice, book.isTwoSided, !book.isCrossed {
                    points[base, default: []].append(Self.point(mid, size: .zero, at: update.exchangeTime))
                }
            }
        }
        guard earliest != .max else { throw SimDataError("the data files hold no rows") }
        let start = earliest - ((earliest % minute) + minute) % minute
        self.start = Timestamp(nanoseconds: start)

        var minutes: [String: [Bar]] = [:]
        for (index, base) in Self.bases.enumerated() {
            guard let series = points[base], !series.isEmpty else { continue }
            let tick = SimSymbol.find("\(base)USDT", on: .spot).flatMap { try? FixedPoint.parse($0.tickSize) } ?? 1
            minutes[base] = Self.minuteBars(
                series,
                start: start,
                instrument: InstrumentIndex(index),
                tick: Price(raw: tick)
            )
        }
        var books: [String: [Int: RecordedBook]] = [:]
        for (base, updates) in bookEvents {
            books[base] = Self.minuteBooks(updates, start: start)
        }
        self.minutes = minutes
        self.books = books
        self.funding = fundingRates
        self.paths = paths
    }

    /// A price point as a zero-length bar.
    private static func point(_ price: Price, size: Quantity, at time: Timestamp) -> Bar {
        Bar(
            instrument: InstrumentIndex(0),
            openTime: time,
            closeTime: time,
            open: price,
            high: price,
            low: price,
            close: price,
            volume: size
        )
    }

    /// Gathers `series` (points and bars in time order) into one-minute bars from `start`, spreading longer
    /// bars over their minutes and filling gaps with the last close.
    package static func minuteBars(_ series: [Bar], start: Int64, instrument: InstrumentIndex, tick: Price) -> [Bar] {
        let minute = SimMarket.minuteNanoseconds
        var bars: [Bar] = []
        func index(_ time: Int64) -> Int { Int((time - start) / minute) }
        func merge(_ piece: Bar, at slot: Int) {
            if slot < bars.count {
                let last = bars[slot]
                bars[slot] = Bar(
                    instrument: instrument,
                    openTime: last.openTime,
                    closeTime: last.closeTime,
                    open: last.open,
                    high: max(last.high, piece.high),
                    low: min(last.low, piece.low),
                    close: piece.close,
                    volume: Quantity(raw: last.volume.raw &+ piece.volume.raw)
                )
                return
            }
            // Gap minutes repeat the last close (or stand at this piece's open before the first).
            let fill = bars.last?.close ?? piece.open
            while bars.count < slot {
                let open = start + Int64(bars.count) * minute
                bars.append(
                    Bar(
                        instrument: instrument,
                        openTime: Timestamp(nanoseconds: open),
                        closeTime: Timestamp(nanoseconds: open + minute),
                        open: fill,
                        high: fill,
                        low: fill,
                        close: fill,
                        volume: .zero
                    )
                )
            }
            let open = start + Int64(slot) * minute
            bars.append(
                Bar(
                    instrument: instrument,
                    openTime: Timestamp(nanoseconds: open),
                    closeTime: Timestamp(nanoseconds: open + minute),
                    open: piece.open,
                    high: piece.high,
                    low: piece.low,
                    close: piece.close,
                    volume: piece.volume
                )
            )
        }
        for bar in series {
            let slot = index(bar.openTime.nanoseconds)
            guard slot >= 0, slot >= bars.count - 1 else { continue }
            let length = bar.closeTime.nanoseconds - bar.openTime.nanoseconds
            let count = Int(length / minute)
            if count <= 1 {
                merge(bar, at: slot)
            } else {
                for (offset, piece) in spread(bar, over: count, tick: tick).enumerated() {
                    merge(piece, at: slot + offset)
                }
            }
        }
        return bars
    }

    /// `bar` cut into `count` pieces along its intra-bar path: piece `j` covers the path from `j/count` to
    /// `(j+1)/count` of its length, its high and low include the path's corners inside it.
    package static func spread(_ bar: Bar, over count: Int, tick: Price) -> [Bar] {
        let highFirst: Bool = {
            let toHigh = bar.high.raw - bar.open.raw
            let toLow = bar.open.raw - bar.low.raw
            if toHigh != toLow { return toHigh < toLow }
            return bar.close < bar.open
        }()
        let corners = [bar.open, highFirst ? bar.high : bar.low, highFirst ? bar.low : bar.high, bar.close].map(\.raw)
        // Distance along the path, in price units, at each corner.
        var along: [Int128] = [0]
        for k in 1..<corners.count {
            let leg: Int128 = corners[k] - corners[k - 1]
            along.append(along[k - 1] + (leg < 0 ? -leg : leg))
        }
        let total = along.last ?? 0
        func price(at distance: Int128) -> Int128 {
            guard total > 0 else { return corners[0] }
            var k = 1
            while k < corners.count - 1 && along[k] < distance { k += 1 }
            let legLength: Int128 = along[k] - along[k - 1]
            guard legLength > 0 else { return corners[k] }
            // In units of 10⁻⁹ so that the product fits in 128 bits for any price below 10¹⁸.
            let unit: Int128 = FixedPoint.scale / 1_000_000_000
            let into: Int128 = (distance - along[k - 1]) / unit
            let rise: Int128 = (corners[k] - corners[k - 1]) / unit
            var value: Int128 = corners[k - 1] + rise * into / max(1, legLength / unit) * unit
            if tick.raw > 0 { value = (value + tick.raw / 2) / tick.raw * tick.raw }
            return min(bar.high.raw, max(bar.low.raw, value))
        }
        let volumeEach = bar.volume.raw / Int128(count)
        var pieces: [Bar] = []
        for j in 0..<count {
            let from: Int128 = total * Int128(j) / Int128(count)
            let to: Int128 = total * Int128(j + 1) / Int128(count)
            let open = j == 0 ? corners[0] : price(at: from)
            let close = j == count - 1 ? corners[3] : price(at: to)
            var high = max(open, close)
            var low = min(open, close)
            for k in 1...2 where along[k] > from && along[k] < to {
                high = max(high, corners[k])
                low = min(low, corners[k])
            }
            let volume = j == count - 1 ? bar.volume.raw - volumeEach * Int128(count - 1) : volumeEach
            let openTime = bar.openTime.nanoseconds + Int64(j) * SimMarket.minuteNanoseconds
            pieces.append(
                Bar(
                    instrument: bar.instrument,
                    openTime: Timestamp(nanoseconds: openTime),
                    closeTime: Timestamp(nanoseconds: openTime + SimMarket.minuteNanoseconds),
                    open: Price(raw: open),
                    high: Price(raw: high),
                    low: Price(raw: low),
                    close: Price(raw: close),
                    volume: Quantity(raw: volume)
                )
            )
        }
        return pieces
    }

    /// The book at the end of every minute the updates cover, by minute index from `start`.
    static func minuteBooks(_ updates: [BookUpdate], start: Int64) -> [Int: RecordedBook] {
        let minute = SimMarket.minuteNanoseconds
        var book = OrderBook()
        var books: [Int: RecordedBook] = [:]
        var current: Int?
        func record(_ slot: Int) {
            guard book.isTwoSided, !book.isCrossed else { return }
            books[slot] = RecordedBook(
                bids: Array(book.bids.prefix(SyntheticBook.depth)),
                asks: Array(book.asks.prefix(SyntheticBook.depth))
            )
        }
        for update in updates {
            let slot = Int((update.exchangeTime.nanoseconds - start) / minute)
            if let current, slot != current { record(current) }
            book.apply(update)
            current = slot
        }
        if let current { record(current) }
        // A minute without updates keeps the book of the minute before.
        if let first = books.keys.min(), let last = books.keys.max() {
            for slot in first...last where books[slot] == nil { books[slot] = books[slot - 1] }
        }
        return books
    }
}

/// Why `--data` files cannot drive the sim; the text names the file.
public struct SimDataError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
