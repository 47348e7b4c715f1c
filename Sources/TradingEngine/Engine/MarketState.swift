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
            /// The view is stale: the venue disconnected or a stream skipped updates, and no fresh price has
            /// arrived since. A bar clears it (``notePrice(of:)`` sets `seen` whole), as do a trade, a quote and
            /// a book with a mid.
            @usableFromInline static let stale = Seen(rawValue: 4)
        }

        @inlinable @inline(__always) var lastPrice: Price? { seen.contains(.price) ? price : nil }
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
            seen.remove(.stale)
        }
    }

    @usableFromInline var slots: [Slot]
    @usableFromInline var books: [OrderBook?]
    /// Instruments whose book stream had a gap: book deltas are ignored until a snapshot arrives.
    var awaitingBookSnapshot: [Bool]

    init(instrumentCount: Int) {
        slots = Array(repeating: Slot(), count: instrumentCount)
        books = Array(repeating: nil, count: instrumentCount)
        awaitingBookSnapshot = Array(repeating: false, count: instrumentCount)
    }

    /// Whether the instrument's view is stale: its venue disconnected, or one of its streams skipped updates,
    /// and no fresh price has arrived since. Risk refuses orders that add risk on a stale instrument.
    public func isStale(_ instrument: InstrumentIndex) -> Bool { slots[instrument.int].seen.contains(.stale) }

    /// Whether the instrument's book is being rebuilt after a gap in its stream: it is dropped, and deltas
    /// are ignored until a snapshot arrives.
    public func isAwaitingBookSnapshot(_ instrument: InstrumentIndex) -> Bool { awaitingBookSnapshot[instrument.int] }

    /// Marks the instrument stale; with `dropBook`, drops its book until a snapshot arrives.
    mutating func markStale(_ instrument: InstrumentIndex, dropBook: Bool = false) {
        slots[instrument.int].seen.insert(.stale)
        if dropBook {
            books[instrument.int] = nil
            awaitingBookSnapshot[instrument.int] = true
        }
    }

    /// The last price as a `Double` (zero before any data), for analytics.
    @inlinable
    public func markEstimate(_ instrument: InstrumentIndex) -> Double { slots[instrument.int].mark }

    /// The last trade price or bar close; else the quote or book mid; `nil` before any data.
    @inlinable @inline(__always)
    public func lastPrice(_ instrument: InstrumentIndex) -> Price? { slots[instrument.int].lastPrice }

    public func lastBar(_ instrument: InstrumentIndex) -> Bar? { slots[instrument.int].lastBar }
    public func lastQuote(_ instrument: InstrumentIndex) -> QuoteTick? { slots[instrument.int].lastQuote }
    public func book(_ instrument: InstrumentIndex) -> OrderBook? { books[instrument.int] }
    public func lastFunding(_ instrument: InstrumentIndex) -> FundingRateUpdate? { slots[instrument.int].lastFunding }

    @inline(__always)
    mutating func update(_ bar: Bar) { slots[bar.instrument.int].record(bar) }

    /// Makes the slots' storage unique and returns the address of `instrument`'s slot, for a bar run that
    /// writes the slot in place (`FastPath/`). The address is valid until the next write to the state or
    /// callback of a strategy, which may keep a copy of the state: the run asks for it again on every bar.
    @inlinable @inline(__always)
    mutating func uniqueSlot(_ instrument: InstrumentIndex) -> UnsafeMutablePointer<Slot> {
        // The storage has one slot per instrument, made when the engine was built: never empty.
        slots.withUnsafeMutableBufferPointer { $0.baseAddress! + instrument.int }
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
        if _slowPath(awaitingBookSnapshot[index]) {
            guard update.kind == .snapshot else { return }
            awaitingBookSnapshot[index] = false
        }
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
