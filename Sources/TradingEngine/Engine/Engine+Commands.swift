public import TradingCore

extension Engine {
    /// Applies what a strategy asked for during its callback: new orders through risk, cancels, amendments
    /// and timers. Kept out of line: the bar path calls it only when a strategy acted.
    @inline(never)
    mutating func applyCommands(slot: Int, output: inout EngineOutput) {
        var commands: ScratchBuffer<StrategyCommand> = []
        swap(&commands, &commandBuffer)
        let strategyID = state.strategies[slot].id
        // Each command is read where it lies: iterating the array by value copied every command (about
        // 400 bytes) out before looking at it.
        commands.withUnsafeBufferPointer { buffer in
            for index in buffer.indices {
                apply(buffer.baseAddress! + index, strategy: strategyID, slot: slot, output: &output)
            }
        }
        commands.removeAll()
        if commandBuffer.isEmpty { commandBuffer = commands }
    }

    @inline(__always)
    private mutating func apply(
        _ command: UnsafePointer<StrategyCommand>,
        strategy strategyID: StrategyID,
        slot: Int,
        output: inout EngineOutput
    ) {
        // The usual command, a new order, read where it lies: binding the case copied the whole command.
        let submitted = StrategyCommand.withSubmitFields(at: command) { fields in
            submit(
                id: fields.pointee.clientOrderID,
                spec: fields.pointee.spec,
                strategy: strategyID,
                slot: slot,
                output: &output
            )
        }
        if submitted { return }
        switch command.pointee {
        case .submit(let id, let spec):
            submit(id: id, spec: spec, strategy: strategyID, slot: slot, output: &output)
        case .submitBracket(let ids, let bracket):
            submitBracket(ids: ids, bracket: bracket, strategy: strategyID, slot: slot, output: &output)
        case .cancel(let id):
            if let order = state.orders.open(id), order.strategyID == strategyID {
                requestCancel(order, output: &output)
            }
        case .cancelAll(let instrument):
            for order in state.orders.openOrders
            where order.strategyID == strategyID && (instrument == nil || order.instrument == instrument) {
                requestCancel(order, output: &output)
            }
        case .modify(let id, let amendment):
            if let order = state.orders.open(id), order.strategyID == strategyID {
                requestModify(order, amendment: amendment, slot: slot, output: &output)
            }
        case .setTimer(let name, let time, let interval):
            output.append(
                .set(TimerID(strategy: strategyID, name: name), at: max(time, state.now), intervalNanoseconds: interval)
            )
        case .cancelTimer(let name):
            output.append(.cancel(TimerID(strategy: strategyID, name: name)))
        case .setLeverage(let instrument, let leverage):
            setBotLeverage(leverage, on: instrument, strategy: strategyID, output: &output)
        }
    }

    /// Risk-checks one new order; approved orders are sent, refused ones denied.
    mutating func submit(
        id: ClientOrderID,
        spec: OrderSpec,
        strategy: StrategyID,
        slot: Int?,
        output: inout EngineOutput
    ) {
        // A `let`, stored once: a `var` passed to the checks and then submitted in place was copied
        // three times (an order is over 600 bytes).
        let order = Order(
            clientOrderID: id,
            strategyID: strategy,
            spec: spec,
            parentID: nil,
            contingency: .none,
            createdAt: state.now
        )
        let refusal = refusal(for: order)
        recordDecision(order, action: .submit, refusal: refusal, output: &output)
        if let refusal {
            var denied = order
            deny(&denied, refusal, slot: slot, output: &output)
            return
        }
        do {
            try state.orders.insertSubmitting(order, at: state.now)
        } catch {
            preconditionFailure("Invariant: a new order can be submitted (\(error))")
        }
        emit(submitted: order, into: &output)
        if riskWatches { risk.didApprove(state.orders.openOrders[state.orders.openCount - 1], state: &state) }
        // The ticket is made from the arguments the order was made from, rather than by rebuilding the spec
        // field by field from the order just written.
        output.appendRequest { RiskApproved(.submit(OrderTicket(clientOrderID: id, spec: spec, contingency: .none))) }
    }

