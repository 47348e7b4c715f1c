import TradingCore

extension Engine {
    /// Records a decision on `order` (or an amendment of it) with the inputs from the current state.
    mutating func recordDecision(
        _ order: Order,
        action: RiskDecision.Action,
        amendment: OrderAmendment? = nil,
        refusal: RiskRefusal?,
        output: inout EngineOutput
    ) {
        guard recordsRiskDecisions else { return }
        // Appended first, then digested from the output: a decision is about a kilobyte, and passing it
        // around by value cost a copy at each step.
        output.append(
            RiskDecision(
                sequence: state.sequence,
                time: state.now,
                action: action,
                clientOrderID: order.clientOrderID,
                strategyID: order.strategyID,
                instrument: order.instrument,
                side: order.side,
                type: order.type,
                quantity: amendment?.quantity.map { .base($0) } ?? order.requestedQuantity,
                price: amendment?.price ?? amendment?.triggerPrice ?? order.price ?? order.triggerPrice,
                reduceOnly: order.reduceOnly,
                lastPrice: state.market.lastPrice(order.instrument),
                positionBeforeRaw: state.portfolio.signedQuantityRaw(order.instrument),
                equity: state.equity,
                available: state.availableSettlement(of: order.instrument, excluding: order.clientOrderID),
                tradingState: state.tradingState,
                refusal: refusal
            )
        )
        output.decisions.withUnsafeBufferPointer { decisions in state.audit.record(decisions[decisions.count - 1]) }
    }
}
