import TradingCore

extension Engine {
    /// Records a venue's connectivity change and marks what it makes stale: every instrument of the venue
    /// when it disconnects, one instrument on a stream gap (and its book, on a gap in the book stream). A
    /// stale instrument stays stale until fresh data arrives; meanwhile risk refuses orders that add risk on
    /// it (``RiskRefusal/staleMarket``). Reconnecting clears nothing by itself: the connector resyncs, and the
    /// first fresh price of each instrument clears it.
    mutating func handleConnectivity(_ change: VenueConnectivity, output: inout EngineOutput) {
        var stale = 0
        switch change.change {
        case .connected, .reconnected:
            state.venueStatuses[change.venue] = .connected
        case .disconnected:
            state.venueStatuses[change.venue] = .disconnected
            for (position, instrument) in state.instruments.enumerated() where instrument.id.venue == change.venue {
                state.market.markStale(InstrumentIndex(position))
                stale += 1
            }
        case .gapDetected(let instrument, let stream):
            guard instrument.int >= 0, instrument.int < state.instruments.count,
                state.instruments[instrument.int].id.venue == change.venue
            else {
                output.append(anomaly: "stream gap for instrument \(instrument.value), not one of \(change.venue)'s")
                return
            }
            state.market.markStale(instrument, dropBook: stream == .book)
            stale = 1
        }
        emit(connectivity: change, stale: stale, into: &output)
    }
}
