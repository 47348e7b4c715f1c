public import TradingCore

/// The engine's latest view of each instrument's market: last price, bar, quote, book and funding.
public struct MarketState: Sendable {
    /// The per-instrument view that changes on every event, in one plain-data array. Values are stored
    /// without optionals (which would cost a copy through a temporary on every bar); `seen` says which
    /// have been set.
    @usableFromInline struct Slot: Sendable {
        @usableFromInline var bar = Bar.placeholder
        @usableFromInline var price = Price.zero
        @usableFromInline var quote: QuoteTick?
        @usableFromInline var funding: FundingRateUpdate?
        /// The last price as a `Double`, for the per-event equity estimate.
        @usableFromInline var mark: Double = 0
        @usableFromInline var seen: Seen = []

        @usableFromInline
        struct Seen: OptionSet, Sendable {
            @usableFromInline let rawValue: UInt8
            @inlinable init(rawValue: UInt8) { self.rawValue = rawValue }
            @usableFromInline static let price = Seen(rawValue: 1)
            @usableFromInline static let bar = Seen(rawValue: 2)
        }

        @inlinable var lastPrice: Price? { seen.contains(.price) ? price : nil }
        @inlinable var lastBar: Bar? { seen.contains(.bar) ? bar : nil }
        @inlinable var lastQuote: QuoteTick? { quote }
        @inlinable var lastFunding: FundingRateUpdate? { funding }

        /// Takes `bar` as the last bar and its close as the last price.
        @inlinable @inline(__always)
        mutating func record(_ bar: Bar) {
            self.bar = bar
            notePrice(of: bar)
        }

        /// What ``record(_:)`` sets besides the bar itself, for a writer that has copied the bar's bytes into
        /// the slot (at ``MarketState/slotBarOffset``) on its own.
        @inlinable @inline(__always)
        mutating func notePrice(of bar: Bar) {
            price = bar.close
            mark = bar.closeValue
            seen = [.price, .bar]
        }

        @inlinable
        mutating func setPrice(_ value: Price) {
            price = value
            seen.insert(.price)
        }
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
    mutating func update(_ bar: Bar) { slots[bar.instrument.int].record(bar) }

    /// Set when the engine state is handed to code that may keep a copy of it (``StrategyContext/state``):
    /// the slots' storage may then be shared, and a writer holding a slot's address from
    /// ``uniqueSlot(_:)`` must ask for it again before its next write.
    @usableFromInline var mayBeShared = false

    /// Makes the slots' storage unique and returns the address of `instrument`'s slot. The address stays
    /// valid while the storage is neither resized nor shared: for a bar run, during which only the run
    /// writes the slots, until ``mayBeShared`` is set.
    @inlinable
    mutating func uniqueSlot(_ instrument: InstrumentIndex) -> UnsafeMutablePointer<Slot> {
        mayBeShared = false
        return slots.withUnsafeMutableBufferPointer { $0.baseAddress! + instrument.int }
    }

    @usableFromInline static let slotBarOffset = MemoryLayout<Slot>.offset(of: \Slot.bar)!

    mutating func update(_ trade: TradeTick) {
        let index = trade.instrument.int
        slots[index].setPrice(trade.price)
        slots[index].mark = trade.price.doubleValue
    }

    mutating func update(_ quote: QuoteTick) {
        let index = quote.instrument.int
        slots[index].quote = quote
        let mid = quote.midPrice
        slots[index].setPrice(mid)
        slots[index].mark = mid.doubleValue
    }

    mutating func update(_ update: BookUpdate) {
        let index = update.instrument.int
        if books[index] == nil { books[index] = OrderBook() }
        books[index]!.apply(update)  // Just created above when missing.
        if let mid = books[index]?.midPrice {
            slots[index].setPrice(mid)
            slots[index].mark = mid.doubleValue
        }
    }

    mutating func update(_ funding: FundingRateUpdate) {
        slots[funding.instrument.int].funding = funding
    }
}
