public import TradingCore

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
        boxes = strategies.map { strategy in
            // A specialized strategy brings a box compiled for its own type; any other gets the generic box
            // (its callbacks go through its protocol witnesses).
            if let specialized = strategy as? any SpecializedStrategy { return specialized.makeEngineBox() }
            return StrategyBox(strategy)
        }
    }

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

/// One strategy as the engine holds it: the value in a cell, and its callbacks as functions.
///
/// Made by the engine for any strategy, the functions reach it through its protocol witnesses. A
/// ``SpecializedStrategy`` makes its own box (``SpecializedStrategy/makeEngineBox()``, inlined into its
/// conformance), where its type is known, so that a callback costs one indirect call into code specialised
/// for that type and its `onBar` is inlined into the bar-run loop.
@usableFromInline
package final class StrategyBox: @unchecked Sendable {
    // @unchecked: the engine calls a box from one thread at a time, and copies of an engine get their own
    // boxes before they call them (`StrategySlots.makeUnique()`).
    @usableFromInline let startCall: (inout StrategyContext) -> Void
    @usableFromInline let barCall: (Bar, inout StrategyContext) -> Void
    @usableFromInline let barRunCall: (BarRun) -> Int
    @usableFromInline let tradeCall: (TradeTick, inout StrategyContext) -> Void
    @usableFromInline let quoteCall: (QuoteTick, inout StrategyContext) -> Void
    @usableFromInline let bookCall: (BookUpdate, inout StrategyContext) -> Void
    @usableFromInline let fundingCall: (FundingRateUpdate, inout StrategyContext) -> Void
    @usableFromInline let orderUpdateCall: (OrderUpdate, inout StrategyContext) -> Void
    @usableFromInline let fillCall: (OrderFilled, OrderUpdate?, inout StrategyContext) -> Void
    @usableFromInline let timerCall: (TimerFired, inout StrategyContext) -> Void
    @usableFromInline let stopCall: (inout StrategyContext) -> Void
    @usableFromInline let valueCall: () -> any Strategy
    @usableFromInline let copyCall: () -> StrategyBox

    /// A box whose bar runs take the strategy's bars one at a time (``Engine/runBars(_:_:)``).
    @inlinable
    package convenience init<S: Strategy>(_ strategy: S) {
        let cell = StrategyCell(strategy)
        self.init(cell: cell, barRun: { Engine.runBars($0, cell) }, copy: { StrategyBox(cell.value) })
    }

    /// A box whose bar runs scan compact bars by their closes (``Engine/runScanningBars(_:_:)``).
    @inlinable
    package convenience init<S: BarScanningStrategy>(scanning strategy: S) {
        let cell = StrategyCell(strategy)
        self.init(
            cell: cell,
            barRun: { Engine.runScanningBars($0, cell) },
            copy: { StrategyBox(scanning: cell.value) }
        )
    }

    @inlinable
    init<S: Strategy>(
        cell: StrategyCell<S>,
        barRun: @escaping (BarRun) -> Int,
        copy: @escaping () -> StrategyBox
    ) {
        startCall = { cell.value.onStart(context: &$0) }
        barCall = { cell.value.onBar($0, context: &$1) }
        barRunCall = barRun
        tradeCall = { cell.value.onTrade($0, context: &$1) }
        quoteCall = { cell.value.onQuote($0, context: &$1) }
        bookCall = { cell.value.onBook($0, context: &$1) }
        fundingCall = { cell.value.onFunding($0, context: &$1) }
        orderUpdateCall = { cell.value.onOrderUpdate($0, context: &$1) }
        fillCall = { cell.value.onFill($0, update: $1, context: &$2) }
        timerCall = { cell.value.onTimer($0, context: &$1) }
        stopCall = { cell.value.onStop(context: &$0) }
        valueCall = { cell.value }
        copyCall = copy
    }

    var strategy: any Strategy { valueCall() }
    func copy() -> StrategyBox { copyCall() }
    @inline(__always) func onStart(context: inout StrategyContext) { startCall(&context) }
    @inline(__always) func onBar(_ bar: Bar, context: inout StrategyContext) { barCall(bar, &context) }
    /// Processes a run of bars (`Engine.processBarRun`); returns how many.
    @inline(__always) func onBars(_ run: BarRun) -> Int { barRunCall(run) }
    @inline(__always) func onTrade(_ trade: TradeTick, context: inout StrategyContext) { tradeCall(trade, &context) }
    @inline(__always) func onQuote(_ quote: QuoteTick, context: inout StrategyContext) { quoteCall(quote, &context) }
    @inline(__always) func onBook(_ update: BookUpdate, context: inout StrategyContext) { bookCall(update, &context) }
    @inline(__always) func onFunding(_ funding: FundingRateUpdate, context: inout StrategyContext) {
        fundingCall(funding, &context)
    }
    @inline(__always) func onOrderUpdate(_ update: OrderUpdate, context: inout StrategyContext) {
        orderUpdateCall(update, &context)
    }
    @inline(__always) func onFill(_ fill: OrderFilled, update: OrderUpdate?, context: inout StrategyContext) {
        fillCall(fill, update, &context)
    }
    @inline(__always) func onTimer(_ timer: TimerFired, context: inout StrategyContext) { timerCall(timer, &context) }
    @inline(__always) func onStop(context: inout StrategyContext) { stopCall(&context) }
}

/// The strategy value a ``StrategyBox``'s functions share.
@usableFromInline
final class StrategyCell<S: Strategy>: @unchecked Sendable {
    @usableFromInline @exclusivity(unchecked) var value: S

    @inlinable init(_ value: S) { self.value = value }
}
