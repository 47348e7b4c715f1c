public import TradingCore

extension Engine {
    /// Whether `processBarRun` may take more than one bar at a time: no exit
    /// rules and no stateful risk policy, both of which act on every bar before the strategies do.
    public var takesBarRuns: Bool { !state.exits.isEnabled && !riskWatches }

    /// Processes consecutive bars of one instrument from `events`, each at its close time, exactly as
    /// ``process(_:at:into:)-(Bar,_,_)`` would one at a time, and stops after the first bar that leaves
    /// output.
    ///
    /// The run starts at `events[start]`, which must be a bar, and goes on while the events are bars of the
    /// same instrument, for at most `samples.count` bars. After each bar whose strategy asked for nothing, its
    /// equity sample is written to `samples`: the bar's close time, the equity estimate (``equityEstimate``)
    /// as it stands after the bar, the bar's close as a `Double`, and `flags`. (No bar of a run fills
    /// anything, so whether a position is open is the same throughout.) When the run ends, `output` holds
    /// the output of its last bar, as after `process` of that bar.
    ///
    /// This is the backtest's fast path for quiet stretches, when nothing is due between the bars: the
    /// checks that do not change from bar to bar (a copied engine's strategies, exit rules, risk watches,
    /// the instrument's subscribers) are made once per run instead of once per bar. With exit rules, a
    /// stateful risk policy or several strategies on the instrument it processes one bar, through
    /// `process`.
    ///
    /// - Returns: The number of bars processed (at least one), and the number of samples written:
    ///   the same, or one less when the last bar's strategy asked for something or the engine took the bar
    ///   on its own through `process`.
    public mutating func processBarRun(
        _ events: UnsafeBufferPointer<MarketEvent>, from start: Int,
        samples: UnsafeMutableBufferPointer<EquitySample>, flags: UInt8, into output: inout EngineOutput
    ) -> (bars: Int, sampled: Int) {
        guard case .bar(let first) = events[start] else { preconditionFailure("A bar run starts at a bar") }
        return processBarRun(first: first, start: start, count: events.count, samples: samples, flags: flags, into: &output) {
            BarRun(
                events: events, compact: nil, start: start, end: $0, instrument: first.instrument, slot: $1,
                statePointer: $2, commands: $3, samples: samples, flags: flags)
        }
    }

    /// The same as the run over market events above, on compact bars (``CompactBars``), which the run
    /// builds one at a time as it reads them: `bars.bar(at: start)` must be a bar, and the run goes on while
    /// the records are bars of the same instrument.
    public mutating func processBarRun(
        _ bars: CompactBars, from start: Int,
        samples: UnsafeMutableBufferPointer<EquitySample>, flags: UInt8, into output: inout EngineOutput
    ) -> (bars: Int, sampled: Int) {
        guard let first = bars.bar(at: start) else { preconditionFailure("A bar run starts at a bar") }
        return processBarRun(first: first, start: start, count: bars.count, samples: samples, flags: flags, into: &output) {
            BarRun(
                events: UnsafeBufferPointer(start: nil, count: 0), compact: bars, start: start, end: $0,
                instrument: first.instrument, slot: $1, statePointer: $2, commands: $3, samples: samples, flags: flags)
        }
    }

    /// What both kinds of bar run share: `makeRun` gets the run's end, the strategy's slot, the state and
    /// the command buffer.
    @inline(__always)
    private mutating func processBarRun(
        first: Bar, start: Int, count: Int, samples: UnsafeMutableBufferPointer<EquitySample>, flags: UInt8,
        into output: inout EngineOutput,
        makeRun: (Int, Int, UnsafeMutablePointer<EngineState>, UnsafeMutablePointer<ScratchBuffer<StrategyCommand>>) -> BarRun
    ) -> (bars: Int, sampled: Int) {
        let subscribers = subscriberRanges[first.instrument.int]
        guard takesBarRuns && subscribers.count == 1 && samples.count > 1 else {
            process(first, at: first.closeTime, into: &output)
            return (1, 0)
        }
        let slot = subscriberList[subscribers.lowerBound]
        let end = min(count, start + samples.count)
        // The strategy cannot reach the boxes from its context, so one check serves the whole run.
        slots.makeUnique()
        let processed = withUnsafeMutablePointer(to: &state) { statePointer in
            withUnsafeMutablePointer(to: &commandBuffer) { commands in
                slots.withBox(slot) { box in box.onBars(makeRun(end, slot, statePointer, commands)) }
            }
        }
        output.reset(sequence: state.sequence)
        guard !commandBuffer.isEmpty else { return (processed, processed) }
        applyCommands(slot: slot, output: &output)
        if notificationHead < notifications.count { deliverNotifications(output: &output) }
        return (processed, processed - 1)
    }

