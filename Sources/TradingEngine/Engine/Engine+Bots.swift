import TradingCore

/// The bots' own books (``BotBook``): booked from the fills of each bot's orders and the funding on its
/// holdings; on each market event of an instrument, the liquidation and the exits of every bot holding it.
extension Engine {
    // MARK: Booking

    /// Books a fill into its bot's book, and follows the bot's exits. A venue's liquidation of the account's
    /// position (no client order) closes every bot's holding of the instrument at the liquidation price.
    mutating func bookBot(_ fill: OrderFilled, strategy: StrategyID?, output: inout EngineOutput) {
        let instrument = state.instruments[fill.instrument.int]
        if let strategy, let slot = state.botSlots[strategy] {
            let change = state.botBooks[slot].apply(fill, instrument: instrument)
            followBotHolding(slot, fill.instrument, change: change, output: &output)
            return
        }
        guard strategy == nil, fill.isLiquidation else { return }
        for slot in state.botHolders[fill.instrument.int] {
            guard let holding = state.botHolding(slot: slot, fill.instrument) else { continue }
            let share = OrderFilled(
                clientOrderID: nil,
                venueOrderID: fill.venueOrderID,
                tradeID: fill.tradeID,
                instrument: fill.instrument,
                side: holding.side == .long ? .sell : .buy,
                quantity: holding.quantity,
                price: fill.price,
                fee: .zero(instrument.settlementCurrency),
                liquidity: fill.liquidity,
                leavesQuantity: .zero,
                isLiquidation: true,
                exchangeTime: fill.exchangeTime
            )
            let change = state.botBooks[slot].apply(share, instrument: instrument)
            state.botBooks[slot].noteLiquidation()
            followBotHolding(slot, fill.instrument, change: change, output: &output)
        }
    }

    /// After a bot's holding changed: the list of holders, and the exits on the holding (attached from the
    /// bot's exit plan when it opens; R and take-profits following it when it grows).
    private mutating func followBotHolding(
        _ slot: Int,
        _ instrument: InstrumentIndex,
        change: (opened: Bool, closed: Bool),
        output: inout EngineOutput
    ) {
        let index = instrument.int
        guard let holding = state.botHolding(slot: slot, instrument) else {
            state.botHolders[index].removeAll { $0 == slot }
            return
        }
        if !state.botHolders[index].contains(slot) {
            // In slot order, so that the bots are checked in the same order every run.
            let position = state.botHolders[index].firstIndex { $0 > slot } ?? state.botHolders[index].endIndex
            state.botHolders[index].insert(slot, at: position)
        }
        guard let entry = holding.averageEntryPrice(state.instruments[index]) else { return }
        let bot = state.strategies[slot].id
        if change.opened {
            guard let plan = state.exits.plan(for: bot, on: instrument) else { return }
            var exits = PositionExits(
                owner: bot,
                plan: plan,
                side: holding.side,
                native: false,
                entryPrice: entry,
                quantity: holding.quantity,
                at: holding.openedAt
            )
            setInitialStop(&exits, instrument: instrument, output: &output)
            state.botBooks[slot].setExits(exits, at: index)
        } else if var exits = state.botBooks[slot].exits[index], holding.quantity > exits.initialQuantity {
            // The holding grew: R and the take-profits follow the new average entry and size.
            exits.initialQuantity = holding.quantity
            if let stop = exits.stop, exits.entryPrice != entry {
                exits.entryPrice = entry
                let distance = abs(entry.raw - stop.raw)
                exits.riskPerUnit = distance > 0 ? Price(raw: distance) : nil
            }
            state.botBooks[slot].setExits(exits, at: index)
        }
    }

    /// The bots' funding when a perpetual's rate is published: each pays or receives it on its own holding at
    /// the last price, whether or not the account's net position pays anything (bots long and short on one
    /// instrument pay each other).
    mutating func applyBotFunding(_ funding: FundingRateUpdate) {
        guard let mark = state.market.lastPrice(funding.instrument) else { return }
        let instrument = state.instruments[funding.instrument.int]
        for slot in state.botHolders[funding.instrument.int] {
            state.botBooks[slot].applyFunding(
                rate: funding.rate,
                mark: mark,
                on: funding.instrument,
                instrument: instrument
            )
        }
    }

