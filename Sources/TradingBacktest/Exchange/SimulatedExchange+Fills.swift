import TradingCore
import TradingEngine

extension SimulatedExchange {
    /// The price after adverse slippage, rounded to the tick away from the trader.
    static func slipped(_ price: Price, side: OrderSide, instrument: Instrument, slippage: Ratio) -> Price {
        guard slippage.raw > 0 else { return price }
        let factor = side == .buy ? Ratio.one + slippage : Ratio.one - slippage
        let moved = price.multiplied(by: factor, rounding: side == .buy ? .up : .down)
        let rounded = instrument.round(price: moved, rounding: side == .buy ? .up : .down)
        return rounded.raw > 0 ? rounded : instrument.tickSize
    }

    /// The base quantity a quote budget buys at `price`: `budget / (price × multiplier × (1/leverage + fee))`,
    /// rounded down to the lot step.
    static func quantity(
        forBudget budget: Money,
        at price: Price,
        instrument: Instrument,
        leverage: Ratio,
        fee: Ratio
    )
        -> Quantity
    {
        // 1 / leverage; without leverage (spot, the usual case) that is one, and the wide division is skipped.
        let marginFactor =
            leverage == .one ? FixedPoint.scale : FixedPoint.divide(FixedPoint.scale, leverage.raw, rounding: .up)
        let perUnit = FixedPoint.multiply(price.raw, marginFactor + fee.raw, rounding: .up)
        let unit =
            instrument.contractMultiplier == .one
            ? perUnit : FixedPoint.multiply(perUnit, instrument.contractMultiplier.raw, rounding: .up)
        guard unit > 0, budget.raw > 0 else { return .zero }
        // A budget that buys more than 10¹⁵ units (a price far below what the data limits allow, or a budget
        // far above any account) is capped there rather than overflowing the fixed-point division.
        let most = MarketDataLimits.quantity.upperBound
        guard budget.raw / unit < most / FixedPoint.scale else {
            return Quantity(raw: FixedPoint.round(most, toMultipleOf: instrument.lotStep.raw, rounding: .down))
        }
        var raw = FixedPoint.divide(budget.raw, unit, rounding: .down)
        raw = FixedPoint.round(raw, toMultipleOf: instrument.lotStep.raw, rounding: .down)
        return Quantity(raw: raw)
    }

    /// Executes one fill of an order: checks what the venue's ledger allows, books it, reports it and
    /// applies the order's contingencies. Returns the quantity actually filled (zero when the order was
    /// cancelled instead).
    @discardableResult
    mutating func fill(
        _ id: ClientOrderID,
        instrument index: Int,
        quantity requested: Quantity,
        price: Price,
        liquidity: LiquiditySide,
        at time: Timestamp
    ) -> Quantity {
        guard let position = markets[index].position(of: id) else { return .zero }
        return fill(
            id,
            at: position,
            instrument: index,
            quantity: requested,
            price: price,
            liquidity: liquidity,
            at: time
        )
    }

