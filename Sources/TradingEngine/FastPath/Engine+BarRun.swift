public import TradingCore

extension Engine {
    /// Whether ``processBarRun(_:from:samples:flags:into:)-(UnsafeBufferPointer<MarketEvent>,_,_,_,_)`` may
    /// take more than one bar at a time: no exit rules, no stateful risk policy and no bots, all of which act
    /// on every bar before the strategies do.
    package var takesBarRuns: Bool { !state.exits.isEnabled && !riskWatches && !state.hasBots }

    /// Processes consecutive bars of one instrument from `events`, each at its close time, exactly as
    /// `process(.market(.bar(bar)), at: bar.closeTime, into:)` would one at a time, and stops after the first
    /// bar that leaves output.
    ///
    /// The run starts at `events[start]`, which must be a bar, and goes on while the events are bars of the
    /// same instrument, for at most `samples.count` bars. After each bar whose strategy asked for nothing, its
    /// equity sample is written to `samples`: the bar's close time, the equity estimate as it stands after the
    /// bar, the bar's close as a `Double`, and `flags`. (No bar of a run fills anything, so whether a position
    /// is open is the same throughout.) When the run ends, `output` holds the output of its last bar, as after
    /// `process` of that bar.
    ///
    /// The checks that do not change from bar to bar (a copied engine's strategies, exit rules, risk watches,
    /// the instrument's subscribers) are made once per run instead of once per bar. With exit rules, a
    /// stateful risk policy or several strategies on the instrument it processes one bar, through `process`.
    ///
    /// - Returns: The number of bars processed (at least one), and the number of samples written: the same,
    ///   or one less when the last bar's strategy asked for something or the engine took the bar on its own.
    package mutating func processBarRun(
        _ events: UnsafeBufferPointer<MarketEvent>,
        from start: Int,
        samples: UnsafeMutableBufferPointer<EquitySample>,
        flags: UInt8,
        into output: inout EngineOutput
    ) -> (bars: Int, sampled: Int) {
        guard case .bar(let first) = events[start] else { preconditionFailure("A bar run starts at a bar") }
        return processBarRun(
            first: first,
            start: start,
            count: events.count,
            samples: samples,
            into: &output
        ) { end, slot, state, commands in
            BarRun(
                events: events,
                compact: nil,
                start: start,
                end: end,
                instrument: first.instrument,
                slot: slot,
                statePointer: state,
                commands: commands,
                samples: samples,
                flags: flags
            )
        }
    }

    /// The same as the run over market events above, on compact bars (``CompactBars``), which the run builds
    /// one at a time as it reads them: `bars.bar(at: start)` must be a bar, and the run goes on while the
    /// records are bars of the same instrument.
    package mutating func processBarRun(
        _ bars: CompactBars,
        from start: Int,
        samples: UnsafeMutableBufferPointer<EquitySample>,
        flags: UInt8,
        into output: inout EngineOutput
    ) -> (bars: Int, sampled: Int) {
        guard let first = bars.bar(at: start) else { preconditionFailure("A bar run starts at a bar") }
        return processBarRun(
            first: first,
            start: start,
            count: bars.count,
            samples: samples,
            into: &output
        ) { end, slot, state, commands in
            BarRun(
                events: UnsafeBufferPointer(start: nil, count: 0),
                compact: bars,
                start: start,
                end: end,
                instrument: first.instrument,
                slot: slot,
                statePointer: state,
                commands: commands,
                samples: samples,
                flags: flags
            )
        }
    }

    /// What both kinds of bar run share: `makeRun` gets the run's end, the strategy's slot, the state and
    /// the command buffer.
    @inline(__always)
    private mutating func processBarRun(
        first: Bar,
        start: Int,
        count: Int,
        samples: UnsafeMutableBufferPointer<EquitySample>,
        into output: inout EngineOutput,
        makeRun: (Int, Int, UnsafeMutablePointer<EngineState>, UnsafeMutablePointer<ScratchBuffer<StrategyCommand>>)
            -> BarRun
    ) -> (bars: Int, sampled: Int) {
        let subscribers = subscriberRanges[first.instrument.int]
        guard takesBarRuns && subscribers.count == 1 && samples.count > 1 else {
            process(bar: first, at: first.closeTime, into: &output)
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

    /// The loop of a bar run for a strategy of type `S`: per bar, what `process` does for a bar with one
    /// subscriber and nothing else watching, up to the strategy's first command. Compiled inside the
    /// strategy's box (``StrategyBox``), so that a strategy whose box is made for its own type has its
    /// `onBar` inlined into the loop.
    @usableFromInline @inline(__always)
    static func runBars<S: Strategy>(_ run: BarRun, _ cell: StrategyCell<S>) -> Int {
        if let compact = run.compact {
            return runBars(
                run,
                cell,
                read: { compact.bar(at: $0) },
                store: { slot, bar, _ in slot.pointee.record(bar) }
            )
        }
        let events = run.events
        let read: (Int) -> Bar? = {
            guard case .bar(let bar) = events[$0] else { return nil }
            return bar
        }
        // Where the layout allows, the bar is copied from the event straight into the slot (a copy through the
        // stack, in stores and loads of different widths, stalls the loads on the stores). The loop is compiled
        // once for each way of copying, so that neither carries the other's work.
        if MarketEvent.barLiesAtStart, let base = events.baseAddress {
            let barOffset = MarketState.slotBarOffset
            return runBars(run, cell, read: read) { slot, bar, index in
                (UnsafeMutableRawPointer(slot) + barOffset).copyMemory(
                    from: base + index,
                    byteCount: MemoryLayout<Bar>.size
                )
                slot.pointee.notePrice(of: bar)
            }
        }
        return runBars(run, cell, read: read) { slot, bar, _ in slot.pointee.record(bar) }
    }

    /// ``runBars(_:_:)`` with the way bars are read and stored into the instrument's market slot.
    @usableFromInline @inline(__always)
    static func runBars<S: Strategy>(
        _ run: BarRun,
        _ cell: StrategyCell<S>,
        read: (Int) -> Bar?,
        store: (UnsafeMutablePointer<MarketState.Slot>, Bar, Int) -> Void
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
        // Nothing in a run changes the portfolio, and only this instrument's mark moves: the estimate is a
        // line in the bar's close, its coefficients read once (when only this instrument has exposure).
        let estimate = statePointer.pointee.portfolio.equityEstimateLine(instrument.int)
        // One context serves every bar of the run: it only points at the state and the command buffer.
        var context = StrategyContext(statePointer: statePointer, commands: commands, slot: run.slot)
        var index = start
        repeat {
            guard let bar = read(index), bar.instrument == instrument else { break }
            let now = bar.closeTime
            precondition(now >= statePointer.pointee.now, "Invariant: engine time is monotonic")
            statePointer.pointee.now = now
            statePointer.pointee.sequence &+= 1
            // Asked for on every bar: the strategy may have kept a copy of the state on the bar before, and the
            // slot is written in unique storage (a value the strategy kept does not change).
            store(statePointer.pointee.market.uniqueSlot(instrument), bar, index)
            cell.value.onBar(bar, context: &context)
            // Wrapping arithmetic: `start ≤ index < end ≤ events.count`, so none of it overflows, and the loop
            // carries no overflow checks.
            if !commands.pointee.isEmpty { return index &+ 1 &- start }
            let equity = estimate?.equity(at: bar.closeValue) ?? statePointer.pointee.equityEstimate
            samples[index &- start] = EquitySample(
                time: now.nanoseconds,
                equity: equity,
                price: bar.closeValue,
                flags: flags
            )
            index &+= 1
        } while index < end
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
