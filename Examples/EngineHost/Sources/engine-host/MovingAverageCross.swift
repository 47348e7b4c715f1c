import TradingCore
import TradingEngine

/// A strategy written against the public contract only: a long-only crossover of two simple moving averages
/// of the close, all in on the way up, out on the way down.
///
/// It keeps its own state in values, reads the engine through its context, and acts only by submitting
/// orders, which take effect after the callback returns.
struct MovingAverageCross: Strategy {
    let id: StrategyID
    let subscriptions: [InstrumentID]
    let fast: Int
    let slow: Int
    private var closes: [Double] = []
    private var wasAbove: Bool?

    init(id: StrategyID, instrument: InstrumentID, fast: Int, slow: Int) {
        self.id = id
        subscriptions = [instrument]
        self.fast = fast
        self.slow = slow
    }

    mutating func onBar(_ bar: Bar, context: inout StrategyContext) {
        closes.append(bar.close.doubleValue)
        if closes.count > slow { closes.removeFirst() }
        guard closes.count == slow else { return }
        let fastAverage = closes.suffix(fast).reduce(0, +) / Double(fast)
        let slowAverage = closes.reduce(0, +) / Double(slow)
        let above = fastAverage > slowAverage
        defer { wasAbove = above }
        guard let wasAbove, above != wasAbove, !context.hasOpenOrders(bar.instrument) else { return }
        let holding = context.position(bar.instrument)
        if above, holding == nil {
            // A quote amount: the engine sizes it in base units at the venue's fill.
            let cash = context.state.portfolio.balance(context.state.portfolio.accountCurrency)
            guard cash.raw > 0 else { return }
            let budget = Money(raw: cash.raw * 99 / 100, currency: cash.currency)
            _ = context.submit(.market(bar.instrument, .buy, .quote(budget), tag: "cross_up"))
        } else if !above, let holding {
            _ = context.submit(.market(bar.instrument, .sell, .base(holding.quantity), tag: "cross_down"))
        }
    }
}