    /// ``fill(_:instrument:quantity:price:liquidity:at:)`` of the order at `position` in its market's orders,
    /// for a caller that has just found it there.
    @discardableResult
    mutating func fill(
        _ id: ClientOrderID,
        at position: Int,
        instrument index: Int,
        quantity requested: Quantity,
        price: Price,
        liquidity: LiquiditySide,
        at time: Timestamp
    ) -> Quantity {
        let instrument = instrumentTable[index]
        let feeRate = liquidity == .maker ? instrument.pointee.makerFee : instrument.pointee.takerFee
        // What the fill needs from the order, read in one access; the order is written once, at the end.
        // Reading and writing its fields one by one through `markets[index].orders[position]` checked both
        // arrays' storage for uniqueness and copied parts of the order at each access.
        let order = markets[index].orders.withExclusiveBufferPointer { orders in
            (
                side: orders[position].side, budget: orders[position].quoteBudget,
                reduceOnly: orders[position].reduceOnly,
                quantity: orders[position].quantity, filled: orders[position].filled,
                venueOrderID: orders[position].venueOrderID, independent: orders[position].ticket.contingency.isNone
            )
        }
        let side = order.side
        var orderQuantity = order.quantity
        var quantity = requested
        if let budget = order.budget {
            quantity = Self.quantity(
                forBudget: budget,
                at: price,
                instrument: instrument.pointee,
                leverage: account.leverage[index],
                fee: feeRate
            )
            orderQuantity = quantity
        }
        // Reduce-only orders shrink to the position they reduce.
        if order.reduceOnly {
            let signedPosition = account.signedQuantityRaw(InstrumentIndex(index))
            let reducible = signedPosition != 0 && (signedPosition > 0) != (side == .buy) ? abs(signedPosition) : 0
            if reducible == 0 {
                removeOrder(id, instrument: index, reason: "reduce-only order has no position to reduce", at: time)
                return .zero
            }
            if quantity.raw > reducible {
                quantity = Quantity(raw: reducible)
                orderQuantity = order.filled + quantity
            }
        }
        guard quantity.raw > 0 else {
            removeOrder(id, instrument: index, reason: "quantity rounds to zero at the fill price", at: time)
            return .zero
        }
        // A fill worth more than any account (``MarketDataLimits/maximumNotional``) is refused: with the
        // prices of a file within ``MarketDataLimits/priceRatio`` of each other, no position opened within it
        // can grow past what the ledger's fixed point holds.
        guard FixedPoint.productFits(quantity.raw, price.raw),
            FixedPoint.productFits(
                FixedPoint.multiply(quantity.raw, price.raw, rounding: .up),
                instrument.pointee.contractMultiplier.raw
            ),
            instrument.pointee.notional(of: quantity, at: price).raw.magnitude
                <= MarketDataLimits.maximumNotional.magnitude
        else {
            removeOrder(id, instrument: index, reason: "the fill's notional is beyond what the ledger holds", at: time)
            return .zero
        }
        var notional = instrument.pointee.notional(of: quantity, at: price)
        var fee = notional.multiplied(by: feeRate, rounding: .toNearestOrEven)
        if let budget = order.budget, instrument.pointee.kind == .spot, notional + fee > budget {
            // Two roundings can overshoot the budget by a raw unit; give back one lot.
            quantity = Quantity(raw: max(0, quantity.raw - instrument.pointee.lotStep.raw))
            orderQuantity = quantity
            notional = instrument.pointee.notional(of: quantity, at: price)
            fee = notional.multiplied(by: feeRate, rounding: .toNearestOrEven)
        }
        if let reason = Self.fundingProblem(
            side: side,
            quantity: quantity,
            notional: notional,
            fee: fee,
            index: index,
            instrument: instrument.pointee,
            account: account
        ) {
            removeOrder(id, instrument: index, reason: reason, at: time)
            return .zero
        }
        let leaves = (orderQuantity > order.filled ? orderQuantity - order.filled : .zero) - quantity
        let report = OrderFilled(
            clientOrderID: id,
            venueOrderID: order.venueOrderID,
            tradeID: TradeID(tradeIDs),
            instrument: InstrumentIndex(index),
            side: side,
            quantity: quantity,
            price: price,
            fee: fee,
            liquidity: liquidity,
            leavesQuantity: leaves,
            exchangeTime: time
        )
        tradeIDs.advance()
        account.book(report, notionalRaw: notional.raw)
        events.append(.filled(report))
        let filledTotal = order.filled + quantity
        let completed = leaves.isZero
        if completed && order.independent {
            markets[index].removeOrder(at: position)
            return quantity
        }
        markets[index].orders[position].recordFill(quantity: orderQuantity, filled: filledTotal)
        let contingency = markets[index].orders[position].ticket.contingency
        if completed {
            markets[index].removeOrder(at: position)
            if case .oneTriggersOther = contingency { recentlyFilled[id] = filledTotal }
        }
        if order.independent { return quantity }
        applyContingencies(
            contingency,
            parent: id,
            filledNow: quantity,
            filledTotal: filledTotal,
            completed: completed,
            index: index,
            at: time
        )
        return quantity
    }

