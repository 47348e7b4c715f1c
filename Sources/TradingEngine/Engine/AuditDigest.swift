import TradingCore

/// A running 128-bit (two-lane) digest, shown as 64 bits, over the engine's audit facts, to prove two runs
/// decided exactly the same things. Each fact contributes its kind and its identifying fields (order IDs,
/// statuses, exact quantities, prices, amounts and times).
///
/// Words go in four at a time, two to each lane: a lane takes a pair of words with one 64 × 64 → 128-bit
/// multiplication whose halves are folded together (the mixing step of wyhash), so a word costs about two
/// instructions. Not a cryptographic hash: it tells runs apart, it does not resist a forger.
public struct AuditDigest: Sendable, Hashable, CustomStringConvertible {
    /// Two independent lanes (different starting values), so the processor mixes them side by side.
    private var lanes: (UInt64, UInt64) = (0xCBF2_9CE4_8422_2325, 0x9E37_79B9_7F4A_7C15)
    public private(set) var factCount = 0

    public init() {}

    public static func == (lhs: AuditDigest, rhs: AuditDigest) -> Bool {
        lhs.factCount == rhs.factCount && lhs.lanes.0 == rhs.lanes.0 && lhs.lanes.1 == rhs.lanes.1
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(factCount)
        hasher.combine(lanes.0)
        hasher.combine(lanes.1)
    }

    public mutating func add(_ facts: [EngineFact]) {
        for fact in facts { add(fact) }
    }

    public mutating func add(_ fact: EngineFact) {
        switch fact {
        case .orderSubmitted(let submitted): add(submitted)
        case .orderDenied(let update): add(denied: update)
        case .orderUpdated(let update): add(updated: update)
        case .orderFilled(let fill, _): add(fill)
        case .positionOpened(let position), .positionChanged(let position): add(position)
        case .positionClosed(let closed): add(closed)
        case .fundingApplied(let funding): add(funding)
        case .commandApplied(let command): add(command)
        case .tradingStateChanged(let state, let code): add(state, code: code)
        case .connectivityChanged(let change, let stale): add(change, stale: stale)
        }
    }

    // One entry point per kind of fact, so the engine mixes a fact from the value it just built without
    // first wrapping it in an ``EngineFact`` (a copy) and switching on it (another).

    @inline(__always)
    mutating func add(_ submitted: OrderSubmitted) {
        addSubmission(
            id: submitted.clientOrderID,
            strategy: submitted.strategyID,
            instrument: submitted.spec.instrument,
            side: submitted.spec.side,
            type: submitted.spec.type,
            quantity: submitted.spec.quantity,
            price: submitted.spec.price,
            trigger: submitted.spec.triggerPrice,
            time: submitted.time
        )
    }

    /// The same as ``add(_:)-(OrderSubmitted)`` for the ``OrderSubmitted`` of a new `order`, read from the
    /// order itself (the engine builds the fact only for a reader).
    @inline(__always)
    mutating func add(submitted order: Order) {
        addSubmission(
            id: order.clientOrderID,
            strategy: order.strategyID,
            instrument: order.instrument,
            side: order.side,
            type: order.type,
            quantity: order.requestedQuantity,
            price: order.price,
            trigger: order.triggerPrice,
            time: order.createdAt
        )
    }

    @inline(__always)
    private mutating func addSubmission(
        id clientOrderID: ClientOrderID,
        strategy strategyID: StrategyID,
        instrument: InstrumentIndex,
        side: OrderSide,
        type: OrderType,
        quantity requested: OrderQuantity,
        price limit: Price?,
        trigger stop: Price?,
        time: Timestamp
    ) {
        let id = clientOrderID.text.words
        let strategy = strategyID.text.words
        let quantity: Int128
        switch requested {
        case .base(let base): quantity = base.raw
        case .quote(let money): quantity = -money.raw
        }
        let price = limit?.raw ?? -1
        let trigger = stop?.raw ?? -1
        begin(1, id.0, id.1, id.2)
        mix(id.3, id.4, strategy.0, strategy.1)
        mix(strategy.2, strategy.3, strategy.4, UInt64(instrument.value))
        mix(side == .buy ? 1 : 2, Self.code(type), Self.low(quantity), Self.high(quantity))
        mix(Self.low(price), Self.high(price), Self.low(trigger), Self.high(trigger))
        mix(Self.word(time.nanoseconds), 0)
    }

