public import TradingCore
public import TradingEngine

/// A simulated venue behind the same interface a real venue adapter has: it receives risk-approved
/// ``ExecutionRequest``s, matches orders against replayed market data and reports ``AccountEvent``s.
///
/// It keeps its own ledger (the venue's view of balances, positions and margin), which is what rejects
/// unaffordable fills, charges funding and forces liquidations. Fill rules per data kind are documented
/// in `docs/engine.md`.
public struct SimulatedExchange: Sendable {
    public let configuration: SimulatedExchangeConfiguration
    let instruments: [Instrument]
    /// The same instruments, read through their address on the matching and fill paths: reading them from
    /// `instruments` while `self` is mutated retained and released the array, or copied the instrument
    /// (368 bytes) out first.
    let instrumentTable: InstrumentTable
    /// The venue's ledger.
    public internal(set) var account: Ledger
    var markets: [VenueMarket]
    /// Per instrument: whether it is a perpetual (funding and liquidation apply).
    let isPerpetual: [Bool]
    /// The next venue order ID, trade ID and liquidation order ID.
    var venueOrderIDs = SequenceCounter(prefix: "SIM-", start: 1)
    var tradeIDs = SequenceCounter(prefix: "T", start: 1)
    var liquidationIDs = SequenceCounter(prefix: "LIQ-", start: 1)
    var nextPriority: UInt64 = 1
    /// Events produced by the current call.
    var events: ScratchBuffer<AccountEvent> = []

    public init(
        configuration: SimulatedExchangeConfiguration,
        instruments: [Instrument],
        accountCurrency: Currency,
        balances: [Money],
        leverage: [InstrumentID: Ratio] = [:]
    ) {
        self.configuration = configuration
        self.instruments = instruments
        instrumentTable = InstrumentTable(instruments)
        account = Ledger(
            accountCurrency: accountCurrency,
            instruments: instruments,
            balances: balances,
            leverage: leverage
        )
        markets = Array(repeating: VenueMarket(), count: instruments.count)
        isPerpetual = instruments.map { $0.kind == .linearPerpetual }
    }

    /// Orders the venue holds for an instrument (working and held bracket exits), in priority order.
    public func openOrderIDs(_ instrument: InstrumentIndex) -> [ClientOrderID] {
        markets[instrument.int].orders.map(\.id)
    }

    /// Handles a request that arrives at the venue at `time` (sent time plus latency).
    /// - Returns: what the venue reports back, in order.
    public mutating func receive(_ request: RiskApproved<ExecutionRequest>, at time: Timestamp) -> [AccountEvent] {
        var reports: ScratchBuffer<AccountEvent> = []
        receive(request, at: time, into: &reports)
        return Array(reports)
    }

    /// ``receive(_:at:into:)`` of the request at `request`: a new order's ticket is read where the request
    /// lies (see ``RiskApproved/withSubmitTicket(at:_:)``), without copying the request and its ticket out.
    public mutating func receive(
        at request: UnsafePointer<RiskApproved<ExecutionRequest>>,
        at time: Timestamp,
        into reports: inout ScratchBuffer<AccountEvent>
    ) {
        reports.removeAll()
        swap(&events, &reports)
        let taken = RiskApproved.withSubmitTicket(at: request) { ticket in accept(at: ticket, at: time, held: false) }
        swap(&events, &reports)
        if !recentlyFilled.isEmpty { recentlyFilled.removeAll() }
        if !taken { receive(request.pointee, at: time, into: &reports) }
    }

