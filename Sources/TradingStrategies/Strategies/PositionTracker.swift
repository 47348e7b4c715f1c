import TradingCore
import TradingEngine

/// The entry and exit bookkeeping the bundled strategies share: one market order in flight at a time,
/// exits that cancel the strategy's resting orders first, and re-entry after a reversal.
struct PositionTracker: Sendable, Hashable {
    let instrument: InstrumentIndex
    /// The market order in flight, if any.
    private(set) var pending: ClientOrderID?
    /// A side to enter once the pending exit has filled (a reversal in `long_short` mode).
    var reentry: OrderSide?

    init(instrument: InstrumentIndex) { self.instrument = instrument }

    /// Entry tags, made once: a `ShortText` built from a literal copies its bytes on every order.
    private static let longEntryTag: ShortText = "long_entry"
    private static let shortEntryTag: ShortText = "short_entry"

    var isBusy: Bool { pending != nil }

    /// Submits an entry sized by the strategy's sizing, as a bracket when stop or target are given.
    /// - Parameters:
    ///   - reference: the price the stop and target distances are measured from.
    ///   - stopFraction: stop-loss distance as a fraction of `reference` (0 for none).
    ///   - targetFraction: take-profit distance as a fraction of `reference` (0 for none).
    mutating func enter(
        _ side: OrderSide,
        reference: Price,
        stopFraction: Double,
        targetFraction: Double,
        context: inout StrategyContext
    ) {
        guard pending == nil, let quantity = context.entryQuantity(for: instrument, side: side) else { return }
        let entry = OrderSpec.market(
            instrument,
            side,
            quantity,
            tag: side == .buy ? Self.longEntryTag : Self.shortEntryTag
        )
        if stopFraction > 0 || targetFraction > 0 {
            let definition = context.instrument(instrument)
            let sign = side == .buy ? 1.0 : -1.0
            let base = reference.doubleValue
            var stop: Price?
            var target: Price?
            if stopFraction > 0, let raw = Price(approximating: base * (1 - sign * stopFraction)) {
                stop = definition.round(price: raw, rounding: side == .buy ? .down : .up)
            }
            if targetFraction > 0, let raw = Price(approximating: base * (1 + sign * targetFraction)) {
                target = definition.round(price: raw, rounding: side == .buy ? .up : .down)
            }
            pending = context.submitBracket(BracketSpec(entry: entry, stopLoss: stop, takeProfit: target)).entry
        } else {
            pending = context.submit(entry)
        }
    }

    /// Cancels the strategy's resting orders on the instrument and closes the position at market.
    mutating func exit(tag: ShortText, context: inout StrategyContext) {
        let signed = context.signedPositionRaw(instrument)
        guard pending == nil, signed != 0 else { return }
        context.cancelAll(instrument)
        let side: OrderSide = signed > 0 ? .sell : .buy
        pending = context.submit(
            .market(instrument, side, .base(Quantity(raw: abs(signed))), reduceOnly: true, tag: tag)
        )
    }

    /// Clears the pending order once it is done; returns the side to re-enter, if a reversal was waiting.
    mutating func orderFinished(_ update: OrderUpdate) -> OrderSide? {
        guard update.clientOrderID == pending, update.status.isClosed else { return nil }
        pending = nil
        defer { reentry = nil }
        return update.status == .filled ? reentry : nil
    }
}