    /// The loop of `processBarRun`: per bar, what `process` does for a bar with one
    /// subscriber and nothing else watching, up to the strategy's first command. Compiled for each
    /// strategy's type inside its box (``StrategyBox``), so that the strategy's `onBar` is inlined into the
    /// loop instead of being called through the box once per bar.
    @usableFromInline @inline(__always)
    static func runBars<S: Strategy>(_ run: BarRun, _ cell: StrategyCell<S>) -> Int {
        // Only this loop writes the market state during the run, so it writes the instrument's slot through
        // its address, and checks the storage's uniqueness again only when the strategy may have kept a copy
        // of the state. Where the layout allows, the bar is copied from the event straight into the slot (a
        // copy through the stack, in stores and loads of different widths, stalls the loads on the stores).
        // The loop is compiled once for each way of copying, so that neither carries the other's work.
        // Compact bars are read but not stored: the instrument's slot notes the record's index and the close
        // (``MarketState/Slot/recordCompact(_:at:)``), and gets the whole bar once, when the run ends.
        if let compact = run.compact {
            let market = run.statePointer.pointer(to: \.market)!
            if S.scansQuietBars, let taken = scanBars(run, cell, compact, market) { return taken }
            return runBars(
                run, cell, read: { compact.bar(at: $0) },
                store: { slot, bar, index in slot.pointee.recordCompact(bar, at: index) },
                atStart: { slot in MarketState.beginCompactRun(market, slot, compact, run.instrument) },
                atEnd: { slot in MarketState.endCompactRun(market, slot) })
        }
        let events = run.events
        let read: (Int) -> Bar? = {
            guard case .bar(let bar) = events[$0] else { return nil }
            return bar
        }
        if MarketEvent.barLiesAtStart, let base = events.baseAddress {
            let barOffset = MarketState.slotBarOffset
            return runBars(run, cell, read: read) { slot, bar, index in
                (UnsafeMutableRawPointer(slot) + barOffset).copyMemory(from: base + index, byteCount: MemoryLayout<Bar>.size)
                slot.pointee.notePrice(of: bar)
            }
        }
        return runBars(run, cell, read: read) { slot, bar, _ in slot.pointee.record(bar) }
    }

    @usableFromInline @inline(__always)
    static func runBars<S: Strategy>(
        _ run: BarRun, _ cell: StrategyCell<S>, read: (Int) -> Bar?,
        store: (UnsafeMutablePointer<MarketState.Slot>, Bar, Int) -> Void,
        atStart: (UnsafeMutablePointer<MarketState.Slot>) -> Void = { _ in },
        atEnd: (UnsafeMutablePointer<MarketState.Slot>) -> Void = { _ in }
    ) -> Int {
        // The run's fields are read into locals once: read from `run` (passed by address), they were loaded
        // again on every bar, as the writes through `statePointer` might have changed them.
        let statePointer = run.statePointer
        let commands = run.commands
        let instrument = run.instrument
        let start = run.start
        let end = run.end
        let flags = run.flags
        guard let samples = run.samples.baseAddress else { return 0 }
        var marketSlot = statePointer.pointee.market.uniqueSlot(instrument)
        // Nothing in a run changes the portfolio, and only this instrument's mark moves: the estimate is a
        // line in the bar's close, its coefficients read once (when only this instrument has exposure).
        let estimate = statePointer.pointee.portfolio.equityEstimateLine(instrument.int)
        // One context serves every bar of the run: it only points at the state and the command buffer.
        var context = StrategyContext(statePointer: statePointer, commands: commands, slot: run.slot)
        var index = start
        atStart(marketSlot)
        defer { atEnd(marketSlot) }
        repeat {
            guard let bar = read(index), bar.instrument == instrument else { break }
            let now = bar.closeTime
            precondition(now >= statePointer.pointee.now, "Invariant: engine time is monotonic")
            statePointer.pointee.now = now
            statePointer.pointee.sequence &+= 1
            if _slowPath(statePointer.pointee.market.mayBeShared) {
                marketSlot = statePointer.pointee.market.uniqueSlot(instrument)
            }
            store(marketSlot, bar, index)
            cell.value.onBar(bar, context: &context)
            // Wrapping arithmetic: `start ≤ index < end ≤ events.count`, so none of it overflows, and the loop
            // carries no overflow checks.
            if !commands.pointee.isEmpty { return index &+ 1 &- start }
            let equity = estimate?.equity(at: bar.closeValue) ?? statePointer.pointee.equityEstimate
            samples[index &- start] = EquitySample(time: now.nanoseconds, equity: equity, price: bar.closeValue, flags: flags)
            index &+= 1
        } while index < end
        return index &- start
    }
}

extension Engine {
    /// How many records a scanning bar run checks ahead at a time (``scanBars(_:_:_:_:)``): a run ends at the
    /// first bar that acts with an order, so the records checked past it are wasted, while each stretch
    /// costs the strategy a load and a store of its averages.
    @usableFromInline static let scanStretch = 64