    // MARK: Market events

    /// A market event of `instrument` over `low`…`high`: every bot holding it is liquidated when the range
    /// reached the holding's liquidation price, else its exits are checked. Before the strategies see the
    /// event, as for the account's exits.
    mutating func checkBots(_ instrument: InstrumentIndex, low: Price, high: Price, output: inout EngineOutput) {
        let index = instrument.int
        let now = state.now
        for slot in state.botHolders[index] {
            // The triggers first, read where they lie: on most bars neither the liquidation nor the exits have
            // anything to do, and the holding and its exits (a few hundred bytes) are not touched.
            let (liquidates, exitsAct) = state.botBooks.withUnsafeBufferPointer { books in
                books[slot].watches.withUnsafeBufferPointer { watches in
                    (
                        watches[index].liquidation.reached(low: low, high: high, now: now),
                        watches[index].exits.reached(low: low, high: high, now: now)
                    )
                }
            }
            guard liquidates || exitsAct, let holding = state.botHolding(slot: slot, instrument) else { continue }
            if liquidates {
                liquidateBot(slot, instrument: instrument, holding: holding, output: &output)
                continue
            }
            // Moved out and back, not copied.
            guard var exits = state.botBooks[slot].takeExits(at: index) else { continue }
            if let (quantity, tag) = decideExit(
                &exits,
                quantity: holding.quantity,
                instrument: instrument,
                low: low,
                high: high,
                output: &output
            ) {
                exits.pendingExit = submitExit(
                    closing(quantity, of: holding, instrument: instrument, tag: tag),
                    owner: exits.owner,
                    output: &output
                )
            }
            state.botBooks[slot].setExits(exits, at: index)
        }
    }

    /// Closes a bot's holding at market (`liquidation`), unless a liquidation is already on its way. The
    /// bot's exits wait meanwhile.
    private mutating func liquidateBot(
        _ slot: Int,
        instrument: InstrumentIndex,
        holding: BotBook.Holding,
        output: inout EngineOutput
    ) {
        if let pending = state.botBooks[slot].liquidationOrders[instrument.int], state.orders.open(pending) != nil {
            return
        }
        let id = submitExit(
            closing(holding.quantity, of: holding, instrument: instrument, tag: "liquidation"),
            owner: state.strategies[slot].id,
            output: &output
        )
        state.botBooks[slot].liquidationOrders[instrument.int] = id
        state.botBooks[slot].noteLiquidation()
    }

    /// A market order that takes `quantity` off a bot's holding: reduce-only when the account's position is on
    /// the holding's side and at least as large, so that it passes while trading only reduces.
    private func closing(
        _ quantity: Quantity,
        of holding: BotBook.Holding,
        instrument: InstrumentIndex,
        tag: ShortText
    )
        -> OrderSpec
    {
        let account = state.portfolio.signedQuantityRaw(instrument)
        let reduces = account != 0 && (account > 0) == (holding.quantityRaw > 0) && abs(account) >= quantity.raw
        let side: OrderSide = holding.quantityRaw > 0 ? .sell : .buy
        return .market(instrument, side, .base(quantity), reduceOnly: reduces, tag: tag)
    }

    // MARK: Commands

    /// Sets the leverage a bot opens its next perpetual holdings on `instrument` with. Refused, as an anomaly,
    /// for a strategy that is not a bot, a spot instrument, or a leverage outside 1 and the bot's and the
    /// instrument's maximum.
    mutating func setBotLeverage(
        _ leverage: Ratio,
        on instrument: InstrumentIndex,
        strategy: StrategyID,
        output: inout EngineOutput
    ) {
        guard let slot = state.botSlots[strategy] else {
            output.append(anomaly: "\(strategy) set a leverage but is not a bot; the account's leverage is configured")
            return
        }
        let definition = state.instruments[instrument.int]
        let maximum = min(state.botBooks[slot].maximumLeverage, definition.maxLeverage)
        guard definition.kind == .linearPerpetual, leverage >= .one, leverage <= maximum else {
            output.append(
                anomaly:
                    "\(strategy): leverage \(leverage) on \(definition.id) refused (1 to \(maximum) on a perpetual)"
            )
            return
        }
        state.botBooks[slot].setLeverage(leverage, for: instrument)
    }
}
