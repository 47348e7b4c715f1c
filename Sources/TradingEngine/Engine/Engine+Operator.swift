import TradingCore

extension Engine {
    /// Applies an operator instruction.
    mutating func handleCommand(_ command: OperatorCommand, output: inout EngineOutput) {
        emit(command: command, into: &output)
        switch command {
        case .haltTrading(let reason):
            state.tradingState = .tradingHalted(ReasonText(reason.string))
        case .resumeTrading:
            state.tradingState = .active
            // The drawdown breaker measures from the equity at the resume.
            state.risk.equityPeak = nil
        case .pauseStrategy(let id):
            state.pausedStrategies.insert(id)
        case .resumeStrategy(let id):
            state.pausedStrategies.remove(id)
        case .cancelAllOrders(let instrument):
            cancelAll(instrument, output: &output)
        case .flattenPositions(let instrument):
            cancelAll(instrument, output: &output)
            for index in state.portfolio.openInstruments where instrument == nil || instrument?.int == index {
                let instrumentIndex = InstrumentIndex(index)
                guard let position = state.portfolio.position(instrumentIndex) else { continue }
                let side: OrderSide = position.side == .long ? .sell : .buy
                let id = ClientOrderID(strategy: Engine.operatorID, sequence: state.nextOrderSequence)
                state.nextOrderSequence += 1
                submit(
                    id: id,
                    spec: .market(instrumentIndex, side, .base(position.quantity), reduceOnly: true, tag: "flatten"),
                    strategy: Engine.operatorID,
                    slot: nil,
                    output: &output
                )
            }
        }
        deliverNotifications(output: &output)
    }

    private mutating func cancelAll(_ instrument: InstrumentIndex?, output: inout EngineOutput) {
        for order in state.orders.openOrders where instrument == nil || order.instrument == instrument {
            requestCancel(order, output: &output)
        }
    }
}
