import TradingCore

/// Exits attached to positions (see ``ExitPlan``): attached when a strategy's fill opens a position,
/// resized as it changes, detached when it closes; levels moved and triggers checked on each market event
/// of the instrument, before the strategies see it. Every exit order is a reduce-only order of the owning
/// strategy and passes risk like any other.
extension Engine {
    // MARK: Fills

    /// After a fill on `instrument`: attach exits to a new position, follow a changed one, detach from a
    /// closed or flipped one.
    mutating func reconcileExits(_ instrument: InstrumentIndex, fillStrategy: StrategyID?, output: inout EngineOutput) {
        let index = instrument.int
        let position = state.portfolio.position(instrument)
        if let current = state.exits.positions[index], position == nil || position?.side != current.side {
            cancelExitOrders(current, output: &output)
            state.exits.setExits(nil, at: index)
        }
        guard let position, let entry = position.averageEntryPrice else { return }
        guard var exits = state.exits.positions[index] else {
            guard let owner = fillStrategy, owner != Engine.operatorID, state.botSlots[owner] == nil,
                let plan = state.exits.plan(for: owner, on: instrument)
            else { return }
            let definition = state.instruments[index]
            var exits = PositionExits(
                owner: owner,
                plan: plan,
                side: position.side,
                native: state.exits.placesNatively(plan, on: definition),
                entryPrice: entry,
                quantity: position.quantity,
                at: position.openedAt
            )
            setInitialStop(&exits, instrument: instrument, output: &output)
            state.exits.setExits(exits, at: index)
            syncNativeOrders(instrument, output: &output)
            return
        }
        if position.quantity > exits.initialQuantity {
            // The position grew: R and the take-profits follow the new average entry and size.
            exits.initialQuantity = position.quantity
            if let stop = exits.stop, exits.entryPrice != entry {
                exits.entryPrice = entry
                let distance = abs(entry.raw - stop.raw)
                exits.riskPerUnit = distance > 0 ? Price(raw: distance) : nil
            }
        }
        state.exits.setExits(exits, at: index)
        syncNativeOrders(instrument, output: &output)
    }

    // MARK: Market events

    /// A bar: update the statistics, then the exits of the bar's instrument over its range.
    mutating func exitsSee(_ bar: Bar, output: inout EngineOutput) {
        if !state.exits.stats.isEmpty { state.exits.stats[bar.instrument.int].update(bar) }
        guard state.exits.hasExits(at: bar.instrument.int) else { return }
        evaluateExits(bar.instrument, low: bar.low, high: bar.high, output: &output)
    }

    /// A quote: a long exits at the bid, a short at the ask.
    mutating func exitsSee(_ quote: QuoteTick, output: inout EngineOutput) {
        guard state.exits.hasExits(at: quote.instrument.int), let exits = state.exits.positions[quote.instrument.int]
        else {
            return
        }
        let price = exits.isLong ? quote.bidPrice : quote.askPrice
        guard price.raw > 0 else { return }
        evaluateExits(quote.instrument, low: price, high: price, output: &output)
    }

    /// A trade price: the exits of the instrument at that price.
    mutating func exitsSee(_ instrument: InstrumentIndex, low: Price, high: Price, output: inout EngineOutput) {
        guard state.exits.hasExits(at: instrument.int) else { return }
        evaluateExits(instrument, low: low, high: high, output: &output)
    }

    /// Checks the triggers against the levels set before this event (the conservative order: the range's
    /// adverse extreme may have come first), then moves the levels with the new prices.
    private mutating func evaluateExits(
        _ instrument: InstrumentIndex,
        low: Price,
        high: Price,
        output: inout EngineOutput
    ) {
        let index = instrument.int
        guard var exits = state.exits.positions[index], let position = state.portfolio.position(instrument) else {
            return
        }
        if exits.native, let id = exits.stopOrder, state.orders.open(id) == nil {
            // The venue refused or removed the resting stop (a gap through it, an operator's cancel): the
            // engine emulates the exits from now on.
            exits.stopOrder = nil
            exits.native = false
        }
        if let (quantity, tag) = decideExit(
            &exits,
            quantity: position.quantity,
            instrument: instrument,
            low: low,
            high: high,
            output: &output
        ) {
            let side: OrderSide = exits.isLong ? .sell : .buy
            exits.pendingExit = submitExit(
                .market(instrument, side, .base(quantity), reduceOnly: true, tag: tag),
                owner: exits.owner,
                output: &output
            )
        }
        state.exits.setExits(exits, at: index)
        syncNativeOrders(instrument, output: &output)
    }

