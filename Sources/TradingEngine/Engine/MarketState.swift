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
        /// During a bar run over compact bars, the run's bars and the index of the last one taken: while
        /// `seen` holds ``Seen/compact``, `bar` is stale and ``lastBar`` builds the bar from its record.
        /// The run settles the slot (``settle()``) before anything outside it can look.
        @usableFromInline var compact = CompactBars.empty
        @usableFromInline var compactIndex = 0

        @usableFromInline
        struct Seen: OptionSet, Sendable {
            @usableFromInline let rawValue: UInt8
            @inlinable init(rawValue: UInt8) { self.rawValue = rawValue }
            @usableFromInline static let price = Seen(rawValue: 1)
            @usableFromInline static let bar = Seen(rawValue: 2)
            /// The bar is `compact`'s record at `compactIndex`.
            @usableFromInline static let compact = Seen(rawValue: 4)
        }

        /// During a compact run the close is read from the run's record: the run does not store it.
        @inlinable @inline(__always) var lastPrice: Price? {
            guard seen.contains(.price) else { return nil }
            return _slowPath(seen.contains(.compact)) ? compact.close(at: compactIndex) : price
        }
        @inlinable var lastBar: Bar? {
            guard seen.contains(.bar) else { return nil }
            return _slowPath(seen.contains(.compact)) ? compactBar : bar
        }

        /// The bar a compact run took last (only while `seen` holds ``Seen/compact``: the record is a bar).
        /// Always inlined: called, it had the whole slot (392 bytes) copied out first at the end of each run.
        @inlinable @inline(__always) var compactBar: Bar { compact.bar(at: compactIndex) ?? bar }

        /// Takes `bar`, the record at `index` of ``compact``, as the last bar: its index and mark, where
        /// ``record(_:)`` writes the whole bar. The close is left in the record (``lastPrice`` reads it
        /// there), so the run does not build the bar's fixed-point close unless the strategy asks for it.
        @inlinable @inline(__always)
        mutating func recordCompact(_ bar: Bar, at index: Int) {
            compactIndex = index
            mark = bar.closeValue
            seen = [.price, .bar, .compact]
        }

        /// Writes the bar a compact run took last into `bar`, which then stands on its own.
        @inlinable
        mutating func settle() {
            guard seen.contains(.compact) else { return }
            record(compactBar)
        }

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
    /// The instrument whose slot a bar run over compact bars is writing, or −1.
    @usableFromInline var compactRun = -1

    init(instrumentCount: Int) {
        slots = Array(repeating: Slot(), count: instrumentCount)
        books = Array(repeating: nil, count: instrumentCount)
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

    /// Starts a bar run over compact bars on `instrument`, whose slot is at `slot`: the slot will refer to
    /// `bars` instead of holding each bar (``Slot/recordCompact(_:at:)``) until ``endCompactRun(_:_:)``.
    /// Through addresses, like the run's other writes: subscripts would check the storage's uniqueness.
    @inlinable @inline(__always)
    static func beginCompactRun(
        _ market: UnsafeMutablePointer<MarketState>, _ slot: UnsafeMutablePointer<Slot>, _ bars: CompactBars,
        _ instrument: InstrumentIndex
    ) {
        slot.pointee.compact = bars
        market.pointee.compactRun = instrument.int
    }

    /// Ends a bar run over compact bars: the slot holds its last bar again. (A slot that holds
    /// ``Slot/Seen/compact`` is in unique storage: the run takes a bar only after making it unique.)
    @inlinable @inline(__always)
    static func endCompactRun(_ market: UnsafeMutablePointer<MarketState>, _ slot: UnsafeMutablePointer<Slot>) {
        if slot.pointee.seen.contains(.compact) { slot.pointee.settle() }
        market.pointee.compactRun = -1
    }

    /// Settles the slot of a compact run in progress (before the state is copied: a copy must not refer to
    /// the run's memory). The run goes on, and takes its next bar into a unique copy of the slots. The
    /// slot keeps its reference to the run's bars, unused while ``Slot/Seen/compact`` is off.
    @inlinable
    mutating func settleCompactRun() {
        guard compactRun >= 0, slots[compactRun].seen.contains(.compact) else { return }
        slots[compactRun].settle()
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
