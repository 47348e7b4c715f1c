public import TradingCore

/// A market-data fact from a venue or a replayed file.
public enum MarketEvent: Sendable, Hashable {
    case bar(Bar)
    case trade(TradeTick)
    case quote(QuoteTick)
    case book(BookUpdate)
    case funding(FundingRateUpdate)

    /// Whether a `.bar` event's memory starts with its bar, byte for byte, as the compiler lays the enum
    /// out today (the case is told apart by bits that a bar leaves unused). Checked once, at run time, on a
    /// bar whose every field differs, so that a bar run (`Engine.processBarRun`)
    /// may copy a bar from the event straight into the market state, and copies it as a value otherwise.
    @usableFromInline static let barLiesAtStart: Bool = {
        let probe = Bar(
            instrument: InstrumentIndex(0x0102_0304), openTime: Timestamp(nanoseconds: 0x1112_1314_1516_1718),
            closeTime: Timestamp(nanoseconds: 0x2122_2324_2526_2728), open: Price(raw: 0x3132_3334_3536_3738 << 48 | 0x83736353),
            high: Price(raw: 0x4142_4344_4546_4748 << 48 | 0x84746454), low: Price(raw: 0x5152_5354_5556_5758 << 48 | 0x85756555),
            close: Price(raw: 0x6162_6364_6566_6768 << 48 | 0x86766656), volume: Quantity(raw: 0x7172_7374_7576_7778 << 48 | 0x87776757))
        guard MemoryLayout<MarketEvent>.size >= MemoryLayout<Bar>.size else { return false }
        var event = MarketEvent.bar(probe)
        return withUnsafeBytes(of: &event) { $0.loadUnaligned(as: Bar.self) } == probe
    }()

    /// The instrument the event is about.
    @inlinable
    public var instrument: InstrumentIndex {
        switch self {
        case .bar(let bar): bar.instrument
        case .trade(let trade): trade.instrument
        case .quote(let quote): quote.instrument
        case .book(let book): book.instrument
        case .funding(let funding): funding.instrument
        }
    }

    /// The time the event became known: replay orders events by this time. For bars it is the close time.
    @inlinable
    public var receivedTime: Timestamp {
        switch self {
        case .bar(let bar): bar.closeTime
        case .trade(let trade): trade.receivedTime
        case .quote(let quote): quote.receivedTime
        case .book(let book): book.receivedTime
        case .funding(let funding): funding.receivedTime
        }
    }

    /// The venue's time of the event. For bars it is the open time.
    public var exchangeTime: Timestamp {
        switch self {
        case .bar(let bar): bar.openTime
        case .trade(let trade): trade.exchangeTime
        case .quote(let quote): quote.exchangeTime
        case .book(let book): book.exchangeTime
        case .funding(let funding): funding.fundingTime
        }
    }

    /// A short name of the kind of event: `bar`, `trade`, `quote`, `book` or `funding`.
    public var kindName: String {
        switch self {
        case .bar: "bar"
        case .trade: "trade"
        case .quote: "quote"
        case .book: "book"
        case .funding: "funding"
        }
    }
}