    /// The exit that `exits` calls for over this event's range (`low`…`high`) on a position of `quantity`, if
    /// any, with the levels then moved with the new prices: the initial stop once its inputs are known; a stop
    /// or a take-profit reached (emulated exits only); a time stop due. Nothing while an exit is pending or
    /// trading is halted.
    mutating func decideExit(
        _ exits: inout PositionExits,
        quantity: Quantity,
        instrument: InstrumentIndex,
        low: Price,
        high: Price,
        output: inout EngineOutput
    ) -> (quantity: Quantity, tag: ShortText)? {
        if exits.stop == nil && exits.plan.stop != nil {
            setInitialStop(&exits, instrument: instrument, output: &output)
        }
        if let pending = exits.pendingExit, state.orders.open(pending) == nil { exits.pendingExit = nil }
        let adverse = exits.isLong ? low : high
        let favourable = exits.isLong ? high : low
        var exitOrder: (quantity: Quantity, tag: ShortText)?
        if exits.pendingExit == nil && !isHalted {
            if !exits.native, let stop = exits.stop, exits.isLong ? adverse <= stop : adverse >= stop {
                exitOrder = (quantity, exits.stopReason)
            } else if !exits.native, exits.takeProfitsDone < exits.plan.takeProfits.count,
                let target = exits.target(rMultiple: exits.plan.takeProfits[exits.takeProfitsDone].rMultiple),
                exits.isLong ? favourable >= target : favourable <= target
            {
                let level = exits.takeProfitsDone
                exits.takeProfitsDone += 1
                if let partial = takeProfitQuantity(exits, level: level, position: quantity, instrument: instrument) {
                    exitOrder = (partial, ShortText(truncating: "take_profit_\(level + 1)"))
                }
            } else if let timeStop = exits.plan.timeStop,
                state.now.nanoseconds - exits.openedAt.nanoseconds >= timeStop.totalNanoseconds
            {
                exitOrder = (quantity, "time_stop")
            }
        }
        moveLevels(&exits, instrument: instrument, favourable: favourable)
        return exitOrder
    }

    private var isHalted: Bool {
        if case .tradingHalted = state.tradingState { return true }
        return false
    }

    /// Best price, break-even and trailing; the stop only ever tightens.
    private func moveLevels(_ exits: inout PositionExits, instrument: InstrumentIndex, favourable: Price) {
        if exits.tightensBest(to: favourable) { exits.bestPrice = favourable }
        let definition = state.instruments[instrument.int]
        let progress = exits.progress(at: exits.bestPrice)
        if let after = exits.plan.breakEvenAfter, let progress, progress >= after, exits.tightens(to: exits.entryPrice)
        {
            exits.stop = exits.entryPrice
            exits.stopReason = "break_even"
        }
        if !exits.trailingActive, let after = exits.plan.trailingAfter, let progress, progress >= after {
            exits.trailingActive = true
        }
        guard exits.trailingActive, let rule = exits.plan.trailing else { return }
        let stats = state.exits.stats(instrument)
        let sign: Int128 = exits.isLong ? -1 : 1
        var candidate: Int128?
        switch rule {
        case .percent(let fraction):
            let distance = exits.bestPrice.multiplied(by: fraction, rounding: .up)
            candidate = exits.bestPrice.raw + sign * distance.raw
        case .averageTrueRange(let multiple, let period):
            if let atr = stats?.averageTrueRange(period: period) {
                candidate = exits.bestPrice.raw + sign * atr.multiplied(by: multiple, rounding: .up).raw
            }
        case .chandelier(let multiple, let period):
            let anchor = exits.isLong ? stats?.highestHigh(last: period) : stats?.lowestLow(last: period)
            if let atr = stats?.averageTrueRange(period: period), let anchor {
                candidate = anchor.raw + sign * atr.multiplied(by: multiple, rounding: .up).raw
            }
        }
        guard let candidate, candidate > 0 else { return }
        let level = definition.round(price: Price(raw: candidate), rounding: exits.isLong ? .down : .up)
        if level.raw > 0, exits.tightens(to: level) {
            exits.stop = level
            exits.stopReason = "trailing_stop"
        }
    }

    /// The initial stop from the plan's rule, once its inputs are known; R follows from it.
    func setInitialStop(_ exits: inout PositionExits, instrument: InstrumentIndex, output: inout EngineOutput) {
        guard let rule = exits.plan.stop else { return }
        let definition = state.instruments[instrument.int]
        let entry = exits.entryPrice
        let sign: Int128 = exits.isLong ? -1 : 1
        let stats = state.exits.stats(instrument)
        var level: Int128?
        switch rule {
        case .percent(let fraction):
            level = entry.raw + sign * entry.multiplied(by: fraction, rounding: .up).raw
        case .averageTrueRange(let multiple, let period):
            if let atr = stats?.averageTrueRange(period: period) {
                level = entry.raw + sign * atr.multiplied(by: multiple, rounding: .up).raw
            }
        case .structure(let lookback, let buffer):
            if let swing = exits.isLong ? stats?.lowestLow(last: lookback) : stats?.highestHigh(last: lookback) {
                level = swing.raw + sign * swing.multiplied(by: buffer, rounding: .up).raw
            }
        }
        guard let level else { return }
        let stop = definition.round(
            price: Price(raw: max(level, definition.tickSize.raw)),
            rounding: exits.isLong ? .down : .up
        )
        let distance = abs(entry.raw - stop.raw)
        guard exits.isLong ? stop < entry : stop > entry, distance > 0 else {
            output.append(
                anomaly: "\(rule) stop \(stop) is not beyond the entry \(entry) on \(definition.id); no stop set"
            )
            return
        }
        exits.stop = stop
        exits.riskPerUnit = Price(raw: distance)
    }

