public import TradingCore
public import TradingEngine

/// A strategy driven by closures, for engine and exchange tests: it runs `onBarScript` for each bar and
/// records every callback it receives.
public struct ScriptedStrategy: Strategy {
    public let id: StrategyID
    public let subscriptions: [InstrumentID]
    /// Called for each bar with the bar's index (0-based) and the context.
    public var onBarScript: @Sendable (Int, Bar, inout StrategyContext) -> Void
    public var onTradeScript: @Sendable (Int, TradeTick, inout StrategyContext) -> Void
    public var onFillScript: @Sendable (OrderFilled, OrderUpdate?, inout StrategyContext) -> Void
    public var onTimerScript: @Sendable (TimerFired, inout StrategyContext) -> Void
    public var onStartScript: @Sendable (inout StrategyContext) -> Void
    public private(set) var barCount = 0
    public private(set) var tradeCount = 0
    /// Every order update received, in order (including those that came with fills).
    public private(set) var updates: [OrderUpdate] = []
    /// Every fill received, in order.
    public private(set) var fills: [OrderFilled] = []
    public private(set) var timers: [TimerFired] = []
    /// Which order updates it asks for (``Strategy/orderUpdateInterest``); every one by default.
    public var orderUpdateInterest: OrderUpdateInterest = .all

    public init(
        id: StrategyID = Fixtures.strategyID(),
        subscriptions: [InstrumentID],
        onBar: @escaping @Sendable (Int, Bar, inout StrategyContext) -> Void = { _, _, _ in },
        onStart: @escaping @Sendable (inout StrategyContext) -> Void = { _ in },
        onTrade: @escaping @Sendable (Int, TradeTick, inout StrategyContext) -> Void = { _, _, _ in },
        onFill: @escaping @Sendable (OrderFilled, OrderUpdate?, inout StrategyContext) -> Void = { _, _, _ in },
        onTimer: @escaping @Sendable (TimerFired, inout StrategyContext) -> Void = { _, _ in }
    ) {
        self.id = id
        self.subscriptions = subscriptions
        onStartScript = onStart
        onBarScript = onBar
        onTradeScript = onTrade
        onFillScript = onFill
        onTimerScript = onTimer
    }

    public mutating func onStart(context: inout StrategyContext) { onStartScript(&context) }

    public mutating func onBar(_ bar: Bar, context: inout StrategyContext) {
        onBarScript(barCount, bar, &context)
        barCount += 1
    }

    public mutating func onTrade(_ trade: TradeTick, context: inout StrategyContext) {
        onTradeScript(tradeCount, trade, &context)
        tradeCount += 1
    }

    public mutating func onOrderUpdate(_ update: OrderUpdate, context: inout StrategyContext) { updates.append(update) }

    public mutating func onFill(_ fill: OrderFilled, update: OrderUpdate?, context: inout StrategyContext) {
        fills.append(fill)
        if let update { updates.append(update) }
        onFillScript(fill, update, &context)
    }

    public mutating func onTimer(_ timer: TimerFired, context: inout StrategyContext) {
        timers.append(timer)
        onTimerScript(timer, &context)
    }
}
