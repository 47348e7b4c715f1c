public import TradingCore

/// The engine's latest view of each instrument's market: last price, bar, quote, book and funding.
public struct MarketState: Sendable {
    @usableFromInline var lastPrices: [Price?]
    @usableFromInline var lastBars: [Bar?]
    @usableFromInline var lastQuotes: [QuoteTick?]
    @usableFromInline var books: [OrderBook?]
    @usableFromInline var lastFunding: [FundingRateUpdate?]
    /// Marks as `Double`, for the per-event equity estimate.
    public internal(set) var marksDouble: [Double]

    init(instrumentCount: Int) {
        lastPrices = Array(repeating: nil, count: instrumentCount)
        lastBars = Array(repeating: nil, count: instrumentCount)
        lastQuotes = Array(repeating: nil, count: instrumentCount)
        books = Array(repeating: nil, count: instrumentCount)
        lastFunding = Array(repeating: nil, count: instrumentCount)
        marksDouble = Array(repeating: 0, count: instrumentCount)
    }

    /// The last trade price or bar close; else the quote or book mid; `nil` before any data.
    @inlinable
    public func lastPrice(_ instrument: InstrumentIndex) -> Price? { lastPrices[instrument.int] }

    public func lastBar(_ instrument: InstrumentIndex) -> Bar? { lastBars[instrument.int] }
    public func lastQuote(_ instrument: InstrumentIndex) -> QuoteTick? { lastQuotes[instrument.int] }
    public func book(_ instrument: InstrumentIndex) -> OrderBook? { books[instrument.int] }
    public func lastFunding(_ instrument: InstrumentIndex) -> FundingRateUpdate? { lastFunding[instrument.int] }

    mutating func setMark(_ price: Price, for index: Int) {
        lastPrices[index] = price
        marksDouble[index] = price.doubleValue
    }

    mutating func update(with event: MarketEvent) {
        switch event {
        case .bar(let bar):
            lastBars[bar.instrument.int] = bar
            setMark(bar.close, for: bar.instrument.int)
        case .trade(let trade):
            setMark(trade.price, for: trade.instrument.int)
        case .quote(let quote):
            lastQuotes[quote.instrument.int] = quote
            setMark(quote.midPrice, for: quote.instrument.int)
        case .book(let update):
            let index = update.instrument.int
            if books[index] == nil { books[index] = OrderBook() }
            books[index]!.apply(update)  // Just created above when missing.
            if let mid = books[index]?.midPrice { setMark(mid, for: index) }
        case .funding(let funding):
            lastFunding[funding.instrument.int] = funding
        }
    }
}