    /// Whether `spec` from `strategy` would pass risk now (the basic checks, then the configured policy),
    /// without submitting it: `nil` when it would pass, the refusal otherwise. For operators and tools
    /// that ask before they act, and for timing the pre-trade path.
    public func preTradeCheck(_ spec: OrderSpec, strategy: StrategyID) -> RiskRefusal? {
        let order = Order(
            clientOrderID: ClientOrderID(strategy: strategy, sequence: state.nextOrderSequence),
            strategyID: strategy,
            spec: spec,
            parentID: nil,
            contingency: .none,
            createdAt: state.now
        )
        return refusal(for: order)
    }

    func refusal(for order: Order) -> RiskRefusal? {
        if state.pausedStrategies.contains(order.strategyID) && !order.reduceOnly { return .strategyPaused }
        guard order.instrument.int < state.instruments.count else { return .invalidOrder("unknown instrument") }
        // Not `??`: its autoclosure captured a copy of the whole state.
        if let refusal = basicRisk.check(order, state: state) { return refusal }
        return risk.check(order, state: state)
    }

    private mutating func send(_ order: inout Order, output: inout EngineOutput) {
        do {
            try order.apply(.submit, at: state.now)
        } catch {
            preconditionFailure("Invariant: a new order can be submitted (\(error))")
        }
        state.orders.insert(order)
        emit(submitted: order, into: &output)
    }

    private mutating func deny(_ order: inout Order, _ refusal: RiskRefusal, slot: Int?, output: inout EngineOutput) {
        do {
            try order.apply(.deny, at: state.now)
        } catch {
            preconditionFailure("Invariant: a new order can be denied (\(error))")
        }
        order.reasonCode = ShortText(truncating: refusal.code)
        switch refusal {
        case .tradingReducing, .tradingHalted: state.audit.countRefusedByState()
        default: break
        }
        state.orders.insert(order, reason: refusal.description)
        let update = OrderUpdate(order, transition: .deny, reason: ShortText(truncating: refusal.code))
        emit(denied: update, into: &output)
        if let slot { notifications.append(.orderUpdate(slot: slot, update)) }
    }

    /// A bracket: the entry (one-triggers-other) with a reduce-only stop-market and limit exit, which
    /// cancel each other. The venue places the exits for the entry's filled quantity.
    private mutating func submitBracket(
        ids: BracketIDs,
        bracket: BracketSpec,
        strategy: StrategyID,
        slot: Int,
        output: inout EngineOutput
    ) {
        let request = BracketTicket(
            entryID: ids.entry,
            entry: bracket.entry,
            stopLoss: ids.stopLoss.flatMap { id in
                bracket.stopLoss.map { BracketTicket.Exit(clientOrderID: id, price: $0) }
            },
            takeProfit: ids.takeProfit.flatMap { id in
                bracket.takeProfit.map { BracketTicket.Exit(clientOrderID: id, price: $0) }
            }
        )
        var entry = Order(
            clientOrderID: ids.entry,
            strategyID: strategy,
            spec: request.entry.spec,
            parentID: nil,
            contingency: request.entry.contingency,
            createdAt: state.now
        )
        let children = request.exitTickets.map { exit in
            Order(
                clientOrderID: exit.clientOrderID,
                strategyID: strategy,
                spec: exit.spec,
                parentID: ids.entry,
                contingency: exit.contingency,
                createdAt: state.now
            )
        }
        var refusal = refusal(for: entry)
        if refusal == nil {
            for child in children {
                if let childRefusal = childRefusalReason(child, entry: entry) {
                    refusal = childRefusal
                    break
                }
            }
        }
        recordDecision(entry, action: .submit, refusal: refusal, output: &output)
        for child in children {
            recordDecision(
                child,
                action: .submit,
                refusal: refusal.map { .invalidOrder("bracket refused: \($0)") },
                output: &output
            )
        }
        if let refusal {
            deny(&entry, refusal, slot: slot, output: &output)
            for var child in children {
                deny(&child, .invalidOrder("bracket refused: \(refusal)"), slot: slot, output: &output)
            }
            return
        }
        send(&entry, output: &output)
        if riskWatches { risk.didApprove(entry, state: &state) }
        for var child in children { send(&child, output: &output) }
        output.append(RiskApproved(.submitBracket(request)))
    }

