public import TradingCore

/// A trading strategy: it reacts to market data, order updates, fills and timers, and acts only through
/// its ``StrategyContext``, which submits, cancels and amends orders.
///
/// Strategies should be value types (or hold only values) so that an engine, copied, runs independently.
/// Every callback has a default that does nothing.
public protocol Strategy: Sendable {
    /// This strategy instance's ID; unique within an engine.
    var id: StrategyID { get }
    /// The instruments whose market data this strategy receives.
    var subscriptions: [InstrumentID] { get }

    /// Called once before the first event.
    mutating func onStart(context: inout StrategyContext)
    mutating func onBar(_ bar: Bar, context: inout StrategyContext)
    mutating func onTrade(_ trade: TradeTick, context: inout StrategyContext)
    mutating func onQuote(_ quote: QuoteTick, context: inout StrategyContext)
    /// Called after the engine's copy of the book applied `update`; read it with `context.state.market.book(_:)`.
    mutating func onBook(_ update: BookUpdate, context: inout StrategyContext)
    mutating func onFunding(_ funding: FundingRateUpdate, context: inout StrategyContext)
    /// An order of this strategy changed status (accepted, denied, rejected, cancelled, triggered, ...),
    /// for the changes ``orderUpdateInterest`` asks for. The full order is in `context.state.orders`.
    mutating func onOrderUpdate(_ update: OrderUpdate, context: inout StrategyContext)
    /// Which status changes ``onOrderUpdate(_:context:)`` is called for; read once, when the engine is
    /// built. The default is every change. A strategy that acts only when its orders close says
    /// ``OrderUpdateInterest/closing``, and the engine does not build the updates it would not read (the
    /// audit digest and the facts are the same either way).
    var orderUpdateInterest: OrderUpdateInterest { get }
    /// One fill of this strategy's order, after the portfolio booked it, with the order's state after the
    /// fill. `update` is `nil` for fills the venue initiated (liquidations) on a subscribed instrument.
    mutating func onFill(_ fill: OrderFilled, update: OrderUpdate?, context: inout StrategyContext)
    mutating func onTimer(_ timer: TimerFired, context: inout StrategyContext)
    /// Called once after the last event.
    mutating func onStop(context: inout StrategyContext)
    /// Whether the strategy takes bar runs by their closes (``scanQuietBars(_:)``). The default is `false`:
    /// the engine calls ``onBar(_:context:)`` for every bar.
    static var scansQuietBars: Bool { get }
    /// The bar-run fast path of a strategy whose ``onBar(_:context:)`` reads only the bar's close until it
    /// acts. Takes `closes` in order and does to the strategy's state exactly what `onBar` would do for
    /// each, without a context; stops after the first close on which `onBar` would act, or at the end.
    /// The engine then keeps the books of the bars taken (time checks, equity samples, its time, sequence
    /// and market state) as it would have bar by bar and, when ``BarScan/acts``, calls
    /// ``actOnScannedBar(_:context:)`` with the bar of the last close taken. Called only when
    /// ``scansQuietBars`` is `true`, with at least one close; it must take at least one.
    mutating func scanQuietBars(_ closes: BarCloses) -> BarScan
    /// What ``onBar(_:context:)`` does after updating the strategy's state, for the bar on which
    /// ``scanQuietBars(_:)`` stopped to act.
    mutating func actOnScannedBar(_ bar: Bar, context: inout StrategyContext)
    /// Engine plumbing: the box the engine holds this strategy in, with its callbacks bound to its own
    /// type. Keep the default; it exists as a requirement so that the box is made where the strategy's
    /// type is known.
    func makeEngineBox() -> StrategyBox
}

extension Strategy {
    public mutating func onStart(context: inout StrategyContext) {}
    public mutating func onBar(_ bar: Bar, context: inout StrategyContext) {}
    public mutating func onTrade(_ trade: TradeTick, context: inout StrategyContext) {}
    public mutating func onQuote(_ quote: QuoteTick, context: inout StrategyContext) {}
    public mutating func onBook(_ update: BookUpdate, context: inout StrategyContext) {}
    public mutating func onFunding(_ funding: FundingRateUpdate, context: inout StrategyContext) {}
    public mutating func onOrderUpdate(_ update: OrderUpdate, context: inout StrategyContext) {}
    public var orderUpdateInterest: OrderUpdateInterest { .all }
    public mutating func onFill(_ fill: OrderFilled, update: OrderUpdate?, context: inout StrategyContext) {}
    public mutating func onTimer(_ timer: TimerFired, context: inout StrategyContext) {}
    public mutating func onStop(context: inout StrategyContext) {}
    public static var scansQuietBars: Bool { false }
    public mutating func scanQuietBars(_ closes: BarCloses) -> BarScan {
        preconditionFailure("Invariant: only a strategy that scans bar runs is asked to (scansQuietBars)")
    }
    public mutating func actOnScannedBar(_ bar: Bar, context: inout StrategyContext) {}
    @inlinable public func makeEngineBox() -> StrategyBox { StrategyBox(self) }
}

/// The closes of consecutive bars of one instrument in a bar run, oldest first, as
/// ``Strategy/scanQuietBars(_:)`` reads them: `Double`s, the same values as ``Bar/closeValue``, read from
/// the compact records where they lie.
public struct BarCloses {
    @usableFromInline let records: UnsafePointer<CompactBar>
    /// How many closes there are.
    public let count: Int

    @inlinable
    init(records: UnsafePointer<CompactBar>, count: Int) {
        self.records = records
        self.count = count
    }

    /// The close of bar `index`, which must be in `0..<count`.
    @inlinable @inline(__always)
    public subscript(index: Int) -> Double { records[index].closeValue }
}

/// What ``Strategy/scanQuietBars(_:)`` did: how many closes it took, and whether `onBar` would act on the
/// last one.
public struct BarScan: Sendable, Hashable {
    public var taken: Int
    public var acts: Bool

    @inlinable
    public init(taken: Int, acts: Bool) {
        self.taken = taken
        self.acts = acts
    }
}

/// Which of its orders' status changes a strategy's ``Strategy/onOrderUpdate(_:context:)`` receives.
public enum OrderUpdateInterest: Sendable, Hashable {
    /// Every change: accepted, triggered, pending cancel or amendment, and the closing ones.
    case all
    /// Only the changes that close an order: filled, cancelled, expired, rejected or denied. Fills still
    /// reach ``Strategy/onFill(_:update:context:)`` with the order's update.
    case closing

    /// Whether an update that leaves its order in `status` is wanted.
    @inlinable
    public func includes(_ status: OrderStatus) -> Bool { self == .all || status.isClosed }
}