    /// ``runBars(_:_:)`` on compact bars for a strategy that scans them by their closes
    /// (``Strategy/scanQuietBars(_:)``): the same work, in another order. A stretch of records is checked
    /// first (bars of the instrument; not on a tape of one instrument's bars, ``CompactBars/uniformInstrument``); the strategy takes their closes, with its averages in registers
    /// rather than stored and reloaded around every bar, up to the bar it acts on; then the bars taken get
    /// their time checks and equity samples in a loop of their own, and the engine's time, sequence and
    /// market slot are brought to the last of them. If the strategy stopped to act, it acts with its context
    /// as `onBar` would; a bar it acts on with an order ends the run unsampled, as in the loop bar by bar.
    /// Returns `nil`, having changed nothing, when the equity is not a line in this instrument's close
    /// (another instrument has exposure); the loop bar by bar then takes the run.
    @usableFromInline @inline(__always)
    static func scanBars<S: Strategy>(
        _ run: BarRun, _ cell: StrategyCell<S>, _ compact: CompactBars, _ market: UnsafeMutablePointer<MarketState>
    ) -> Int? {
        let statePointer = run.statePointer
        guard let estimate = statePointer.pointee.portfolio.equityEstimateLine(run.instrument.int),
            let records = compact.records.baseAddress, let lengths = compact.lengths.baseAddress,
            let samples = run.samples.baseAddress
        else { return nil }
        let start = run.start
        let end = run.end
        let flags = run.flags
        let instrument = run.instrument.int
        var marketSlot = statePointer.pointee.market.uniqueSlot(run.instrument)
        MarketState.beginCompactRun(market, marketSlot, compact, run.instrument)
        defer { MarketState.endCompactRun(market, marketSlot) }
        var context = StrategyContext(statePointer: statePointer, commands: run.commands, slot: run.slot)
        // Wrapping arithmetic: `start ≤ index ≤ stretchEnd ≤ end ≤ records.count`.
        var index = start
        var time = statePointer.pointee.now.nanoseconds
        // With every record a bar of this instrument, the whole run is one stretch and nothing is checked.
        let uniform = compact.uniformInstrument == run.instrument
        while index < end {
            let limit = uniform ? end : min(end, index &+ scanStretch)
            var stretchEnd = uniform ? end : index
            while stretchEnd < limit && records[stretchEnd].isBar && Int(records[stretchEnd].instrument) == instrument {
                stretchEnd &+= 1
            }
            guard stretchEnd > index else { break }
            // The books of each bar taken (time check and sample; a bar that acts with an order is not counted),
            // kept as the strategy takes it, so that this work runs alongside the strategy's.
            let scan = cell.value.scanQuietBars(BarCloses(records: records + index, count: stretchEnd &- index))
            precondition(scan.taken > 0 && scan.taken <= stretchEnd &- index, "Invariant: a scan takes between one close and all")
            let first = index
            index &+= scan.taken
            // The bars taken: time checks and samples (a bar that acts with an order is not counted). A loop of
            // their own: run inside the strategy's, they added instructions and took no less time.
            for position in first ..< index {
                let record = records[position]
                let closeTime = record.openTime &+ lengths[Int(record.length)]
                precondition(closeTime >= time, "Invariant: engine time is monotonic")
                time = closeTime
                samples[position &- start] = EquitySample(
                    time: closeTime, equity: estimate.equity(at: record.closeValue), price: record.closeValue, flags: flags)
            }
            // The books of the bars taken, as the last of them left them.
            guard let bar = compact.bar(at: index &- 1) else { preconditionFailure("Invariant: a stretch holds bars") }
            statePointer.pointee.now = bar.closeTime
            statePointer.pointee.sequence &+= UInt64(truncatingIfNeeded: scan.taken)
            marketSlot.pointee.recordCompact(bar, at: index &- 1)
            if scan.acts {
                cell.value.actOnScannedBar(bar, context: &context)
                if !run.commands.pointee.isEmpty { return index &- start }
                // The strategy may have kept a copy of the state: the slot is written in unique storage from now.
                if _slowPath(statePointer.pointee.market.mayBeShared) {
                    marketSlot = statePointer.pointee.market.uniqueSlot(run.instrument)
                }
            }
            // A stretch cut short by a record that is not a bar of the instrument ends the run there.
            if index == stretchEnd && stretchEnd < limit { break }
        }
        return index &- start
    }
}

/// The arguments of one bar run (``Engine/runBars(_:_:)``), passed to a strategy's box in one value.
@usableFromInline
struct BarRun {
    /// The run's events, or empty when it reads ``compact``.
    @usableFromInline let events: UnsafeBufferPointer<MarketEvent>
    /// The run's bars when they are compact.
    @usableFromInline let compact: CompactBars?
    @usableFromInline let start: Int
    @usableFromInline let end: Int
    @usableFromInline let instrument: InstrumentIndex
    @usableFromInline let slot: Int
    @usableFromInline let statePointer: UnsafeMutablePointer<EngineState>
    @usableFromInline let commands: UnsafeMutablePointer<ScratchBuffer<StrategyCommand>>
    @usableFromInline let samples: UnsafeMutableBufferPointer<EquitySample>
    @usableFromInline let flags: UInt8
}
