public import TradingCore

/// A strategy the engine holds in a box compiled for its own type (``makeEngineBox()``, inlined into its
/// conformance), so that a callback is one indirect call into code specialised for the type and its `onBar`
/// is inlined into the bar-run loop. Any other strategy gets a generic box, whose callbacks go through the
/// protocol's witnesses (about 6 ns more a bar, and copies of the strategy's fields the generic code makes).
///
/// Package level: the built-in strategies and the farm's bots adopt it; a strategy written against the
/// public ``Strategy`` works the same without it.
@usableFromInline
package protocol SpecializedStrategy: Strategy {
    /// The box the engine holds this strategy in, with its callbacks compiled for its own type. Keep the
    /// default: it is a requirement so that the box is made where the strategy's type is known.
    func makeEngineBox() -> StrategyBox
}

extension SpecializedStrategy {
    @inlinable package func makeEngineBox() -> StrategyBox { StrategyBox(self) }
}

/// The backtest fast path of a strategy whose ``Strategy/onBar(_:context:)`` reads only the bar's close
/// until it acts: it takes a stretch of closes in a loop of its own, without a context, and the engine
/// keeps the books of the bars taken afterwards (`Engine.scanBars`, see `README.md` in this folder).
///
/// Package level: a strategy adopts it only with a test that holds its scanned runs to stepped ones, as
/// `ScannedBarRunTests` does for `ema_cross`.
@usableFromInline
package protocol BarScanningStrategy: SpecializedStrategy {
    /// Takes `closes` in order and does to the strategy's state exactly what `onBar` would do for each,
    /// without a context; stops after the first close on which `onBar` would act, or at the end. The engine
    /// then keeps the books of the bars taken (time checks, equity samples, its time, sequence and market
    /// state) as it would have bar by bar and, when ``BarScan/acts``, calls
    /// ``actOnScannedBar(_:context:)`` with the bar of the last close taken. Called with at least one
    /// close; it must take at least one.
    mutating func scanQuietBars(_ closes: BarCloses) -> BarScan
    /// What ``Strategy/onBar(_:context:)`` does after updating the strategy's state, for the bar on which
    /// ``scanQuietBars(_:)`` stopped to act.
    mutating func actOnScannedBar(_ bar: Bar, context: inout StrategyContext)
}

extension BarScanningStrategy {
    @inlinable package func makeEngineBox() -> StrategyBox { StrategyBox(scanning: self) }
}

/// The closes of consecutive bars of one instrument in a bar run, oldest first, as
/// ``BarScanningStrategy/scanQuietBars(_:)`` reads them: `Double`s, the same values as ``Bar/closeValue``,
/// read from the compact records where they lie.
@usableFromInline
package struct BarCloses {
    @usableFromInline let records: UnsafePointer<CompactBar>
    /// How many closes there are.
    @usableFromInline package let count: Int

    @inlinable
    init(records: UnsafePointer<CompactBar>, count: Int) {
        self.records = records
        self.count = count
    }

    /// The close of bar `index`, which must be in `0..<count`.
    @inlinable @inline(__always)
    package subscript(index: Int) -> Double { records[index].closeValue }
}

/// What ``BarScanningStrategy/scanQuietBars(_:)`` did: how many closes it took, and whether `onBar` would
/// act on the last one.
@usableFromInline
package struct BarScan: Sendable, Hashable {
    @usableFromInline package var taken: Int
    @usableFromInline package var acts: Bool

    @inlinable
    package init(taken: Int, acts: Bool) {
        self.taken = taken
        self.acts = acts
    }
}
