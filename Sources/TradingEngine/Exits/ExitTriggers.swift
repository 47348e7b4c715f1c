import TradingCore

/// Where an event's range must reach, or when it must come, for a position's exits to do anything, as plain
/// numbers: the engine reads them on every bar of every bot's holding without touching the exits themselves,
/// which are a few hundred bytes. Short of every trigger, ``Engine/decideExit(_:quantity:instrument:low:high:output:)``
/// would change nothing: no exit pending or stop to set, no stop, take-profit or time stop reached, and no new
/// best price that break-even or trailing reads.
///
/// Kept beside the exits and computed again whenever they change (``BotBook/setExits(_:at:)``). A bot's
/// liquidation price is kept the same way (``HoldingWatch``).
struct ExitTriggers: Sendable, Hashable {
    /// The exits act on every event (an exit pending, or a stop still to set).
    var always = false
    /// They act when the low reaches this raw price or below (`Int128.min`: never).
    var lowAtOrBelow = Int128.min
    /// They act when the high reaches this raw price or above (`Int128.max`: never).
    var highAtOrAbove = Int128.max
    /// They act at or after this time, ns (`Int64.max`: never).
    var deadline = Int64.max

    /// Exits that never act (none, or nothing left to do).
    static let never = ExitTriggers()

    /// Whether an event over `low`…`high` at `now` reaches a trigger.
    @inline(__always)
    func reached(low: Price, high: Price, now: Timestamp) -> Bool {
        always || low.raw <= lowAtOrBelow || high.raw >= highAtOrAbove || now.nanoseconds >= deadline
    }
}

extension PositionExits {
    /// The triggers of these exits: the stop (adverse side), the next take-profit and, with break-even or a
    /// trailing stop, any new best price (favourable side), and the time stop.
    var triggers: ExitTriggers {
        if pendingExit != nil || (stop == nil && plan.stop != nil) { return ExitTriggers(always: true) }
        var triggers = ExitTriggers.never
        let long = isLong
        func adverse(_ raw: Int128) {
            if long {
                triggers.lowAtOrBelow = max(triggers.lowAtOrBelow, raw)
            } else {
                triggers.highAtOrAbove = min(triggers.highAtOrAbove, raw)
            }
        }
        func favourable(_ raw: Int128) {
            if long {
                triggers.highAtOrAbove = min(triggers.highAtOrAbove, raw)
            } else {
                triggers.lowAtOrBelow = max(triggers.lowAtOrBelow, raw)
            }
        }
        if let stop { adverse(stop.raw) }
        if let target = nextTarget { favourable(target.raw) }
        if let timeStop = plan.timeStop {
            let (deadline, overflow) = openedAt.nanoseconds.addingReportingOverflow(timeStop.totalNanoseconds)
            triggers.deadline = overflow ? .max : deadline
        }
        // A best price beyond the current one: one raw unit past it (prices are whole raw units).
        if plan.trailing != nil || plan.breakEvenAfter != nil {
            favourable(long ? bestPrice.raw + 1 : bestPrice.raw - 1)
        }
        return triggers
    }
}