    private static func fundingProblem(
        side: OrderSide,
        quantity: Quantity,
        notional: Money,
        fee: Money,
        index: Int,
        instrument: Instrument,
        account: borrowing Ledger
    ) -> ReasonText? {
        switch instrument.kind {
        case .spot:
            let currencies = account.currencyIndices(of: InstrumentIndex(index))
            if side == .buy {
                let balance = account.balanceRaw(currencyIndex: currencies.settlement)
                if (notional + fee).raw > balance {
                    return
                        "insufficient balance: needs \(notional + fee), has \(Money(raw: balance, currency: instrument.quote))"
                }
            } else {
                let balance = account.balanceRaw(currencyIndex: currencies.base)
                if quantity.raw > balance {
                    return
                        "insufficient balance: needs \(quantity) \(instrument.base), has \(Money(raw: balance, currency: instrument.base))"
                }
            }
            return nil
        case .linearPerpetual:
            let position = account.signedQuantityRaw(InstrumentIndex(index))
            var increasing = quantity.raw
            if position != 0 && (position > 0) != (side == .buy) { increasing = max(0, quantity.raw - abs(position)) }
            guard increasing > 0 else { return nil }
            let leverage = account.leverage[index]
            let increasingNotional = FixedPoint.multiplyDivide(notional.raw, increasing, quantity.raw, rounding: .up)
            let required = FixedPoint.divide(increasingNotional, leverage.raw, rounding: .up) + fee.raw
            let currency = instrument.settlementCurrency
            let free =
                account.balanceRaw(currencyIndex: account.currencyIndices(of: InstrumentIndex(index)).settlement)
                - account.marginInUse(currency).raw
            if required > free {
                return
                    "insufficient margin: needs \(FixedPoint.format(required)) \(currency), free \(FixedPoint.format(free))"
            }
            return nil
        }
    }

    /// Places bracket exits when their parent fills, and cancels or shrinks linked exits (OCO/OUO).
    private mutating func applyContingencies(
        _ contingency: Contingency,
        parent: ClientOrderID,
        filledNow: Quantity,
        filledTotal: Quantity,
        completed: Bool,
        index: Int,
        at time: Timestamp
    ) {
        switch contingency {
        case .none:
            break
        case .oneTriggersOther(let children):
            releaseChildren(children, instrument: index, filled: filledTotal, at: time)
        case .oneCancelsOther(let linked):
            for sibling in linked.ids {
                guard let position = markets[index].position(of: sibling) else { continue }
                if completed {
                    removeOrder(sibling, instrument: index, reason: "one-cancels-other", at: time)
                } else {
                    var other = markets[index].orders[position]
                    let reduced = other.quantity.raw - filledNow.raw
                    if reduced <= other.filled.raw {
                        removeOrder(sibling, instrument: index, reason: "one-cancels-other", at: time)
                    } else {
                        other.quantity = Quantity(raw: reduced)
                        markets[index].orders[position] = other
                        if !other.held {
                            events.append(
                                .updated(
                                    sibling,
                                    quantity: other.quantity,
                                    price: other.price,
                                    triggerPrice: other.trigger,
                                    exchangeTime: time
                                )
                            )
                        }
                    }
                }
            }
        }
    }

    /// Activates (or resizes) a parent's exits for its filled quantity.
    mutating func releaseChildren(of parent: OrderTicket, filled: Quantity, at time: Timestamp) {
        guard case .oneTriggersOther(let children) = parent.contingency else { return }
        releaseChildren(children, instrument: parent.spec.instrument.int, filled: filled, at: time)
    }

    /// Places a filled parent's held exits for the filled quantity.
    mutating func releaseChildren(_ children: OrderLinks, instrument index: Int, filled: Quantity, at time: Timestamp) {
        for child in children.ids {
            guard let position = markets[index].position(of: child) else { continue }
            var order = markets[index].orders[position]
            let wasHeld = order.held
            order.quantity = filled
            order.held = false
            if wasHeld { order.activeFrom = time }
            markets[index].orders[position] = order
            if wasHeld {
                events.append(.accepted(child, venueOrderID: order.venueOrderID, exchangeTime: time))
            }
            events.append(
                .updated(child, quantity: filled, price: order.price, triggerPrice: order.trigger, exchangeTime: time)
            )
        }
    }
}
