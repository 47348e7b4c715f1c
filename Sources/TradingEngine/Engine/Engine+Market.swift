public import TradingCore

extension Engine {
    /// The market case of `process(_:at:into:)`; package, for a driver that holds market events unwrapped.
    @inline(__always)
    package mutating func process(market event: MarketEvent, at now: Timestamp, into output: inout EngineOutput) {
        advance(to: now)
        output.reset(sequence: state.sequence)
        handleMarket(event, output: &output)
    }

    /// Updates the market view, lets a stateful risk policy react to the new prices, then calls the
    /// subscribed strategies in registration order.
    @usableFromInline
    mutating func handleMarket(_ event: MarketEvent, output: inout EngineOutput) {
        switch event {
        case .bar(let bar):
            handleBar(bar, output: &output)
        case .trade(let trade):
            state.market.update(trade)
            if _slowPath(state.exits.isEnabled) {
                exitsSee(trade.instrument, low: trade.price, high: trade.price, output: &output)
            }
            if _slowPath(!state.botHolders[trade.instrument.int].isEmpty) {
                checkBots(trade.instrument, low: trade.price, high: trade.price, output: &output)
            }
            if riskWatches { evaluateRisk(output: &output) }
            for position in subscriberRanges[trade.instrument.int] {
                dispatch(subscriberList[position], output: &output) { strategy, context in
                    strategy.onTrade(trade, context: &context)
                }
            }
        case .quote(let quote):
            state.market.update(quote)
            if _slowPath(state.exits.isEnabled) { exitsSee(quote, output: &output) }
            if _slowPath(!state.botHolders[quote.instrument.int].isEmpty) {
                checkBots(quote.instrument, low: quote.bidPrice, high: quote.askPrice, output: &output)
            }
            if riskWatches { evaluateRisk(output: &output) }
            for position in subscriberRanges[quote.instrument.int] {
                dispatch(subscriberList[position], output: &output) { strategy, context in
                    strategy.onQuote(quote, context: &context)
                }
            }
        case .book(let update):
            state.market.update(update)
            if riskWatches { evaluateRisk(output: &output) }
            for position in subscriberRanges[update.instrument.int] {
                dispatch(subscriberList[position], output: &output) { strategy, context in
                    strategy.onBook(update, context: &context)
                }
            }
        case .funding(let funding):
            state.market.update(funding)
            if _slowPath(!state.botHolders[funding.instrument.int].isEmpty) { applyBotFunding(funding) }
            if riskWatches { evaluateRisk(output: &output) }
            for position in subscriberRanges[funding.instrument.int] {
                dispatch(subscriberList[position], output: &output) { strategy, context in
                    strategy.onFunding(funding, context: &context)
                }
            }
        }
        if notificationHead < notifications.count { deliverNotifications(output: &output) }
    }

    /// The bar case of ``handleMarket(_:output:)``, callable without wrapping the bar in an event.
    @usableFromInline @inline(__always)
    mutating func handleBar(_ bar: Bar, output: inout EngineOutput) {
        state.market.update(bar)
        if _slowPath(state.exits.isEnabled) { exitsSee(bar, output: &output) }
        if _slowPath(!state.botHolders[bar.instrument.int].isEmpty) {
            checkBots(bar.instrument, low: bar.low, high: bar.high, output: &output)
        }
        // Breakers see the new prices before strategies act on them.
        if _slowPath(riskWatches) {
            risk.observe(bar, state: &state)
            evaluateRisk(output: &output)
        }
        for position in subscriberRanges[bar.instrument.int] {
            dispatch(subscriberList[position], output: &output) { strategy, context in
                strategy.onBar(bar, context: &context)
            }
        }
        if notificationHead < notifications.count { deliverNotifications(output: &output) }
    }
}
