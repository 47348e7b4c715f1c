import TradingCore

extension Engine {
    /// The account case of `process(_:at:into:)`.
    mutating func process(account event: AccountEvent, at now: Timestamp, into output: inout EngineOutput) {
        withUnsafePointer(to: event) { process(reportAt: $0, at: now, into: &output) }
    }

    /// Applies a venue report: order lifecycle, fills into the portfolio, funding payments.
    mutating func handleAccount(_ event: AccountEvent, output: inout EngineOutput) {
        withUnsafePointer(to: event) { handleAccount(at: $0, output: &output) }
    }

    /// ``handleAccount(_:output:)`` of the report at `event`, read where it lies: switching on a report
    /// passed by value copied it whole (256 bytes) before taking its case apart.
    mutating func handleAccount(at event: UnsafePointer<AccountEvent>, output: inout EngineOutput) {
        // The usual report, an acceptance, without binding its case (which copied the whole report).
        if let (id, venueOrderID) = AccountEvent.acceptedIDs(at: event) {
            transition(id, .accept, output: &output) { $0.venueOrderID = venueOrderID }
            deliverNotifications(output: &output)
            return
        }
        switch event.pointee {
        case .accepted(let id, let venueOrderID, _):
            transition(id, .accept, output: &output) { $0.venueOrderID = venueOrderID }
        case .rejected(let id, let reason, _):
            let text = reason.string
            state.orders.setReason(text, for: id)
            transition(id, .reject, output: &output) { $0.reasonCode = ShortText(truncating: text) }
        case .canceled(let id, let reason, _):
            let text = reason?.string
            if let text { state.orders.setReason(text, for: id) }
            transition(id, .cancel, output: &output) { order in
                if let text { order.reasonCode = ShortText(truncating: text) }
            }
        case .expired(let id, _):
            transition(id, .expire, output: &output) { _ in }
        case .triggered(let id, _):
            transition(id, .trigger, output: &output) { _ in }
        case .updated(let id, let quantity, let price, let triggerPrice, _):
            transition(id, .update, output: &output) { order in
                order.quantity = quantity
                order.price = price
                order.triggerPrice = triggerPrice
            }
        case .requestRefused(let id, let reason, _):
            let text = reason.string
            state.orders.setReason(text, for: id)
            transition(id, .refusePending, output: &output) { $0.reasonCode = ShortText(truncating: text) }
        case .filled(let fill):
            handleFill(fill, output: &output)
        case .funding(let funding):
            state.portfolio.apply(funding)
            emit(funding: funding, into: &output)
        }
        deliverNotifications(output: &output)
    }

    private mutating func transition(
        _ id: ClientOrderID,
        _ transition: OrderTransition,
        output: inout EngineOutput,
        change: (inout Order) -> Void
    ) {
        guard let index = state.orders.openIndex(of: id) else {
            closedOrderTransition(id, transition, output: &output, change: change)
            return
        }
        let slot = slotIndex(of: state.orders.strategyID(at: index))
        if !recordsFacts, let next = state.orders.nextStatus(at: index, on: transition),
            !(slot.map { wantsUpdate($0, next) } ?? false)
        {
            // Nobody reads the update (no facts are kept, and the strategy did not ask for it): the order is
            // changed and digested where it lies, and no update is built.
            let now = state.now
            // Only an amendment the venue applied (`update`) changes what the order commits.
            OrderStore.modifyOpen(&state.orders, at: index, audit: &state.audit, keepsCommitment: transition != .update)
            {
                order,
                audit in
                // `nextStatus` has just said the transition is allowed.
                try? order.apply(transition, at: now)
                change(&order)
                audit.record(updated: order, transition: transition)
            }
            state.orders.closeIfDone(at: index)
            return
        }
        let now = state.now
        var failure: InvalidOrderTransition?
        let update: OrderUpdate = state.orders.modifyOpen(at: index) { order in
            do throws(InvalidOrderTransition) {
                try order.apply(transition, at: now)
                change(&order)
            } catch {
                failure = error
            }
            return OrderUpdate(order, transition: transition)
        }
        if let failure {
            output.append(anomaly: "order \(id): \(failure)")
            return
        }
        emit(updated: update, into: &output)
        state.orders.closeIfDone(at: index)
        if let slot { notify(slot, update, output: &output) }
    }

    /// A report about an order that is no longer open: a late report the lifecycle table may still allow.
    private mutating func closedOrderTransition(
        _ id: ClientOrderID,
        _ transition: OrderTransition,
        output: inout EngineOutput,
        change: (inout Order) -> Void
    ) {
        let now = state.now
        let outcome: Result<OrderUpdate, InvalidOrderTransition>? = state.orders.modify(id) { order in
            // A refused cancel or amendment of an order that has closed meanwhile changes nothing.
            if transition == .refusePending && order.status.isClosed {
                return .failure(InvalidOrderTransition(from: order.status, transition: transition))
            }
            do throws(InvalidOrderTransition) {
                try order.apply(transition, at: now)
            } catch {
                return .failure(error)
            }
            change(&order)
            return .success(OrderUpdate(order, transition: transition))
        }
        switch outcome {
        case nil:
            output.append(anomaly: "\(transition) for unknown order \(id)")
        case .failure(let error):
            if !(transition == .refusePending && error.from.isClosed) {
                output.append(anomaly: "order \(id): \(error)")
            }
        case .success(let update):
            emit(updated: update, into: &output)
            if let slot = slotIndex(of: update.strategyID) { notify(slot, update, output: &output) }
        }
    }

