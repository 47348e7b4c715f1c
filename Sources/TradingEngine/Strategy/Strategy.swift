public import TradingCore

/// A trading strategy: it reacts to market data, order updates, fills and timers, and acts only through
/// its ``StrategyContext``, which reads the engine state and submits, cancels and amends orders.
///
/// The engine calls one callback at a time, synchronously, in the order `docs/engine.md` gives; nothing
/// a strategy asks for takes effect until its callback returns. A strategy reads no clock (the time is
/// `context.now`) and draws no unseeded random numbers, so that backtest, paper and live runs of the same
/// events decide the same. Strategies should be value types (or hold only values) so that an engine,
/// copied, runs independently. Every callback has a default that does nothing.
///
/// ```swift
/// struct BuyTheDip: Strategy {
///     let id: StrategyID
///     let subscriptions: [InstrumentID]
///
///     mutating func onBar(_ bar: Bar, context: inout StrategyContext) {
///         guard bar.close < bar.open, context.position(bar.instrument) == nil,
///             let quantity = try? Quantity("0.01")
///         else { return }
///         context.submit(.market(bar.instrument, .buy, .base(quantity)))
///     }
/// }
/// ```
public protocol Strategy: Sendable {
    /// This strategy instance's ID; unique within an engine.
    var id: StrategyID { get }
    /// The instruments whose market data this strategy receives.
    var subscriptions: [InstrumentID] { get }

    /// Called once before the first event.
    mutating func onStart(context: inout StrategyContext)
    /// A bar of a subscribed instrument closed (it is processed at its close time).
    mutating func onBar(_ bar: Bar, context: inout StrategyContext)
    /// A trade printed on a subscribed instrument.
    mutating func onTrade(_ trade: TradeTick, context: inout StrategyContext)
    /// The best bid and offer of a subscribed instrument changed.
    mutating func onQuote(_ quote: QuoteTick, context: inout StrategyContext)
    /// Called after the engine's copy of the book applied `update`; read it with `context.state.market.book(_:)`.
    mutating func onBook(_ update: BookUpdate, context: inout StrategyContext)
    /// A perpetual's funding rate was published (the payment itself arrives as a venue report).
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
    /// A timer this strategy set (``StrategyContext/setTimer(_:at:repeatingEvery:)``) came due.
    mutating func onTimer(_ timer: TimerFired, context: inout StrategyContext)
    /// Called once after the last event.
    mutating func onStop(context: inout StrategyContext)
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
