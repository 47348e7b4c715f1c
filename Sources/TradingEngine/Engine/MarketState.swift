public import TradingCore

/// The engine's latest view of each instrument's market: last price, bar, quote, book and funding.
public struct MarketState: Sendable {
    /// The per-instrument view that changes on every event, in one plain-data array.
    @usableFromInline struct Slot: Sendable {
        @usableFromInline var lastPrice: Price?
        @usableFromInline var lastBar: Bar?
        @usableFromInline var lastQuote: QuoteTick?
        @usableFromInline var lastFunding: FundingRateUpdate?
        /// The last price as a `Double`, for the per-event equity estimate.
        @usableFromInline var mark: Double = 0
    }

    @usableFromInline var slots: [Slot]
    @usableFromInline var books: [OrderBook?]

    init(instrumentCount: Int) {
        slots = Array(repeating: Slot(), count: instrumentCount)
        books = Array(repeating: nil, count: instrumentCount)
    }

    /// The last price as a `Double` (zero before any data), for analytics.
    @inlinable
    public func markEstimate(_ instrument: InstrumentIndex) -> Double { slots[instrument.int].mark }

    /// The last trade price or bar close; else the quote or book mid; `nil` before any data.
    @inlinable
    public func lastPrice(_ instrument: InstrumentIndex) -> Price? { slots[instrument.int].lastPrice }

    public func lastBar(_ instrument: InstrumentIndex) -> Bar? { slots[instrument.int].lastBar }
    public func lastQuote(_ instrument: InstrumentIndex) -> QuoteTick? { slots[instrument.int].lastQuote }
    public func book(_ instrument: InstrumentIndex) -> OrderBook? { books[instrument.int] }
    public func lastFunding(_ instrument: InstrumentIndex) -> FundingRateUpdate? { slots[instrument.int].lastFunding }

    @inline(__always)
    mutating func update(_ bar: Bar) {
        let index = bar.instrument.int
        slots[index].lastBar = bar
        slots[index].lastPrice = bar.close
        slots[index].mark = bar.closeValue
    }

    mutating func update(_ trade: TradeTick) {
        let index = trade.instrument.int
        slots[index].lastPrice = trade.price
        slots[index].mark = trade.price.doubleValue
    }

    mutating func update(_ quote: QuoteTick) {
        let index = quote.instrument.int
        slots[index].lastQuote = quote
        let mid = quote.midPrice
        slots[index].lastPrice = mid
        slots[index].mark = mid.doubleValue
    }

    mutating func update(_ update: BookUpdate) {
        let index = update.instrument.int
        if books[index] == nil { books[index] = OrderBook() }
        books[index]!.apply(update)  // Just created above when missing.
        if let mid = books[index]?.midPrice {
            slots[index].lastPrice = mid
            slots[index].mark = mid.doubleValue
        }
    }

    mutating func update(_ funding: FundingRateUpdate) {
        slots[funding.instrument.int].lastFunding = funding
    }
}
