public import TradingCore

/// The engine's latest view of each instrument's market: last price, bar, quote, book and funding.
public struct MarketState: Sendable {
    /// The per-instrument view that changes on every event, in one plain-data array.
    @usableFromInline struct Slot: Sendable {
        @usableFromInline var lastPrice: Price?
        @usableFromInline var lastBar: Bar?
        @usableFromInline var lastQuote: QuoteTick?
        @usableFromInline var lastFunding: FundingRateUpdate?
    }

    @usableFromInline var slots: [Slot]
    @usableFromInline var books: [OrderBook?]
    /// Marks as `Double`, for the per-event equity estimate.
    public internal(set) var marksDouble: [Double]

    init(instrumentCount: Int) {
        slots = Array(repeating: Slot(), count: instrumentCount)
        books = Array(repeating: nil, count: instrumentCount)
        marksDouble = Array(repeating: 0, count: instrumentCount)
    }

    /// The last trade price or bar close; else the quote or book mid; `nil` before any data.
    @inlinable
    public func lastPrice(_ instrument: InstrumentIndex) -> Price? { slots[instrument.int].lastPrice }

    public func lastBar(_ instrument: InstrumentIndex) -> Bar? { slots[instrument.int].lastBar }
    public func lastQuote(_ instrument: InstrumentIndex) -> QuoteTick? { slots[instrument.int].lastQuote }
    public func book(_ instrument: InstrumentIndex) -> OrderBook? { books[instrument.int] }
    public func lastFunding(_ instrument: InstrumentIndex) -> FundingRateUpdate? { slots[instrument.int].lastFunding }

    mutating func update(with event: MarketEvent) {
        switch event {
        case .bar(let bar):
            let index = bar.instrument.int
            slots[index].lastBar = bar
            slots[index].lastPrice = bar.close
            marksDouble[index] = bar.closeValue
        case .trade(let trade):
            let index = trade.instrument.int
            slots[index].lastPrice = trade.price
            marksDouble[index] = trade.price.doubleValue
        case .quote(let quote):
            let index = quote.instrument.int
            slots[index].lastQuote = quote
            let mid = quote.midPrice
            slots[index].lastPrice = mid
            marksDouble[index] = mid.doubleValue
        case .book(let update):
            let index = update.instrument.int
            if books[index] == nil { books[index] = OrderBook() }
            books[index]!.apply(update)  // Just created above when missing.
            if let mid = books[index]?.midPrice {
                slots[index].lastPrice = mid
                marksDouble[index] = mid.doubleValue
            }
        case .funding(let funding):
            slots[funding.instrument.int].lastFunding = funding
        }
    }
}