    @inline(__always)
    mutating func add(denied update: OrderUpdate) { add(update, kind: 2) }

    @inline(__always)
    mutating func add(updated update: OrderUpdate) { add(update, kind: 3) }

    @inline(__always)
    mutating func add(_ fill: OrderFilled) {
        let id = (fill.clientOrderID?.text ?? ShortText()).words
        let trade = fill.tradeID.text.words
        begin(4, id.0, id.1, id.2)
        mix(id.3, id.4, trade.0, trade.1)
        mix(trade.2, trade.3, trade.4, Self.word(fill.exchangeTime.nanoseconds))
        mix(
            Self.low(fill.quantity.raw),
            Self.high(fill.quantity.raw),
            Self.low(fill.price.raw),
            Self.high(fill.price.raw)
        )
        mix(Self.low(fill.fee.raw), Self.high(fill.fee.raw))
    }

    @inline(__always)
    mutating func add(_ position: PositionUpdate) {
        begin(
            5,
            UInt64(position.instrument.value),
            Self.low(position.signedQuantityRaw),
            Self.high(position.signedQuantityRaw)
        )
        mix(
            Self.low(position.costBasisRaw),
            Self.high(position.costBasisRaw),
            Self.low(position.realizedRaw),
            Self.high(position.realizedRaw)
        )
    }

    @inline(__always)
    mutating func add(_ closed: ClosedPosition) {
        begin(6, UInt64(closed.instrument.value), Self.low(closed.netPnL.raw), Self.high(closed.netPnL.raw))
        mix(Self.word(closed.closedAt.nanoseconds), 0)
    }

    @inline(__always)
    mutating func add(_ funding: FundingApplied) {
        begin(
            7,
            Self.low(funding.payment.raw),
            Self.high(funding.payment.raw),
            Self.word(funding.exchangeTime.nanoseconds)
        )
    }

    @inline(__always)
    mutating func add(_ state: TradingState, code: ShortText) {
        let words = code.words
        begin(9, words.0, words.1, words.2)
        mix(words.3, words.4)
        mix(state.description)
    }

    mutating func add(_ change: VenueConnectivity, stale: Int) {
        let venue = change.venue.text.words
        begin(10, venue.0, venue.1, UInt64(stale))
        mix(venue.2, venue.3)
        switch change.change {
        case .connected: mix(1, 0)
        case .disconnected: mix(2, 0)
        case .reconnected: mix(3, 0)
        case .gapDetected(let instrument, let stream):
            mix(4, UInt64(instrument.value))
            mix(stream.rawValue)
        }
    }

    mutating func add(_ command: OperatorCommand) {
        begin(8, 0, 0, 0)
        mix(command.description)
    }

    /// The same as ``add(updated:)-(OrderUpdate)`` for the ``OrderUpdate`` of `order` after `transition`,
    /// read from the order itself (the engine builds the update only for a reader).
    @inline(__always)
    mutating func add(updated order: Order, transition: OrderTransition) {
        addUpdate(
            kind: 3,
            id: order.clientOrderID,
            status: order.status,
            transition: transition,
            quantity: order.quantity,
            filled: order.filledQuantity,
            price: order.price,
            trigger: order.triggerPrice,
            time: order.updatedAt
        )
    }

    @inline(__always)
    private mutating func add(_ update: OrderUpdate, kind: UInt64) {
        addUpdate(
            kind: kind,
            id: update.clientOrderID,
            status: update.status,
            transition: update.transition,
            quantity: update.quantity,
            filled: update.filledQuantity,
            price: update.price,
            trigger: update.triggerPrice,
            time: update.time
        )
    }

    @inline(__always)
    private mutating func addUpdate(
        kind: UInt64,
        id clientOrderID: ClientOrderID,
        status: OrderStatus,
        transition: OrderTransition,
        quantity: Quantity,
        filled: Quantity,
        price limit: Price?,
        trigger stop: Price?,
        time: Timestamp
    ) {
        let id = clientOrderID.text.words
        let price = limit?.raw ?? -1
        let trigger = stop?.raw ?? -1
        begin(kind, id.0, id.1, id.2)
        mix(id.3, id.4, Self.code(status), Self.code(transition))
        mix(Self.low(quantity.raw), Self.high(quantity.raw), Self.low(filled.raw), Self.high(filled.raw))
        mix(Self.low(price), Self.high(price), Self.low(trigger), Self.high(trigger))
        mix(Self.word(time.nanoseconds), 0)
    }