    /// Exits must sit on the protective side of the entry's reference price and fit the price grid.
    private func childRefusalReason(_ child: Order, entry: Order) -> RiskRefusal? {
        let instrument = state.instrument(child.instrument)
        if let price = child.price ?? child.triggerPrice, let violation = instrument.validate(price: price) {
            return .instrumentRule(violation)
        }
        guard let reference = entry.price ?? state.market.lastPrice(entry.instrument) else { return nil }
        let long = entry.side == .buy
        if child.type == .stopMarket, let trigger = child.triggerPrice {
            if long ? trigger >= reference : trigger <= reference {
                return .invalidOrder("stop-loss \(trigger) is not beyond the entry price \(reference)")
            }
        }
        if child.type == .limit, let price = child.price {
            if long ? price <= reference : price >= reference {
                return .invalidOrder("take-profit \(price) is not beyond the entry price \(reference)")
            }
        }
        return nil
    }

    mutating func requestCancel(_ order: Order, output: inout EngineOutput) {
        guard order.status != .pendingCancel else { return }
        let now = state.now
        let outcome: Result<OrderUpdate, InvalidOrderTransition>? = state.orders.modify(order.clientOrderID) { order in
            do throws(InvalidOrderTransition) {
                try order.apply(.requestCancel, at: now)
                return .success(OrderUpdate(order, transition: .requestCancel))
            } catch {
                return .failure(error)
            }
        }
        guard case .success(let updated) = outcome else {
            output.append(anomaly: "cancel of \(order.clientOrderID) refused by the lifecycle table")
            return
        }
        emit(updated: updated, into: &output)
        output.append(RiskApproved(.cancel(instrument: order.instrument, clientOrderID: order.clientOrderID)))
    }

    mutating func requestModify(
        _ order: Order,
        amendment: OrderAmendment,
        slot: Int,
        output: inout EngineOutput
    ) {
        guard !amendment.isEmpty, order.status != .pendingCancel, order.status != .pendingUpdate else { return }
        let instrument = state.instrument(order.instrument)
        var problem: RiskRefusal?
        if let price = amendment.price, let violation = instrument.validate(price: price) {
            problem = .instrumentRule(violation)
        } else if let trigger = amendment.triggerPrice, let violation = instrument.validate(price: trigger) {
            problem = .instrumentRule(violation)
        } else if let quantity = amendment.quantity {
            if let violation = instrument.validate(quantity: quantity) {
                problem = .instrumentRule(violation)
            } else if quantity <= order.filledQuantity {
                problem = .invalidOrder("amended quantity \(quantity) is not above the filled \(order.filledQuantity)")
            }
        } else if amendment.price != nil && !order.type.hasLimitPrice {
            problem = .invalidOrder("a \(order.type) order has no limit price")
        }
        if problem == nil { problem = risk.check(amendment, of: order, state: state) }
        recordDecision(order, action: .amend, amendment: amendment, refusal: problem, output: &output)
        if let problem {
            output.append(anomaly: "amendment of \(order.clientOrderID) refused: \(problem)")
            if wantsUpdate(slot, order.status) {
                notifications.append(.orderUpdate(slot: slot, OrderUpdate(order, transition: .refusePending)))
            }
            return
        }
        let now = state.now
        let outcome: Result<OrderUpdate, InvalidOrderTransition>? = state.orders.modify(order.clientOrderID) { order in
            do throws(InvalidOrderTransition) {
                try order.apply(.requestUpdate, at: now)
                return .success(OrderUpdate(order, transition: .requestUpdate))
            } catch {
                return .failure(error)
            }
        }
        guard case .success(let updated) = outcome else {
            output.append(anomaly: "amendment of \(order.clientOrderID) refused by the lifecycle table")
            return
        }
        emit(updated: updated, into: &output)
        output.append(
            RiskApproved(
                .modify(instrument: order.instrument, clientOrderID: order.clientOrderID, amendment: amendment)
            )
        )
    }
}