    /// A level's quantity: its fraction of the initial quantity, down to the lot step; the whole position
    /// for the level that completes the scale-out. `nil` when it rounds below the instrument's minimum.
    private func takeProfitQuantity(
        _ exits: PositionExits,
        level: Int,
        position: Quantity,
        instrument: InstrumentIndex
    ) -> Quantity? {
        let definition = state.instruments[instrument.int]
        let cumulative = exits.plan.takeProfits[...level].reduce(Ratio.zero) { $0 + $1.fraction }
        if cumulative == .one { return position }
        let share = definition.round(
            quantity: exits.initialQuantity.multiplied(by: exits.plan.takeProfits[level].fraction, rounding: .down)
        )
        let quantity = min(share, position)
        guard quantity.raw > 0, definition.validate(quantity: quantity) == nil else { return nil }
        return quantity
    }

    // MARK: Orders

    /// Submits an exit order for `owner` through risk; its ID whether approved or not.
    mutating func submitExit(_ spec: OrderSpec, owner: StrategyID, output: inout EngineOutput) -> ClientOrderID {
        let id = ClientOrderID(strategy: owner, sequence: state.nextOrderSequence)
        state.nextOrderSequence += 1
        submit(id: id, spec: spec, strategy: owner, slot: slotIndex(of: owner), output: &output)
        return id
    }

    /// Native placement: a resting reduce-only stop for the whole position at the current stop, and the
    /// take-profit limits not yet placed; amends the stop when its level or the position's size moved.
    private mutating func syncNativeOrders(_ instrument: InstrumentIndex, output: inout EngineOutput) {
        let index = instrument.int
        guard var exits = state.exits.positions[index], exits.native, !isHalted,
            let position = state.portfolio.position(instrument)
        else { return }
        let side: OrderSide = exits.isLong ? .sell : .buy
        if let stop = exits.stop {
            if let id = exits.stopOrder, let order = state.orders.open(id) {
                // Tags are the engine's own labels: the fill books under the stop's current reason.
                if order.tag != exits.stopReason {
                    let reason = exits.stopReason
                    _ = state.orders.modify(id) { $0.tag = reason }
                }
                let trigger = order.triggerPrice == stop ? nil : stop
                let quantity = order.quantity == position.quantity ? nil : position.quantity
                if trigger != nil || quantity != nil, let slot = slotIndex(of: exits.owner) {
                    requestModify(
                        order,
                        amendment: OrderAmendment(quantity: quantity, triggerPrice: trigger),
                        slot: slot,
                        output: &output
                    )
                }
            } else if exits.stopOrder == nil {
                let id = submitExit(
                    .stopMarket(
                        instrument,
                        side,
                        position.quantity,
                        trigger: stop,
                        reduceOnly: true,
                        tag: exits.stopReason
                    ),
                    owner: exits.owner,
                    output: &output
                )
                if state.orders.open(id) != nil {
                    exits.stopOrder = id
                } else {
                    output.append(
                        anomaly: "native exit stop for \(state.instruments[index].id) refused; emulating the exits"
                    )
                    exits.native = false
                }
            }
        }
        let definition = state.instruments[index]
        while exits.native && exits.takeProfitsDone < exits.plan.takeProfits.count {
            let level = exits.takeProfitsDone
            guard let target = exits.target(rMultiple: exits.plan.takeProfits[level].rMultiple) else { break }
            exits.takeProfitsDone += 1
            guard
                let quantity = takeProfitQuantity(
                    exits,
                    level: level,
                    position: position.quantity,
                    instrument: instrument
                )
            else { continue }
            let price = definition.round(price: target, rounding: exits.isLong ? .up : .down)
            let id = submitExit(
                .limit(
                    instrument,
                    side,
                    quantity,
                    price: price,
                    reduceOnly: true,
                    tag: ShortText(truncating: "take_profit_\(level + 1)")
                ),
                owner: exits.owner,
                output: &output
            )
            if state.orders.open(id) != nil { exits.takeProfitOrders.append(id) }
        }
        state.exits.setExits(exits, at: index)
    }

    /// Cancels the resting exit orders of a position that closed or flipped.
    private mutating func cancelExitOrders(_ exits: PositionExits, output: inout EngineOutput) {
        for id in [exits.stopOrder].compactMap({ $0 }) + exits.takeProfitOrders {
            if let order = state.orders.open(id) { requestCancel(order, output: &output) }
        }
    }
}

extension PositionExits {
    /// Whether `price` is a new best since entry.
    func tightensBest(to price: Price) -> Bool { isLong ? price > bestPrice : price < bestPrice }
}
