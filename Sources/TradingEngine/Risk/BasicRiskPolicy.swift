import TradingCore

/// The pre-trade checks that always run: order shape, instrument filters (tick, lot, minimum quantity and
/// notional), trading state, reduce-only, and balance or margin net of what open orders reserve.
///
/// Market orders are valued at the last known price; limit and stop orders at their own price.
public struct BasicRiskPolicy: RiskPolicy {
    public init() {}

    public func check(_ order: Order, state: EngineState) -> RiskRefusal? {
        // The instrument is read where it lies: a local copy (or a borrowed argument) was a 368-byte copy per
        // order.
        state.instruments.withUnsafeBufferPointer {
            check(order, instrument: $0.baseAddress! + order.instrument.int, state: state)
        }
    }

    private func check(_ order: Order, instrument: UnsafePointer<Instrument>, state: EngineState) -> RiskRefusal? {
        if let problem = order.shapeProblem { return .invalidOrder(problem) }
        switch state.tradingState {
        case .active: break
        case .reducing(let reason):
            if !order.reduceOnly { return .tradingReducing(reason: reason.string) }
        case .tradingHalted(let reason):
            // Operators can still flatten; strategies can do nothing.
            if order.strategyID != Engine.operatorID || !order.reduceOnly {
                return .tradingHalted(reason: reason.string)
            }
        }
        if let price = order.price, let violation = instrument.pointee.validate(price: price) {
            return .instrumentRule(violation)
        }
        if let trigger = order.triggerPrice, let violation = instrument.pointee.validate(price: trigger) {
            return .instrumentRule(violation)
        }
        if case .trailingStopMarket = order.type, case .price(let offset) = order.trailingOffset,
            offset.raw % instrument.pointee.tickSize.raw != 0
        {
            return .instrumentRule(.offTickGrid(offset, tickSize: instrument.pointee.tickSize))
        }
        // Contingent exits are checked against the position when their parent fills.
        if order.parentID != nil { return nil }
        if _slowPath(state.market.isStale(order.instrument))
            && Self.addsRisk(order, kind: instrument.pointee.kind, state: state)
        {
            return .staleMarket
        }

        let referencePrice = order.price ?? order.triggerPrice ?? state.market.lastPrice(order.instrument)
        let signedPosition = state.portfolio.signedQuantityRaw(order.instrument)

        switch order.requestedQuantity {
        case .base(let quantity):
            if let violation = instrument.pointee.validate(quantity: quantity) { return .instrumentRule(violation) }
            if order.reduceOnly {
                if signedPosition == 0 { return .reduceOnlyWithoutPosition }
                if (signedPosition > 0) == (order.side == .buy) { return .reduceOnlyWouldIncrease }
                if quantity.raw > abs(signedPosition) {
                    return .reduceOnlyExceedsPosition(position: Quantity(raw: abs(signedPosition)))
                }
                return nil
            }
            guard let referencePrice else { return .noMarketPrice }
            if let violation = instrument.pointee.validate(quantity: quantity, at: referencePrice) {
                return .instrumentRule(violation)
            }
            return checkFunds(order, quantity: quantity, price: referencePrice, instrument: instrument, state: state)
        case .quote(let amount):
            if order.reduceOnly { return .invalidOrder("a reduce-only order needs a base quantity") }
            guard amount.currency == instrument.pointee.settlementCurrency else {
                return .invalidOrder(
                    "quote amount must be in \(instrument.pointee.settlementCurrency), got \(amount.currency)"
                )
            }
            guard referencePrice != nil else { return .noMarketPrice }
            if amount < instrument.pointee.minNotional {
                return .instrumentRule(.belowMinimumNotional(amount, minimum: instrument.pointee.minNotional))
            }
            if instrument.pointee.kind == .spot && order.side == .sell {
                return .invalidOrder("a spot sell needs a base quantity")
            }
            let available = state.availableSettlement(of: order.instrument, excluding: order.clientOrderID)
            if amount > available {
                return instrument.pointee.kind == .spot
                    ? .insufficientBalance(required: amount, available: available)
                    : .insufficientMargin(required: amount, available: available)
            }
            return nil
        }
    }

    private func checkFunds(
        _ order: Order,
        quantity: Quantity,
        price: Price,
        instrument: UnsafePointer<Instrument>,
        state: borrowing EngineState
    ) -> RiskRefusal? {
        switch instrument.pointee.kind {
        case .spot:
            if order.side == .buy {
                let required = state.reservation(
                    side: .buy,
                    quantity: quantity,
                    price: price,
                    instrument: instrument.pointee,
                    leverage: .one
                )
                let available = state.availableSettlement(of: order.instrument, excluding: order.clientOrderID)
                if required > available { return .insufficientBalance(required: required, available: available) }
            } else {
                let available = state.availableBase(instrument.pointee.base, excluding: order.clientOrderID)
                if quantity > available { return .spotShortSale(available: available) }
            }
            return nil
        case .linearPerpetual:
            // Only the part that opens or adds to a position needs margin.
            let signedPosition = state.portfolio.signedQuantityRaw(order.instrument)
            var increasing = quantity.raw
            if signedPosition != 0 && (signedPosition > 0) != (order.side == .buy) {
                increasing = max(0, quantity.raw - abs(signedPosition))
            }
            guard increasing > 0 else { return nil }
            let leverage = state.portfolio.leverage[order.instrument.int]
            let required = state.reservation(
                side: order.side,
                quantity: Quantity(raw: increasing),
                price: price,
                instrument: instrument.pointee,
                leverage: leverage
            )
            let available = state.availableSettlement(of: order.instrument, excluding: order.clientOrderID)
            if required > available { return .insufficientMargin(required: required, available: available) }
            return nil
        }
    }

    /// Whether `order` may add risk: anything but a reduce-only order, a spot sell, or a perpetual order no
    /// larger than the position it reduces.
    static func addsRisk(_ order: Order, kind: InstrumentKind, state: borrowing EngineState) -> Bool {
        if order.reduceOnly { return false }
        if kind == .spot { return order.side == .buy }
        let position = state.portfolio.signedQuantityRaw(order.instrument)
        guard position != 0, (position > 0) != (order.side == .buy) else { return true }
        guard case .base(let quantity) = order.requestedQuantity else { return true }
        return quantity.raw > abs(position)
    }
}