    /// Books a fill: the order's fill state and lifecycle, the portfolio, the facts, then the strategy's
    /// `onFill`.
    mutating func handleFill(_ fill: OrderFilled, output: inout EngineOutput) {
        guard let id = fill.clientOrderID, let index = state.orders.openIndex(of: id) else {
            handleUnmatchedFill(fill, output: &output)
            return
        }
        let now = state.now
        let transition: OrderTransition = fill.leavesQuantity.isZero ? .fill : .partialFill
        // `quantity × price` once, for the order's average price and the ledger.
        let notionalRaw = FixedPoint.multiply(fill.quantity.raw, fill.price.raw, rounding: .toNearestOrEven)
        // Everything needed from the order is read inside the one access to it: reading fields of
        // `openOrders[index]` afterwards had the optimizer copy the whole order (633 bytes) out first.
        var problem: InvalidOrderTransition?
        let update: OrderUpdate = state.orders.modifyOpen(at: index) { order in
            order.record(fill, notionalRaw: notionalRaw)
            do throws(InvalidOrderTransition) {
                try order.apply(transition, at: now)
            } catch {
                problem = error
            }
            return OrderUpdate(order, transition: transition)
        }
        if let problem { output.append(anomaly: "order \(id): \(problem); fill booked") }
        let strategy = update.strategyID
        emit(filled: fill, strategy: strategy, into: &output)
        book(
            fill,
            strategy: strategy,
            tag: update.tag ?? (fill.isLiquidation ? "liquidation" : nil),
            notionalRaw: notionalRaw,
            output: &output
        )
        emit(updated: update, into: &output)
        state.orders.closeIfDone(at: index)
        if _slowPath(state.exits.isEnabled) { reconcileExits(fill.instrument, fillStrategy: strategy, output: &output) }
        if let slot = slotIndex(of: strategy) { notify(slot, fill, update, output: &output) }
    }

    /// A fill for an order that is closed (a late fill) or unknown to the engine: booked all the same.
    private mutating func handleUnmatchedFill(_ fill: OrderFilled, output: inout EngineOutput) {
        var order: OrderUpdate?
        if let id = fill.clientOrderID {
            let now = state.now
            let outcome: (OrderUpdate, InvalidOrderTransition?)? = state.orders.modify(id) { known in
                known.record(fill)
                var problem: InvalidOrderTransition?
                let transition: OrderTransition = fill.leavesQuantity.isZero ? .fill : .partialFill
                do throws(InvalidOrderTransition) {
                    try known.apply(transition, at: now)
                } catch {
                    problem = error
                }
                return (OrderUpdate(known, transition: transition), problem)
            }
            if let (known, problem) = outcome {
                order = known
                if let problem { output.append(anomaly: "order \(id): \(problem); fill booked") }
            } else {
                output.append(anomaly: "fill for unknown order \(id); fill booked")
            }
        }
        let strategy = order?.strategyID
        emit(filled: fill, strategy: strategy, into: &output)
        book(fill, strategy: strategy, tag: order?.tag ?? (fill.isLiquidation ? "liquidation" : nil), output: &output)
        if state.exits.isEnabled { reconcileExits(fill.instrument, fillStrategy: strategy, output: &output) }
        if let order {
            emit(updated: order, into: &output)
            if let slot = slotIndex(of: order.strategyID) { notify(slot, fill, order, output: &output) }
        } else {
            for position in subscriberRanges[fill.instrument.int] {
                notifications.append(.fill(slot: subscriberList[position], fill, nil))
            }
        }
    }

    /// Books a fill into the portfolio and records what it did to the position.
    private mutating func book(
        _ fill: OrderFilled,
        strategy: StrategyID?,
        tag: ShortText?,
        notionalRaw: Int128? = nil,
        output: inout EngineOutput
    ) {
        if _slowPath(state.hasBots) { bookBot(fill, strategy: strategy, output: &output) }
        if _slowPath(riskWatches) { risk.didFill(fill, strategy: strategy, state: &state) }
        // The facts are built from the portfolio where they are emitted (see `Portfolio.book`).
        switch state.portfolio.book(fill, strategy: strategy, tag: tag, notionalRaw: notionalRaw) {
        case .opened: emit(opened: state.portfolio.update(of: fill.instrument), into: &output)
        case .changed: emit(changed: state.portfolio.update(of: fill.instrument), into: &output)
        case .closed: emitClosedRoundTrip(into: &output)
        case .flipped:
            emitClosedRoundTrip(into: &output)
            emit(opened: state.portfolio.update(of: fill.instrument), into: &output)
        }
    }
}