    /// Handles a request, writing the reports into `reports` (cleared first, storage reused).
    public mutating func receive(
        _ request: RiskApproved<ExecutionRequest>,
        at time: Timestamp,
        into reports: inout ScratchBuffer<AccountEvent>
    ) {
        reports.removeAll()
        swap(&events, &reports)
        defer {
            swap(&events, &reports)
            if !recentlyFilled.isEmpty { recentlyFilled.removeAll() }
        }
        switch request.value {
        case .submit(let ticket):
            accept(ticket, at: time, held: false)
        case .submitBracket(let bracket):
            let parent = bracket.entry
            if accept(parent, at: time, held: false) {
                for child in bracket.exitTickets { accept(child, at: time, held: true) }
                // The parent may have filled on arrival before its exits were stored.
                if let position = markets[parent.spec.instrument.int].position(of: parent.clientOrderID) {
                    let filled = markets[parent.spec.instrument.int].orders[position].filled
                    if filled.raw > 0 { releaseChildren(of: parent, filled: filled, at: time) }
                } else if let filled = recentlyFilled[parent.clientOrderID] {
                    releaseChildren(of: parent, filled: filled, at: time)
                }
            } else {
                for child in bracket.exitTickets {
                    events.append(.rejected(child.clientOrderID, reason: "parent order rejected", exchangeTime: time))
                }
            }
        case .cancel(let instrument, let id):
            cancel(id, instrument: instrument, at: time)
        case .modify(let instrument, let id, let amendment):
            modify(id, instrument: instrument, amendment: amendment, at: time)
        }
    }

    /// Matches working orders against one market event and applies funding and liquidations.
    /// - Returns: what the venue reports back, in order.
    public mutating func process(_ event: MarketEvent) -> [AccountEvent] {
        var reports: ScratchBuffer<AccountEvent> = []
        process(event, into: &reports)
        return Array(reports)
    }

    /// Matches one market event, writing the reports into `reports` (cleared first, storage reused).
    public mutating func process(_ event: MarketEvent, into reports: inout ScratchBuffer<AccountEvent>) {
        if case .bar(let bar) = event {
            process(bar, into: &reports)
            return
        }
        reports.removeAll()
        swap(&events, &reports)
        defer { swap(&events, &reports) }
        switch event {
        case .bar: break
        case .trade(let trade): matchTrade(trade)
        case .quote(let quote): matchQuote(quote)
        case .book(let update): matchBook(update)
        case .funding(let funding): applyFunding(funding)
        }
    }

    /// Matches one bar: the same as `process(.bar(bar), into:)`, without wrapping the bar.
    @inline(__always)
    public mutating func process(_ bar: Bar, into reports: inout ScratchBuffer<AccountEvent>) {
        reports.removeAll()
        let index = bar.instrument.int
        if markets[index].isTickDriven || (markets[index].orders.isEmpty && !hasPerpetualPosition(index)) {
            markets[index].record(bar)
            return
        }
        match(bar, into: &reports)
    }

    /// Whether a bar for `instrument` would only update the venue's last close: no working orders and no
    /// perpetual position to look at it, or tick data drives matching. ``process(_:into:)-(Bar,_)`` then
    /// reports nothing, and a runner may hand the venue only the last such bar (``recordClose(_:at:of:)``)
    /// before the venue next acts.
    @inline(__always)
    public func barOnlyRecords(_ instrument: InstrumentIndex) -> Bool {
        let index = instrument.int
        return markets[index].isTickDriven
            || (markets[index].orders.isEmpty && !(isPerpetual[index] && !account.isFlat(instrument)))
    }

    /// Records a bar's close and close time without matching: what ``process(_:into:)-(Bar,_)`` does with
    /// a bar for which ``barOnlyRecords(_:)`` holds.
    public mutating func recordClose(_ close: Price, at time: Timestamp, of instrument: InstrumentIndex) {
        markets[instrument.int].lastClose = close
        markets[instrument.int].lastCloseTime = time
    }

    /// The part of ``process(_:into:)-(Bar,_)`` that runs when orders or a perpetual position need the bar.
    mutating func match(_ bar: Bar, into reports: inout ScratchBuffer<AccountEvent>) {
        let index = bar.instrument.int
        swap(&events, &reports)
        defer { swap(&events, &reports) }
        matchBar(bar)
        markets[index].record(bar)
    }

    /// Whether a perpetual position is open in the instrument (funding and liquidation then apply).
    @inline(__always)
    mutating func hasPerpetualPosition(_ index: Int) -> Bool {
        isPerpetual[index] && !account.isFlat(InstrumentIndex(index))
    }

