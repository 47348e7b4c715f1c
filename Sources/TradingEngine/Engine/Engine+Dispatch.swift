public import TradingCore

/// How the engine calls strategies and delivers order notifications to them.
extension Engine {
    @usableFromInline
    mutating func advance(to now: Timestamp) {
        precondition(now >= state.now, "Invariant: engine time is monotonic")
        state.now = now
        state.sequence &+= 1
    }

    /// Runs one strategy callback with a context over the state, then applies what it asked for.
    @inline(__always)
    mutating func dispatch(
        _ slot: Int,
        output: inout EngineOutput,
        _ body: (StrategyBox, inout StrategyContext) -> Void
    ) {
        slots.makeUnique()
        withUnsafeMutablePointer(to: &state) { statePointer in
            withUnsafeMutablePointer(to: &commandBuffer) { commands in
                var context = StrategyContext(statePointer: statePointer, commands: commands, slot: slot)
                slots.withBox(slot) { body($0, &context) }
            }
        }
        if !commandBuffer.isEmpty { applyCommands(slot: slot, output: &output) }
    }

    /// Tells a strategy about an order update: at once when no delivery is running, else after it.
    @inline(__always)
    mutating func notify(_ slot: Int, _ update: OrderUpdate, output: inout EngineOutput) {
        guard wantsUpdate(slot, update.status) else { return }
        guard !delivering else {
            notifications.append(.orderUpdate(slot: slot, update))
            return
        }
        delivering = true
        dispatch(slot, output: &output) { strategy, context in strategy.onOrderUpdate(update, context: &context) }
        delivering = false
        if notificationHead < notifications.count { deliverNotifications(output: &output) }
    }

    /// Whether the strategy in `slot` asked for updates that leave an order in `status`
    /// (``Strategy/orderUpdateInterest``).
    @inline(__always)
    func wantsUpdate(_ slot: Int, _ status: OrderStatus) -> Bool {
        state.strategies[slot].orderUpdates.includes(status)
    }

    /// Tells a strategy about a fill of its order: at once when no delivery is running, else after it.
    @inline(__always)
    mutating func notify(_ slot: Int, _ fill: OrderFilled, _ update: OrderUpdate, output: inout EngineOutput) {
        guard !delivering else {
            queue(fill, update, for: slot)
            return
        }
        delivering = true
        dispatch(slot, output: &output) { strategy, context in strategy.onFill(fill, update: update, context: &context)
        }
        delivering = false
        if notificationHead < notifications.count { deliverNotifications(output: &output) }
    }

    /// Queues a fill for its strategy while a delivery runs; out of line, so that the fill and its update
    /// are copied into the queue only when this rare path runs.
    @inline(never)
    mutating func queue(_ fill: OrderFilled, _ update: OrderUpdate, for slot: Int) {
        notifications.append(.fill(slot: slot, fill, update))
    }

    /// Delivers queued order notifications to their strategies, with a bound on reentrancy.
    mutating func deliverNotifications(output: inout EngineOutput) {
        // Nothing queued (the usual case after a report): nothing to deliver or clear.
        guard !delivering, notificationHead < notifications.count else { return }
        delivering = true
        defer { delivering = false }
        defer {
            notifications.removeAll()
            notificationHead = 0
        }
        var budget = 256
        while notificationHead < notifications.count {
            let notification = notifications[notificationHead]
            notificationHead += 1
            budget -= 1
            if budget < 0 {
                output.append(
                    anomaly:
                        "order notification loop: dropped \(notifications.count - notificationHead + 1) notifications"
                )
                break
            }
            switch notification {
            case .orderUpdate(let slot, let update):
                dispatch(slot, output: &output) { strategy, context in strategy.onOrderUpdate(update, context: &context)
                }
            case .fill(let slot, let fill, let update):
                dispatch(slot, output: &output) { strategy, context in
                    strategy.onFill(fill, update: update, context: &context)
                }
            }
        }
    }

    /// Lets a stateful risk policy trip (or reset) the trading state. Reducing cancels the open orders that
    /// could add risk and keeps the reduce-only ones (stops, take-profits); a flatten trip also closes every
    /// position; a halt cancels every open order.
    @inline(never)
    mutating func evaluateRisk(output: inout EngineOutput) {
        guard let change = risk.evaluate(state: &state), change.state != state.tradingState else { return }
        state.tradingState = change.state
        emit(tradingState: change.state, code: ShortText(truncating: change.code), into: &output)
        switch change.state {
        case .active: break
        case .reducing:
            if change.flatten {
                flatten(nil, tag: ShortText(truncating: change.code), output: &output)
            } else {
                for order in state.orders.openOrders where !order.reduceOnly { requestCancel(order, output: &output) }
            }
        case .tradingHalted:
            for order in state.orders.openOrders { requestCancel(order, output: &output) }
        }
        deliverNotifications(output: &output)
    }

    func slotIndex(of id: StrategyID) -> Int? {
        // A few strategies: comparing inline IDs beats hashing one.
        if state.strategies.count <= 8 { return state.strategies.firstIndex { $0.id == id } }
        return slotByID[id]
    }

    mutating func handleTimer(_ timer: TimerFired, output: inout EngineOutput) {
        guard let slot = slotIndex(of: timer.timer.strategy) else {
            output.append(anomaly: "timer \(timer.timer) for unknown strategy")
            return
        }
        dispatch(slot, output: &output) { strategy, context in strategy.onTimer(timer, context: &context) }
        deliverNotifications(output: &output)
    }
}
