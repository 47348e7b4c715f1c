import TradingCore

/// A running 64-bit FNV-1a digest over the engine's audit facts, to prove two runs decided exactly the
/// same things. Each fact contributes its kind and its identifying fields (order IDs, statuses, exact
/// quantities, prices, amounts and times).
public struct AuditDigest: Sendable, Hashable, CustomStringConvertible {
    private var value: UInt64 = 0xCBF2_9CE4_8422_2325
    public private(set) var factCount = 0

    public init() {}

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
        }
    }

    // One entry point per kind of fact, so the engine mixes a fact from the value it just built without
    // first wrapping it in an ``EngineFact`` (a copy) and switching on it (another).

    @inline(__always)
    mutating func add(_ submitted: OrderSubmitted) {
        begin(1)
        mix(submitted.clientOrderID.text)
        mix(submitted.strategyID.text)
        mix(Int64(submitted.spec.instrument.value))
        mix(UInt64(submitted.spec.side == .buy ? 1 : 2))
        mix(Self.code(submitted.spec.type))
        switch submitted.spec.quantity {
        case .base(let quantity): mix(quantity.raw)
        case .quote(let money): mix(-money.raw)
        }
        mix(submitted.spec.price?.raw ?? -1)
        mix(submitted.spec.triggerPrice?.raw ?? -1)
        mix(submitted.time.nanoseconds)
    }

    @inline(__always)
    mutating func add(denied update: OrderUpdate) {
        begin(2)
        mix(update)
    }

    @inline(__always)
    mutating func add(updated update: OrderUpdate) {
        begin(3)
        mix(update)
    }

    @inline(__always)
    mutating func add(_ fill: OrderFilled) {
        begin(4)
        mix(fill.clientOrderID?.text ?? ShortText())
        mix(fill.tradeID.text)
        mix(fill.quantity.raw)
        mix(fill.price.raw)
        mix(fill.fee.raw)
        mix(fill.exchangeTime.nanoseconds)
    }

    @inline(__always)
    mutating func add(_ position: PositionUpdate) {
        begin(5)
        mix(Int64(position.instrument.value))
        mix(position.signedQuantityRaw)
        mix(position.costBasisRaw)
        mix(position.realizedRaw)
    }

    @inline(__always)
    mutating func add(_ closed: ClosedPosition) {
        begin(6)
        mix(Int64(closed.instrument.value))
        mix(closed.netPnL.raw)
        mix(closed.closedAt.nanoseconds)
    }

    @inline(__always)
    mutating func add(_ funding: FundingApplied) {
        begin(7)
        mix(funding.payment.raw)
        mix(funding.exchangeTime.nanoseconds)
    }

    @inline(__always)
    mutating func add(_ state: TradingState, code: ShortText) {
        begin(9)
        mix(code)
        mix(state.description)
    }

    mutating func add(_ command: OperatorCommand) {
        begin(8)
        mix(command.description)
    }

    private mutating func mix(_ update: OrderUpdate) {
        mix(update.clientOrderID.text)
        mix(Self.code(update.status))
        mix(Self.code(update.transition))
        mix(update.quantity.raw)
        mix(update.filledQuantity.raw)
        mix(update.price?.raw ?? -1)
        mix(update.triggerPrice?.raw ?? -1)
        mix(update.time.nanoseconds)
    }

    /// A case's position in its declaration, which is how a payload-free enum is stored: stable for a
    /// given source, and free to read.
    @inline(__always)
    private static func code<Case>(_ value: Case) -> UInt64 {
        withUnsafeBytes(of: value) { bytes in bytes.isEmpty ? 0 : UInt64(bytes[0]) }
    }

    mutating func add(_ decision: RiskDecision) {
        begin(11)
        mix(decision.sequence)
        mix(decision.clientOrderID.text)
        mix(UInt64(decision.action == .submit ? 1 : 2))
        mix(decision.positionBeforeRaw)
        mix(decision.equity.raw)
        mix(decision.available.raw)
        mix(decision.lastPrice?.raw ?? -1)
        mix(decision.refusal?.code ?? "")
    }

    /// Starts a fact of the given kind: counts it and mixes its kind.
    private mutating func begin(_ kind: UInt8) {
        factCount += 1
        mix(UInt64(kind))
    }

    /// Mixes one 64-bit word (FNV-1a over words, with a final avalanche in ``description``).
    @inline(__always)
    private mutating func mix(_ word: UInt64) {
        value = (value ^ word) &* 0x0000_0100_0000_01B3
        value ^= value >> 29
    }

    private mutating func mix(_ number: Int64) { mix(UInt64(bitPattern: number)) }

    private mutating func mix(_ number: Int128) {
        mix(UInt64(truncatingIfNeeded: number))
        mix(UInt64(truncatingIfNeeded: number >> 64))
    }

    private mutating func mix(_ text: ShortText) {
        let words = text.words
        mix(words.0)
        mix(words.1)
        mix(words.2)
        mix(words.3)
        mix(words.4)
    }

    private mutating func mix(_ text: String) {
        var word: UInt64 = 0
        var shift: UInt64 = 0
        for byte in text.utf8 {
            word |= UInt64(byte) << shift
            shift += 8
            if shift == 64 {
                mix(word)
                word = 0
                shift = 0
            }
        }
        mix(word ^ UInt64(text.utf8.count) << 56)
    }

    /// 16 hex digits.
    public var description: String {
        var final = value
        final ^= final >> 33
        final = final &* 0xFF51_AFD7_ED55_8CCD
        final ^= final >> 33
        let hex = String(final, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