    /// Quantities of bracket parents that filled completely on arrival, so their exits can be released
    /// within the same list request.
    var recentlyFilled: [ClientOrderID: Quantity] = [:]

    // MARK: Requests

    /// Validates and stores a new order; returns whether it was accepted.
    @discardableResult
    mutating func accept(_ ticket: OrderTicket, at time: Timestamp, held: Bool) -> Bool {
        withUnsafePointer(to: ticket) { accept(at: $0, at: time, held: held) }
    }

    /// ``accept(_:at:held:)`` of the ticket at `pointer`, read where it lies (inside its request) and copied
    /// once, into the venue's order: passed by value, it was first copied out of the request (337 bytes),
    /// and its spec again for the checks.
    @discardableResult
    mutating func accept(at pointer: UnsafePointer<OrderTicket>, at time: Timestamp, held: Bool) -> Bool {
        let index = pointer.pointee.spec.instrument.int
        guard index < instruments.count else {
            events.append(.rejected(pointer.pointee.clientOrderID, reason: "unknown instrument", exchangeTime: time))
            return false
        }
        if let problem = pointer.pointee.spec.shapeProblem, !(held && problem == "the quantity is zero") {
            events.append(.rejected(pointer.pointee.clientOrderID, reason: ReasonText(problem), exchangeTime: time))
            return false
        }
        if let violation = priceViolation(
            price: pointer.pointee.spec.price,
            trigger: pointer.pointee.spec.triggerPrice,
            instrument: index
        ) {
            events.append(.rejected(pointer.pointee.clientOrderID, reason: ReasonText(violation), exchangeTime: time))
            return false
        }
        if !held, pointer.pointee.spec.reduceOnly, instruments[index].kind == .linearPerpetual {
            let position = account.signedQuantityRaw(pointer.pointee.spec.instrument)
            if position == 0 || (position > 0) == (pointer.pointee.spec.side == .buy) {
                events.append(
                    .rejected(
                        pointer.pointee.clientOrderID,
                        reason: "reduce-only order would not reduce a position",
                        exchangeTime: time
                    )
                )
                return false
            }
        }
        var quantity = Quantity.zero
        if case .base(let base) = pointer.pointee.spec.quantity { quantity = base }
        let venueOrderID = VenueOrderID(venueOrderIDs)
        let priority = nextPriority
        venueOrderIDs.advance()
        nextPriority += 1
        if !held, let trigger = pointer.pointee.spec.triggerPrice, configuration.rejectImmediateTriggers,
            Self.wouldTriggerNow(
                type: pointer.pointee.spec.type,
                side: pointer.pointee.spec.side,
                trigger: trigger,
                market: markets[index]
            )
        {
            events.append(
                .rejected(pointer.pointee.clientOrderID, reason: "order would immediately trigger", exchangeTime: time)
            )
            return false
        }
        let isMarket = pointer.pointee.spec.type == .market
        // Built in the argument of `append`, from the ticket where it lies: built first into a local, the
        // 562-byte order was assembled on the stack and then copied into the array.
        markets[index].orders.append(
            VenueOrder(
                ticket: pointer.pointee,
                venueOrderID: venueOrderID,
                priority: priority,
                quantity: quantity,
                price: pointer.pointee.spec.price,
                trigger: pointer.pointee.spec.triggerPrice,
                activeFrom: time,
                held: held
            )
        )
        if held { return true }
        events.append { .accepted(pointer.pointee.clientOrderID, venueOrderID: venueOrderID, exchangeTime: time) }
        // With bars, only a market order arriving at the last close under the `close` rule trades at once.
        if markets[index].isTickDriven || (isMarket && configuration.barFill == .close) {
            executeOnArrival(pointer.pointee.clientOrderID, instrument: index, at: time)
        }
        return true
    }