    /// A case's position in its declaration, which is how a payload-free enum is stored: stable for a
    /// given source, and free to read.
    @inline(__always)
    private static func code<Case>(_ value: Case) -> UInt64 {
        withUnsafeBytes(of: value) { bytes in bytes.isEmpty ? 0 : UInt64(bytes[0]) }
    }

    mutating func add(_ decision: RiskDecision) {
        let id = decision.clientOrderID.text.words
        let last = decision.lastPrice?.raw ?? -1
        begin(11, decision.sequence, id.0, id.1)
        mix(id.2, id.3, id.4, decision.action == .submit ? 1 : 2)
        mix(
            Self.low(decision.positionBeforeRaw),
            Self.high(decision.positionBeforeRaw),
            Self.low(decision.equity.raw),
            Self.high(decision.equity.raw)
        )
        mix(Self.low(decision.available.raw), Self.high(decision.available.raw), Self.low(last), Self.high(last))
        if let refusal = decision.refusal { mix(refusal.code) }
    }

    /// Starts a fact of the given kind with its first three words: counts it and mixes them.
    @inline(__always)
    private mutating func begin(_ kind: UInt64, _ first: UInt64, _ second: UInt64, _ third: UInt64) {
        factCount += 1
        mix(kind, first, second, third)
    }

    /// Mixes four words, two into each lane (the lanes are folded together and avalanched in
    /// ``description``).
    @inline(__always)
    private mutating func mix(_ w0: UInt64, _ w1: UInt64, _ w2: UInt64, _ w3: UInt64) {
        lanes.0 = Self.step(lanes.0, w0, w1)
        lanes.1 = Self.step(lanes.1, w2, w3)
    }

    /// Mixes two words into the first lane (a fact's last words).
    @inline(__always)
    private mutating func mix(_ w0: UInt64, _ w1: UInt64) {
        lanes.0 = Self.step(lanes.0, w0, w1)
    }

    /// One lane's step: `(lane ⊕ first) × (second ⊕ k)` in 128 bits, its halves xor-ed. The lane goes into
    /// the first factor, so the step depends on everything mixed before; `k` keeps a zero word from
    /// zeroing the product.
    @inline(__always)
    private static func step(_ lane: UInt64, _ first: UInt64, _ second: UInt64) -> UInt64 {
        let product = (lane ^ first).multipliedFullWidth(by: second ^ 0xE703_7ED1_A0B4_28DB)
        return product.high ^ product.low
    }

    /// The final avalanche of a lane (the finaliser of MurmurHash3).
    @inline(__always)
    private static func avalanche(_ value: UInt64) -> UInt64 {
        var final = value
        final ^= final >> 33
        final = final &* 0xFF51_AFD7_ED55_8CCD
        final ^= final >> 33
        final = final &* 0xC4CE_B9FE_1A85_EC53
        final ^= final >> 33
        return final
    }

    @inline(__always) private static func word(_ number: Int64) -> UInt64 { UInt64(bitPattern: number) }
    @inline(__always) private static func low(_ number: Int128) -> UInt64 { UInt64(truncatingIfNeeded: number) }
    @inline(__always) private static func high(_ number: Int128) -> UInt64 { UInt64(truncatingIfNeeded: number >> 64) }

    /// Mixes text of any length, four words at a time, ending with its length.
    private mutating func mix(_ text: String) {
        var words: [UInt64] = []
        var word: UInt64 = 0
        var shift: UInt64 = 0
        for byte in text.utf8 {
            word |= UInt64(byte) << shift
            shift += 8
            if shift == 64 {
                words.append(word)
                word = 0
                shift = 0
            }
        }
        words.append(word ^ UInt64(text.utf8.count) << 56)
        while words.count % 4 != 0 { words.append(0) }
        for start in stride(from: 0, to: words.count, by: 4) {
            mix(words[start], words[start + 1], words[start + 2], words[start + 3])
        }
    }

    /// 16 hex digits.
    public var description: String {
        let final = Self.avalanche(Self.step(lanes.0, lanes.1, UInt64(truncatingIfNeeded: factCount)))
        let hex = String(final, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
