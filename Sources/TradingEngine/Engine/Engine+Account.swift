import TradingCore

extension Engine {
    /// Applies a venue report: order lifecycle, fills into the portfolio, funding payments.
    mutating func handleAccount(_ event: AccountEvent, output: inout EngineOutput) {
        switch event {
        case .accepted(let id, let venueOrderID, _):
            transition(id, .accept, output: &output) { $0.venueOrderID = venueOrderID }
        case .rejected(let id, let reason, _):
            state.orders.setReason(reason, for: id)
            transition(id, .reject, output: &output) { $0.reasonCode = ShortText(truncating: reason) }
        case .canceled(let id, let reason, _):
            if let reason { state.orders.setReason(reason, for: id) }
            transition(id, .cancel, output: &output) { order in
                if let reason { order.reasonCode = ShortText(truncating: reason) }
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
            state.orders.setReason(reason, for: id)
            transition(id, .refusePending, output: &output) { $0.reasonCode = ShortText(truncating: reason) }
        case .filled(let fill):
            handleFill(fill, output: &output)
        case .funding(let funding):
            state.portfolio.apply(funding)
            output.facts.append(.fundingApplied(funding))
        }
        deliverNotifications(output: &output)
    }

    private mutating func transition(
        _ id: ClientOrderID, _ transition: OrderTransition, output: inout EngineOutput, change: (inout Order) -> Void
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
            output.anomalies.append("\(transition) for unknown order \(id)")
        case .failure(let error):
            if !(transition == .refusePending && error.from.isClosed) {
                output.anomalies.append("order \(id): \(error)")
            }
        case .success(let update):
            output.facts.append(.orderUpdated(update))
            if let slot = slotIndex(of: update.strategyID) { notifications.append(.orderUpdate(slot: slot, update)) }
        }
    }

    private mutating func handleFill(_ fill: OrderFilled, output: inout EngineOutput) {
        var order: OrderUpdate?
        if let id = fill.clientOrderID {
            let now = state.now
            let outcome: (OrderUpdate, InvalidOrderTransition?)? = state.orders.modify(id) { known in
                known.filledQuantity = known.filledQuantity + fill.quantity
                known.filledNotionalRaw += FixedPoint.multiply(fill.quantity.raw, fill.price.raw, rounding: .toNearestOrEven)
                known.fees = (known.fees ?? .zero(fill.fee.currency)) + fill.fee
                known.fillCount += 1
                if case .quote = known.requestedQuantity {
                    known.quantity = known.filledQuantity + fill.leavesQuantity
                }
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
                if let problem { output.anomalies.append(("order \(id): \(problem); fill booked")) }
            } else {
                output.anomalies.append("fill for unknown order \(id); fill booked")
            }
        }
        let strategy = order?.strategyID
        let tag: ShortText? = order?.tag ?? (fill.isLiquidation ? "liquidation" : nil)
        let change = state.portfolio.apply(fill, strategy: strategy, tag: tag)
        output.facts.append(.orderFilled(fill, strategy: strategy))
        switch change {
        case .opened(let position): output.facts.append(.positionOpened(position))
        case .changed(let position): output.facts.append(.positionChanged(position))
        case .closed(let closed): output.facts.append(.positionClosed(closed))
        case .flipped(let closed, let opened):
            output.facts.append(.positionClosed(closed))
            output.facts.append(.positionOpened(opened))
        }
        if let order { output.facts.append(.orderUpdated(order)) }
        if let order, let slot = slotIndex(of: order.strategyID) {
            notifications.append(.fill(slot: slot, fill, order))
        } else if order == nil {
            for position in subscriberRanges[fill.instrument.int] {
                notifications.append(.fill(slot: subscriberList[position], fill, nil))
            }
        }
    }
}