    /// Why the order's limit or trigger price is off the instrument's grid, if it is.
    private func priceViolation(price: Price?, trigger: Price?, instrument index: Int) -> String? {
        if let price, let violation = instruments[index].validate(price: price) { return violation.description }
        if let trigger, let violation = instruments[index].validate(price: trigger) {
            return violation.description
        }
        return nil
    }

    /// Whether a conditional order's trigger is already reached at the venue's last known price.
    static func wouldTriggerNow(_ order: VenueOrder, market: borrowing VenueMarket) -> Bool {
        guard let trigger = order.trigger else { return false }
        return wouldTriggerNow(type: order.type, side: order.side, trigger: trigger, market: market)
    }

    /// ``wouldTriggerNow(_:market:)`` for an order of this type and side with this trigger.
    static func wouldTriggerNow(type: OrderType, side: OrderSide, trigger: Price, market: borrowing VenueMarket) -> Bool
    {
        guard let reference = market.triggerReference(for: side) else { return false }
        switch type {
        case .stopMarket, .stopLimit: return side == .buy ? reference >= trigger : reference <= trigger
        case .takeProfitMarket: return side == .buy ? reference <= trigger : reference >= trigger
        default: return false
        }
    }

    mutating func cancel(_ id: ClientOrderID, instrument: InstrumentIndex, at time: Timestamp) {
        let index = instrument.int
        guard index < markets.count, let position = markets[index].position(of: id) else {
            events.append(.requestRefused(id, reason: "unknown order (already closed)", exchangeTime: time))
            return
        }
        let order = markets[index].orders[position]
        markets[index].removeOrder(at: position)
        events.append(.canceled(id, reason: nil, exchangeTime: time))
        // A bracket parent cancelled before any fill takes its exits with it.
        if case .oneTriggersOther(let children) = order.ticket.contingency, order.filled.isZero {
            for child in children.ids { removeOrder(child, instrument: index, reason: "parent cancelled", at: time) }
        }
    }

    mutating func modify(
        _ id: ClientOrderID,
        instrument: InstrumentIndex,
        amendment: OrderAmendment,
        at time: Timestamp
    ) {
        let index = instrument.int
        guard index < markets.count, let position = markets[index].position(of: id) else {
            events.append(.requestRefused(id, reason: "unknown order (already closed)", exchangeTime: time))
            return
        }
        var order = markets[index].orders[position]
        if let quantity = amendment.quantity, quantity <= order.filled {
            events.append(.requestRefused(id, reason: "quantity is not above the filled quantity", exchangeTime: time))
            return
        }
        let losesPriority =
            (amendment.price != nil && amendment.price != order.price)
            || (amendment.quantity.map { $0 > order.quantity } ?? false)
        var candidate = order
        if let quantity = amendment.quantity { candidate.quantity = quantity }
        if let price = amendment.price { candidate.price = price }
        if let trigger = amendment.triggerPrice { candidate.trigger = trigger }
        if !candidate.triggered && configuration.rejectImmediateTriggers
            && Self.wouldTriggerNow(candidate, market: markets[index])
        {
            events.append(.requestRefused(id, reason: "amended trigger would immediately trigger", exchangeTime: time))
            return
        }
        order = candidate
        if losesPriority {
            order.priority = nextPriority
            nextPriority += 1
            order.queueAhead = nil
            markets[index].removeOrder(at: position)
            markets[index].orders.append(order)
        } else {
            markets[index].orders[position] = order
        }
        events.append(
            .updated(id, quantity: order.quantity, price: order.price, triggerPrice: order.trigger, exchangeTime: time)
        )
        if losesPriority { executeOnArrival(id, instrument: index, at: time) }
    }

    /// Removes an order the venue cancels on its own (contingencies, liquidation, failed checks).
    mutating func removeOrder(_ id: ClientOrderID, instrument index: Int, reason: ReasonText, at time: Timestamp) {
        guard let position = markets[index].position(of: id) else { return }
        markets[index].removeOrder(at: position)
        events.append(.canceled(id, reason: reason, exchangeTime: time))
    }
}
