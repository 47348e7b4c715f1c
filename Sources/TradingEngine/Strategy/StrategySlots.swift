import TradingCore

/// The engine's strategies, each held in a class box so that a callback mutates it in place.
///
/// An `any Strategy` stored in an array is boxed copy-on-write: every mutating call projected the box and
/// checked it (and the array) for uniqueness, several runtime calls per event. Here the boxes are called
/// directly. Value semantics are kept at the level of the engine: copies of an engine share the boxes
/// until one of them runs a callback, and ``makeUnique()`` then gives that copy boxes of its own.
struct StrategySlots: @unchecked Sendable {
    // @unchecked: the boxes are only mutated through `makeUnique()`-guarded access, like a copy-on-write
    // buffer; the strategies themselves are `Sendable` values.
    private var boxes: [StrategyBox]
    /// Shared by copies of the engine; unique when this copy may mutate the boxes.
    private var owner = Owner()

    final class Owner: Sendable {}

    init(_ strategies: [any Strategy]) {
        boxes = strategies.map { StrategySlots.box($0) }
    }

    private static func box<S: Strategy>(_ strategy: S) -> StrategyBox { TypedStrategyBox(strategy) }

    var indices: Range<Int> { boxes.indices }

    /// The strategies as values, in registration order.
    var strategies: [any Strategy] { boxes.map(\.strategy) }

    /// Gives this copy of the engine its own boxes if another copy shares them. Call before ``withBox``.
    @inline(__always)
    mutating func makeUnique() {
        if _slowPath(!isKnownUniquelyReferenced(&owner)) {
            // Copy first, then drop the shared owner: another copy sees itself unique only after this one
            // has finished reading the shared boxes.
            boxes = boxes.map { $0.copy() }
            owner = Owner()
        }
    }

    /// Calls `body` with the box of `slot`, without retaining it (the engine keeps it alive).
    @inline(__always)
    func withBox<Result>(_ slot: Int, _ body: (StrategyBox) -> Result) -> Result {
        boxes.withUnsafeBufferPointer { buffer in
            Unmanaged.passUnretained(buffer[slot])._withUnsafeGuaranteedRef { body($0) }
        }
    }
}

/// One strategy, called in place. The methods mirror ``Strategy``'s callbacks.
class StrategyBox: @unchecked Sendable {
    var strategy: any Strategy { preconditionFailure("Invariant: StrategyBox is abstract") }
    func copy() -> StrategyBox { preconditionFailure("Invariant: StrategyBox is abstract") }
    func onStart(context: inout StrategyContext) {}
    func onBar(_ bar: Bar, context: inout StrategyContext) {}
    func onTrade(_ trade: TradeTick, context: inout StrategyContext) {}
    func onQuote(_ quote: QuoteTick, context: inout StrategyContext) {}
    func onBook(_ update: BookUpdate, context: inout StrategyContext) {}
    func onFunding(_ funding: FundingRateUpdate, context: inout StrategyContext) {}
    func onOrderUpdate(_ update: OrderUpdate, context: inout StrategyContext) {}
    func onFill(_ fill: OrderFilled, update: OrderUpdate?, context: inout StrategyContext) {}
    func onTimer(_ timer: TimerFired, context: inout StrategyContext) {}
    func onStop(context: inout StrategyContext) {}
}

final class TypedStrategyBox<S: Strategy>: StrategyBox, @unchecked Sendable {
    @exclusivity(unchecked) var value: S

    init(_ value: S) { self.value = value }

    override var strategy: any Strategy { value }
    override func copy() -> StrategyBox { TypedStrategyBox(value) }
    override func onStart(context: inout StrategyContext) { value.onStart(context: &context) }
    override func onBar(_ bar: Bar, context: inout StrategyContext) { value.onBar(bar, context: &context) }
    override func onTrade(_ trade: TradeTick, context: inout StrategyContext) { value.onTrade(trade, context: &context) }
    override func onQuote(_ quote: QuoteTick, context: inout StrategyContext) { value.onQuote(quote, context: &context) }
    override func onBook(_ update: BookUpdate, context: inout StrategyContext) { value.onBook(update, context: &context) }
    override func onFunding(_ funding: FundingRateUpdate, context: inout StrategyContext) {
        value.onFunding(funding, context: &context)
    }
    override func onOrderUpdate(_ update: OrderUpdate, context: inout StrategyContext) {
        value.onOrderUpdate(update, context: &context)
    }
    override func onFill(_ fill: OrderFilled, update: OrderUpdate?, context: inout StrategyContext) {
        value.onFill(fill, update: update, context: &context)
    }
    override func onTimer(_ timer: TimerFired, context: inout StrategyContext) { value.onTimer(timer, context: &context) }
    override func onStop(context: inout StrategyContext) { value.onStop(context: &context) }
}
