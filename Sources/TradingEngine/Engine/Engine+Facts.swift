import TradingCore

/// Emitting facts: each goes into the audit trail, and into the output when the engine records facts
/// (``Engine/recordsFacts``; closed positions always go into the output). One function per kind, so the
/// value is recorded as built, without a round trip through ``EngineFact`` (every copy of which moves the
/// whole enum).
extension Engine {
    /// The submission of a new order; its ``OrderSubmitted`` fact is built only for a reader.
    @inline(__always)
    mutating func emit(submitted order: Order, into output: inout EngineOutput) {
        state.audit.record(submitted: order)
        if recordsFacts { output.append(.orderSubmitted(OrderSubmitted(order))) }
    }

    @inline(__always)
    mutating func emit(denied update: OrderUpdate, into output: inout EngineOutput) {
        state.audit.record(denied: update)
        if recordsFacts { output.append(.orderDenied(update)) }
    }

    @inline(__always)
    mutating func emit(updated update: OrderUpdate, into output: inout EngineOutput) {
        state.audit.record(updated: update)
        if recordsFacts { output.append(.orderUpdated(update)) }
    }

    @inline(__always)
    mutating func emit(filled fill: OrderFilled, strategy: StrategyID?, into output: inout EngineOutput) {
        state.audit.record(fill)
        if recordsFacts { Self.append(filled: fill, strategy: strategy, into: &output) }
    }

    /// The fact of a fill, built out of line: built inline, the fill (256 bytes) was copied on every fill
    /// for a fact that a backtest does not keep.
    @inline(never)
    static func append(filled fill: OrderFilled, strategy: StrategyID?, into output: inout EngineOutput) {
        output.append(.orderFilled(fill, strategy: strategy))
    }

    @inline(__always)
    mutating func emit(opened position: PositionUpdate, into output: inout EngineOutput) {
        state.audit.record(position)
        if recordsFacts { output.append(.positionOpened(position)) }
    }

    @inline(__always)
    mutating func emit(changed position: PositionUpdate, into output: inout EngineOutput) {
        state.audit.record(position)
        if recordsFacts { output.append(.positionChanged(position)) }
    }

    /// The fact of the portfolio's last closed round trip, read where it lies: passed as an argument, the
    /// 424-byte record was first copied out of the portfolio.
    @inline(__always)
    mutating func emitClosedRoundTrip(into output: inout EngineOutput) {
        state.audit.record(state.portfolio.closedRoundTrip)
        output.appendFact { .positionClosed(state.portfolio.closedRoundTrip) }
        if riskWatches {
            let position = state.portfolio.closedRoundTrip
            risk.didClose(position, state: &state)
        }
    }

    @inline(__always)
    mutating func emit(funding: FundingApplied, into output: inout EngineOutput) {
        state.audit.record(funding)
        if recordsFacts { output.append(.fundingApplied(funding)) }
    }

    @inline(__always)
    mutating func emit(tradingState: TradingState, code: ShortText, into output: inout EngineOutput) {
        state.audit.record(tradingState, code: code, at: state.now)
        if recordsFacts { output.append(.tradingStateChanged(tradingState, code: code)) }
    }

    mutating func emit(command: OperatorCommand, into output: inout EngineOutput) {
        state.audit.record(command)
        if recordsFacts { output.append(.commandApplied(command)) }
    }

    mutating func emit(connectivity change: VenueConnectivity, stale: Int, into output: inout EngineOutput) {
        state.audit.record(change, stale: stale)
        if recordsFacts { output.append(.connectivityChanged(change, stale: stale)) }
    }
}
