/// A market-data fact from a venue or a replayed file.
public enum MarketEvent: Sendable, Hashable {
    case bar(Bar)
    case trade(TradeTick)
    case quote(QuoteTick)
    case book(BookUpdate)
    case funding(FundingRateUpdate)

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
