package import TradingCore

// Entry points for a driver that holds its events unwrapped: each does exactly what
// `process(_:at:into:)` does for the wrapped event, without building the `EngineEvent` (a copy of up to
// 256 bytes per event) or binding its case. The backtest runner uses them; a live host never needs them.
extension Engine {
    /// `process(.market(.bar(bar)), at: now, into: &output)`, without wrapping the bar.
    @inline(__always)
    package mutating func process(bar: Bar, at now: Timestamp, into output: inout EngineOutput) {
        advance(to: now)
        output.reset(sequence: state.sequence)
        handleBar(bar, output: &output)
    }

    /// `process(.account(.filled(fill)), at: now, into: &output)`, without wrapping the fill.
    package mutating func process(fill: OrderFilled, at now: Timestamp, into output: inout EngineOutput) {
        advance(to: now)
        output.reset(sequence: state.sequence)
        handleFill(fill, output: &output)
        deliverNotifications(output: &output)
        if riskWatches { evaluateRisk(output: &output) }
    }

    /// `process(.account(event.pointee), at: now, into: &output)` of the report at `event`, read where it
    /// lies, for a driver that holds its reports in a buffer.
    package mutating func process(
        reportAt event: UnsafePointer<AccountEvent>,
        at now: Timestamp,
        into output: inout EngineOutput
    ) {
        advance(to: now)
        output.reset(sequence: state.sequence)
        handleAccount(at: event, output: &output)
        if riskWatches { evaluateRisk(output: &output) }
    }

    /// Whether any position is open, for a driver's equity samples.
    @inlinable
    package var hasOpenPositions: Bool { !state.portfolio.ledger.openInstruments.isEmpty }
}
