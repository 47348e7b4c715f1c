import TradingCore
extension Engine {
    /// Updates the market view, then calls the subscribed strategies in registration order.
    @usableFromInline
    mutating func handleMarket(_ event: MarketEvent, output: inout EngineOutput) {
        state.market.update(with: event)
        let index = event.instrument.int
        for position in subscriberRanges[index] {
            let slot = subscriberList[position]
            switch event {
            case .bar(let bar):
                dispatch(slot, output: &output) { strategy, context in strategy.onBar(bar, context: &context) }
            case .trade(let trade):
                dispatch(slot, output: &output) { strategy, context in strategy.onTrade(trade, context: &context) }
            case .quote(let quote):
                dispatch(slot, output: &output) { strategy, context in strategy.onQuote(quote, context: &context) }
            case .book(let update):
                dispatch(slot, output: &output) { strategy, context in strategy.onBook(update, context: &context) }
            case .funding(let funding):
                dispatch(slot, output: &output) { strategy, context in strategy.onFunding(funding, context: &context) }
            }
        }
        if notificationHead < notifications.count { deliverNotifications(output: &output) }
    }
}
