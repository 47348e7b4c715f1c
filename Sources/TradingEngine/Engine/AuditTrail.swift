public import TradingCore

/// Running totals over every audit fact the engine has emitted: a digest of them all and counts of the
/// kinds a report needs. The engine updates it as it emits each fact, so consumers of ``EngineOutput``
/// need not re-read the facts to summarise them.
public struct AuditTrail: Sendable, Hashable {
    /// Digest of every fact, in order: equal digests mean the engine decided the same things.
    public private(set) var digest = AuditDigest()
    /// Orders that passed risk and were sent.
    public private(set) var ordersSubmitted = 0
    /// Orders risk refused.
    public private(set) var ordersDenied = 0
    /// Orders a venue rejected.
    public private(set) var ordersRejected = 0
    /// Fills booked.
    public private(set) var fills = 0
    /// Fees of all fills, in raw units of their (settlement) currency.
    public private(set) var feesRaw: Int128 = 0
    /// Funding payments, in raw units (positive received).
    public private(set) var fundingRaw: Int128 = 0
    /// Every change of trading state (a breaker's trip or reset, an operator's halt or resume), in order.
    public private(set) var stateChanges: [TradingStateRecord] = []
    /// Orders refused because trading was reducing or halted (a subset of ``ordersDenied``).
    public private(set) var ordersRefusedByState = 0

    public init() {}

    /// The number of facts emitted.
    public var factCount: Int { digest.factCount }

    @inline(__always)
    mutating func record(_ submitted: OrderSubmitted) {
        digest.add(submitted)
        ordersSubmitted += 1
    }

    /// ``record(_:)-(OrderSubmitted)`` for the submission of a new `order`, without building the fact.
    @inline(__always)
    mutating func record(submitted order: Order) {
        digest.add(submitted: order)
        ordersSubmitted += 1
    }

    @inline(__always)
    mutating func record(denied update: OrderUpdate) {
        digest.add(denied: update)
        ordersDenied += 1
    }

    @inline(__always)
    mutating func record(updated update: OrderUpdate) {
        digest.add(updated: update)
        if update.transition == .reject { ordersRejected += 1 }
    }

    /// ``record(updated:)-(OrderUpdate)`` for the update of `order` after `transition`, without building it.
    @inline(__always)
    mutating func record(updated order: Order, transition: OrderTransition) {
        digest.add(updated: order, transition: transition)
        if transition == .reject { ordersRejected += 1 }
    }

    @inline(__always)
    mutating func record(_ fill: OrderFilled) {
        digest.add(fill)
        fills += 1
        feesRaw += fill.fee.raw
    }

    @inline(__always)
    mutating func record(_ position: PositionUpdate) { digest.add(position) }

    @inline(__always)
    mutating func record(_ closed: ClosedPosition) { digest.add(closed) }

    @inline(__always)
    mutating func record(_ funding: FundingApplied) {
        digest.add(funding)
        fundingRaw += funding.payment.raw
    }

    mutating func record(_ decision: RiskDecision) { digest.add(decision) }

    @inline(__always)
    mutating func record(_ command: OperatorCommand) { digest.add(command) }
    mutating func record(_ state: TradingState, code: ShortText, at time: Timestamp) {
        digest.add(state, code: code)
        stateChanges.append(TradingStateRecord(time: time, state: state, code: code))
    }

    /// Lists an operator's change of state; the command itself is the digested fact.
    mutating func note(_ state: TradingState, code: ShortText, at time: Timestamp) {
        stateChanges.append(TradingStateRecord(time: time, state: state, code: code))
    }

    mutating func countRefusedByState() { ordersRefusedByState += 1 }
    mutating func record(_ change: VenueConnectivity, stale: Int) { digest.add(change, stale: stale) }
}

/// One change of trading state: when, to what, and the code of the limit or command that made it.
public struct TradingStateRecord: Sendable, Hashable {
    public let time: Timestamp
    public let state: TradingState
    /// `max_drawdown`, `daily_loss`, `daily_reset`, or `operator` for a command.
    public let code: ShortText
}
