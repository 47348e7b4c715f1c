import TradingCore

extension Engine {
    /// Applies an operator instruction.
    mutating func handleCommand(_ command: OperatorCommand, output: inout EngineOutput) {
        emit(command: command, into: &output)
        switch command {
        case .haltTrading(let reason):
            state.tradingState = .tradingHalted(ReasonText(reason.string))
            state.audit.note(state.tradingState, code: "operator", at: state.now)
        case .resumeTrading:
            state.tradingState = .active
            // The drawdown breaker measures from the equity at the resume.
            state.risk.equityPeak = nil
            state.risk.drawdownTripped = false
            state.audit.note(.active, code: "operator", at: state.now)
        case .pauseStrategy(let id):
            state.pausedStrategies.insert(id)
        case .resumeStrategy(let id):
            state.pausedStrategies.remove(id)
        case .cancelAllOrders(let instrument):
            cancelAll(instrument, output: &output)
        case .flattenPositions(let instrument):
            flatten(instrument, tag: "flatten", output: &output)
        }
        deliverNotifications(output: &output)
    }

    /// Cancels open orders and closes positions with reduce-only market orders (tagged `tag`), on one
    /// instrument or all.
    mutating func flatten(_ instrument: InstrumentIndex?, tag: ShortText, output: inout EngineOutput) {
        cancelAll(instrument, output: &output)
        for index in state.portfolio.openInstruments where instrument == nil || instrument?.int == index {
            let instrumentIndex = InstrumentIndex(index)
            guard let position = state.portfolio.position(instrumentIndex) else { continue }
            let side: OrderSide = position.side == .long ? .sell : .buy
            let id = ClientOrderID(strategy: Engine.operatorID, sequence: state.nextOrderSequence)
            state.nextOrderSequence += 1
            submit(
                id: id,
                spec: .market(instrumentIndex, side, .base(position.quantity), reduceOnly: true, tag: tag),
                strategy: Engine.operatorID,
                slot: nil,
                output: &output
            )
        }
    }

    private mutating func cancelAll(_ instrument: InstrumentIndex?, output: inout EngineOutput) {
        for order in state.orders.openOrders where instrument == nil || order.instrument == instrument {
            requestCancel(order, output: &output)
        }
    }
}
