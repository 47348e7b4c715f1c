import TradingCore

extension Engine {
    /// How many records a scanning bar run checks ahead at a time (``scanBars(_:_:_:)``): a run ends at the
    /// first bar that acts with an order, so the records checked past it are wasted, while each stretch costs
    /// the strategy a load and a store of its state.
    @usableFromInline static let scanStretch = 64

    /// The loop of a bar run for a strategy that scans bars by their closes (``BarScanningStrategy``): on
    /// compact bars whose equity is a line in the close, ``scanBars(_:_:_:)``; otherwise the loop bar by bar.
    @usableFromInline @inline(__always)
    static func runScanningBars<S: BarScanningStrategy>(_ run: BarRun, _ cell: StrategyCell<S>) -> Int {
        if let compact = run.compact, let taken = scanBars(run, cell, compact) { return taken }
        return runBars(run, cell)
    }

    /// ``runBars(_:_:)`` on compact bars for a strategy that scans them by their closes: the same work, in
    /// another order.
    ///
    /// 1. A stretch of records is checked: bars of the run's instrument (nothing to check on a tape of one
    ///    instrument's bars, ``CompactBars/uniformInstrument``).
    /// 2. The strategy takes their closes with its state in registers rather than stored and reloaded around
    ///    every bar, up to the bar it would act on (``BarScanningStrategy/scanQuietBars(_:)``).
    /// 3. The bars taken get their time checks and equity samples in a loop of their own.
    /// 4. The engine's time, sequence and market slot are brought to the last bar taken.
    /// 5. If the strategy stopped to act, it acts with its context as `onBar` would
    ///    (``BarScanningStrategy/actOnScannedBar(_:context:)``); a bar it acts on with an order ends the run
    ///    unsampled, as in the loop bar by bar.
    ///
    /// Returns `nil`, having changed nothing, when the equity is not a line in this instrument's close
    /// (another instrument has exposure): the loop bar by bar then takes the run.
    @usableFromInline @inline(__always)
    static func scanBars<S: BarScanningStrategy>(
        _ run: BarRun,
        _ cell: StrategyCell<S>,
        _ compact: CompactBars
    )
        -> Int?
    {
        let statePointer = run.statePointer
        guard let estimate = statePointer.pointee.portfolio.equityEstimateLine(run.instrument.int),
            let records = compact.records.baseAddress, let lengths = compact.lengths.baseAddress,
            let samples = run.samples.baseAddress
        else { return nil }
        let start = run.start
        let end = run.end
        let flags = run.flags
        let instrument = run.instrument.int
        var context = StrategyContext(statePointer: statePointer, commands: run.commands, slot: run.slot)
        // Wrapping arithmetic: `start ≤ index ≤ stretchEnd ≤ end ≤ records.count`.
        var index = start
        var time = statePointer.pointee.now.nanoseconds
        // With every record a bar of this instrument, the whole run is one stretch and nothing is checked.
        let uniform = compact.uniformInstrument == run.instrument
        while index < end {
            let limit = uniform ? end : min(end, index &+ scanStretch)
            var stretchEnd = uniform ? end : index
            while stretchEnd < limit && records[stretchEnd].isBar
                && Int(records[stretchEnd].instrument) == instrument
            {
                stretchEnd &+= 1
            }
            guard stretchEnd > index else { break }
            let scan = cell.value.scanQuietBars(BarCloses(records: records + index, count: stretchEnd &- index))
            precondition(
                scan.taken > 0 && scan.taken <= stretchEnd &- index,
                "Invariant: a scan takes between one close and all"
            )
            let first = index
            index &+= scan.taken
            // The bars taken: time checks and samples (a bar that acts with an order is not counted). A loop of
            // their own: run inside the strategy's, they added instructions and took no less time.
            for position in first..<index {
                let record = records[position]
                let closeTime = record.openTime &+ lengths[Int(record.length)]
                precondition(closeTime >= time, "Invariant: engine time is monotonic")
                time = closeTime
                samples[position &- start] = EquitySample(
                    time: closeTime,
                    equity: estimate.equity(at: record.closeValue),
                    price: record.closeValue,
                    flags: flags
                )
            }
            // The books of the bars taken, as the last of them left them. The slot is asked for here, after the
            // strategy may have kept a copy of the state on the stretch before, so it is written in unique storage.
            guard let bar = compact.bar(at: index &- 1) else { preconditionFailure("Invariant: a stretch holds bars") }
            statePointer.pointee.now = bar.closeTime
            statePointer.pointee.sequence &+= UInt64(truncatingIfNeeded: scan.taken)
            statePointer.pointee.market.uniqueSlot(run.instrument).pointee.record(bar)
            if scan.acts {
                cell.value.actOnScannedBar(bar, context: &context)
                if !run.commands.pointee.isEmpty { return index &- start }
            }
            // A stretch cut short by a record that is not a bar of the instrument ends the run there.
            if index == stretchEnd && stretchEnd < limit { break }
        }
        return index &- start
    }
}
