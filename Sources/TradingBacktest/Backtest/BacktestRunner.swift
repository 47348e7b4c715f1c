public import TradingCore
public import TradingEngine
import TradingMarketData

/// Drives one engine against the simulated exchange over replayed market data.
///
/// For each event, in replay order: requests and timers due at or before its time are delivered (a
/// request arrives `latency` after it left the engine); the exchange matches the event and its reports go
/// to the engine; then the engine processes the event itself, so strategies see fills before the data
/// that follows them; finally equity is sampled. See `docs/engine.md`.
///
/// A runner shares the statistics its samples feed (``AnalyticsPipeline``) with its copies: copy one only
/// before its first event or after its run has finished.
public struct BacktestRunner {
    public let configuration: BacktestConfiguration
    public private(set) var engine: Engine
    /// The simulated venue. Between steps of a run it may not yet know the last quiet bar's close (see
    /// `venueClose`); it is shown the close before it acts and when the run finishes.
    public private(set) var exchange: SimulatedExchange
    private var clock = SimulatedClock(start: .zero)
    /// Requests on their way to the venue, in arrival order, from `inFlightHead` on, with their arrival
    /// times alongside. Latency is constant, so arrival order is sending order.
    private var inFlight: ScratchBuffer<RiskApproved<ExecutionRequest>> = []
    private var arrivals: ScratchBuffer<Timestamp> = []
    private var inFlightHead = 0
    private let latency: Int64
    /// The statistics and charts the equity samples feed, in batches (see ``AnalyticsPipeline``).
    private let analytics: AnalyticsPipeline
    /// Equity samples not yet handed to `analytics`: the first `sampleCount` of a buffer of
    /// ``AnalyticsPipeline/batchCapacity``.
    private var samples = [EquitySample](repeating: .zero, count: AnalyticsPipeline.batchCapacity)
    private var sampleCount = 0
    /// The start of the performance period, when it opened after the last batch was handed over.
    private var pendingPeriodStart: Int64?
    private var trades: [TradeRecord] = []
    /// The buy-and-hold benchmark over the same events.
    private var buyAndHold: BuyAndHold
    private var anomalies: [String] = []
    private var eventCount = 0
    private var barCount = 0
    private var started = false
    /// Whether a priced event (bar, trade, quote or book) has been seen: the performance period starts there.
    private var priced = false
    /// Buffers reused for every event.
    private var output = EngineOutput()
    private var reports: ScratchBuffer<AccountEvent> = []
    private var arrivalReports: ScratchBuffer<AccountEvent> = []
    private var lastTime = Timestamp.zero
    /// The last close the venue has not been shown yet. While a bar would only update the venue's last
    /// close (``SimulatedExchange/barOnlyRecords(_:)``), the runner keeps it here and hands it over just
    /// before the venue next acts (``flushVenueClose()``), instead of writing into the venue on every bar.
    private var venueCloseInstrument: InstrumentIndex?
    /// An instrument for which ``SimulatedExchange/barOnlyRecords(_:)`` held when last asked. It stays true
    /// until the venue next acts (a request, a report, a bar or tick it matches), so it is forgotten
    /// whenever the runner hands the venue anything but a close.
    private var quietVenueInstrument: InstrumentIndex?
    private var venueClose = Price.zero
    private var venueCloseTime = Timestamp.zero
    /// Whether quiet stretches of bars go to the engine as runs (`stepBarRun`). Results are the same either
    /// way; tests turn it off to prove that.
    var usesBarRuns = true
    /// Bars the engine took in runs of more than one (for tests).
    private(set) var barsInRuns = 0
    /// Whether the run's statistics and charts were fed on a thread of their own (for tests).
    var analyticsThreadStarted: Bool { analytics.startedThread }
    /// Receives every equity sample.
    public var equityObserver: (any EquityObserver)?
    /// Receives every risk decision, approved or refused, with its inputs. Set it before the run: without
    /// one the engine does not record decisions (`OutputDetail`).
    public var decisionObserver: (any RiskDecisionObserver)?

    /// - Throws: ``BacktestError/configuration(_:)`` when the engine cannot be built.
    public init(configuration: BacktestConfiguration, strategies: [any Strategy]) throws(BacktestError) {
        self.configuration = configuration
        do {
            engine = try Engine(configuration: configuration.engine, strategies: strategies)
        } catch {
            throw .configuration(error.description)
        }
        let engineConfiguration = configuration.engine
        exchange = SimulatedExchange(
            configuration: configuration.exchange,
            instruments: engineConfiguration.instruments,
            accountCurrency: engineConfiguration.accountCurrency,
            balances: engineConfiguration.balances,
            leverage: engineConfiguration.leverage
        )
        latency = configuration.latency.totalNanoseconds
        buyAndHold = BuyAndHold(
            instruments: engineConfiguration.instruments.count,
            chartPoints: configuration.chartPoints
        )
        analytics = AnalyticsPipeline(
            analytics: RunAnalytics(
                initialEquity: engine.state.equity.doubleValue,
                chartPoints: configuration.chartPoints,
                overlays: configuration.chartOverlays
            ),
            mayUseThread: configuration.analyticsThread
        )
    }

    /// Runs over merged file sources.
    /// - Parameter progress: called now and then with the fraction of input read.
    /// - Throws: ``BacktestError`` for bad data or a range without data.
    public mutating func run(
        _ merger: inout ReplayMerger,
        progress: ((Double) -> Void)? = nil
    ) throws(BacktestError)
        -> BacktestResult
    {
        // Events are read a chunk at a time, so that quiet stretches of bars can go to the engine as runs
        // (see `run(chunk:)`); a chunk is 128 KB, however long the files.
        var chunk: ScratchBuffer<MarketEvent> = []
        var chunks = 0
        do {
            while true {
                chunk.removeAll()
                while chunk.count < Self.chunkSize, let event = try merger.next() { chunk.append(event) }
                if chunk.isEmpty { break }
                chunk.withUnsafeBufferPointer { run(chunk: $0) }
                chunks += 1
                if chunks & 15 == 0, let progress { progress(merger.progress) }
            }
        } catch {
            throw .data(error)
        }
        progress?(1)
        guard eventCount > 0 else {
            var spans: [String] = []
            for source in merger.sources {
                if let span = source.span {
                    spans.append("\(source.name) spans \(span.lowerBound) to \(span.upperBound)")
                } else {
                    spans.append("\(source.name) has no rows")
                }
            }
            throw .noData("no market data in the requested time range; " + spans.joined(separator: "; "))
        }
        return finish()
    }

    /// Runs over events already in memory (benchmarks, tests).
    public mutating func run(events: [MarketEvent]) -> BacktestResult {
        // Room for one round trip per 32 events, reserved up front: the trade list then grows in place
        // (memory is only touched as trades arrive) instead of being copied as it doubles.
        trades.reserveCapacity(events.count / 32)
        events.withUnsafeBufferPointer { run(chunk: $0) }
        return finish()
    }

    /// Runs over events held in an ``EventTape``: the same result as ``run(events:)`` on the tape's
    /// events. The engine reads quiet stretches of bars from the tape's compact records.
    public mutating func run(tape: EventTape) -> BacktestResult {
        trades.reserveCapacity(tape.count / 32)
        tape.withBars { bars in
            buyAndHold.add(bars) { tape.otherEvent(at: $0) }
            var index = 0
            while index < bars.count {
                guard let bar = bars.bar(at: index) else {
                    step(tape.otherEvent(at: index))
                    index += 1
                    continue
                }
                index += take(bar, at: index, of: bars)
            }
        }
        return finish()
    }

    /// Events read from files per chunk.
    static let chunkSize = 1_024
    /// The most bars the engine takes in one run: their equity estimates stay in the first-level cache.
    static let barRunLimit = 512

    /// Processes `buffer` in order, the same as ``step(_:)-(MarketEvent)`` on each event. A bar that would
    /// take the quiet path of ``step(_:)-(Bar)`` starts a run of bars that the engine processes in one call
    /// (`Engine.processBarRun`); everything else is stepped one event at a time.
    private mutating func run(chunk buffer: UnsafeBufferPointer<MarketEvent>) {
        // The benchmark reads the chunk on its own (a few events of it), so the engine's bar runs stay as they are.
        buyAndHold.add(buffer)
        var index = 0
        while index < buffer.count {
            guard case .bar(let bar) = buffer[index] else {
                step(buffer[index])
                index += 1
                continue
            }
            index += take(bar, at: index, of: buffer)
        }
    }

    /// The quiet path of ``step(_:)-(Bar)`` for a run of bars starting with `first`, at `start` of `input`:
    /// the engine processes them in one call and writes the sample of each bar that left no output straight
    /// into the batch, as `step` would have sampled it; the last bar, if it left output, is finished as
    /// `step` finishes it. Between the bars of a run nothing is due and the venue only notes the close, so
    /// the order of work is the same as bar by bar. Returns the number of bars taken. Generic over where the
    /// bars are read from (`BarRunInput`), so that it is specialised for each without a call through a
    /// closure.
    @inline(__always)
    private mutating func stepBarRun<Input: BarRunInput>(_ input: Input, first: Bar, from start: Int) -> Int {
        if sampleCount + Self.barRunLimit > AnalyticsPipeline.batchCapacity { handOverSamples() }
        // No bar of a run fills anything, so whether a position is open is the same before and after each
        // of them; all its bars are of one instrument.
        let flags =
            (engine.hasOpenPositions ? EquitySample.positionOpen : 0)
            | (first.instrument.value == 0 ? EquitySample.chartsPrice : 0)
        let used = sampleCount
        let (count, sampled) = samples.withUnsafeMutableBufferPointer { batch in
            input.processBarRun(
                on: &engine,
                from: start,
                samples: UnsafeMutableBufferPointer(rebasing: batch[used..<used + Self.barRunLimit]),
                flags: flags,
                into: &output
            )
        }
        let last = input.runBar(at: start + count - 1)
        if sampled > 0 {
            // Only the first call of `startPeriod` counts.
            startPeriod(at: first.openTime)
            sampleCount += sampled
        }
        barCount += sampled
        if count > 1 { barsInRuns += count }
        let time = last.closeTime
        noteQuietClose(of: last, at: time)
        eventCount += count
        lastTime = time
        if sampled < count {
            // The last bar left output (or the engine took the bar on its own): finish it as `step` does.
            routeQuietOutput(at: time)
            finishBar(last, at: time)
        }
        return count
    }

    /// A bar at `index` of `input`: stepped on its own, or the first of a bar run when it is quiet (or the
    /// venue is quiet once it has matched it). Returns the number of bars taken.
    @inline(__always)
    private mutating func take<Input: BarRunInput>(_ bar: Bar, at index: Int, of input: Input) -> Int {
        if !usesBarRuns {
            step(bar)
            return 1
        }
        if isQuiet(bar.instrument) { return stepBarRun(input, first: bar, from: index) }
        return stepBusyBar(input, bar, at: index)
    }

    /// ``step(_:)-(Bar)`` for a bar that is not quiet, at `index` of `input`, in a run that takes bar runs:
    /// the venue matches the bar and its reports are delivered, as `step` does. If that leaves nothing due
    /// and the venue quiet (the usual bar after a fill), the engine takes the bar as the first of a run
    /// (the venue is shown its close again when it next acts, which changes nothing); otherwise it is
    /// finished as `step` finishes it. Returns the number of bars taken.
    @inline(__always)
    private mutating func stepBusyBar<Input: BarRunInput>(_ input: Input, _ bar: Bar, at index: Int) -> Int {
        let time = bar.closeTime
        prepareVenue(at: time)
        exchange.process(bar, into: &reports)
        if !reports.isEmpty { deliverReports(at: time) }
        if isQuiet(bar.instrument) { return stepBarRun(input, first: bar, from: index) }
        engine.process(bar: bar, at: time, into: &output)
        endStep(at: time)
        finishBar(bar, at: time)
        return 1
    }

    /// Processes one market event and everything due before it.
    @inline(__always)
    public mutating func step(_ event: MarketEvent) {
        if case .bar(let bar) = event {
            step(bar)
            return
        }
        let time = event.receivedTime
        prepareVenue(at: time)
        exchange.process(event, into: &reports)
        if !reports.isEmpty { deliverReports(at: time) }
        engine.process(market: event, at: time, into: &output)
        endStep(at: time)
        switch event {
        case .funding:
            // Funding before any price (a funding file that starts earlier) does not open the period.
            if priced { sampleEquity(at: time) }
        case .trade(let trade):
            startPeriod(at: trade.exchangeTime)
            sampleEquity(
                at: time,
                chartPrice: trade.instrument.value == 0 ? engine.state.market.markEstimate(trade.instrument) : nil
            )
        default:
            startPeriod(at: event.exchangeTime)
            sampleEquity(at: time)
        }
    }

    /// Processes one bar and everything due before it: the same as `step(.bar(bar))`.
    @inline(__always)
    public mutating func step(_ bar: Bar) {
        let time = bar.closeTime
        if isQuiet(bar.instrument) {
            // Nothing is due and the venue would only note the close: it is shown the close when it next
            // acts. The same as the general path below, without touching the venue on every bar.
            noteQuietClose(of: bar, at: time)
            engine.process(bar: bar, at: time, into: &output)
            routeQuietOutput(at: time)
            eventCount += 1
            lastTime = time
        } else {
            prepareVenue(at: time)
            exchange.process(bar, into: &reports)
            if !reports.isEmpty { deliverReports(at: time) }
            engine.process(bar: bar, at: time, into: &output)
            endStep(at: time)
        }
        finishBar(bar, at: time)
    }

    /// Before the venue matches an event at `time`: it gets the close it has not been shown, what is due
    /// before `time` is delivered, and it is no longer taken to be quiet.
    @inline(__always)
    private mutating func prepareVenue(at time: Timestamp) {
        flushVenueClose()
        catchUp(to: time)
        quietVenueInstrument = nil
    }

    /// Whether a bar of `instrument` takes the quiet path: the run has started, nothing is due (no request
    /// in flight, no timer) and the venue would only note the close.
    @inline(__always)
    private mutating func isQuiet(_ instrument: InstrumentIndex) -> Bool {
        started && inFlightHead == inFlight.count && !clock.hasTimers && venueOnlyRecords(instrument)
    }

    /// Moves the clock to a quiet bar's close and keeps the close for the venue (see `venueClose`).
    @inline(__always)
    private mutating func noteQuietClose(of bar: Bar, at time: Timestamp) {
        clock.advance(to: time)
        if let pending = venueCloseInstrument, pending != bar.instrument { flushVenueClose() }
        venueCloseInstrument = bar.instrument
        venueClose = bar.close
        venueCloseTime = time
    }

    /// Routes what a quiet bar's engine call produced, if anything, once the venue has its close.
    @inline(__always)
    private mutating func routeQuietOutput(at time: Timestamp) {
        guard !output.isEmpty else { return }
        flushVenueClose()
        routeOutput(at: time)
        if latency == 0 && inFlightHead < inFlight.count { drain(upTo: time) }
    }

    /// What every bar ends with: the performance period, the equity sample and the price chart.
    /// Transparent: `@inline(__always)` left it a call with the bar copied for it.
    @_transparent
    private mutating func finishBar(_ bar: Bar, at time: Timestamp) {
        startPeriod(at: bar.openTime)
        sampleEquity(at: time, chartPrice: bar.instrument.value == 0 ? bar.closeValue : nil)
        barCount += 1
    }

    /// ``SimulatedExchange/barOnlyRecords(_:)``, asked once per instrument until the venue next acts.
    @inline(__always)
    private mutating func venueOnlyRecords(_ instrument: InstrumentIndex) -> Bool {
        if quietVenueInstrument == instrument { return true }
        guard exchange.barOnlyRecords(instrument) else { return false }
        quietVenueInstrument = instrument
        return true
    }

    /// Hands the venue the close it has not been shown yet (see `venueClose`).
    @inline(__always)
    private mutating func flushVenueClose() {
        if let instrument = venueCloseInstrument {
            exchange.recordClose(venueClose, at: venueCloseTime, of: instrument)
            venueCloseInstrument = nil
        }
    }

    /// Starts the run on its first event, delivers what is due before `time` and moves the clock there.
    @inline(__always)
    private mutating func catchUp(to time: Timestamp) {
        if !started { begin(at: time) }
        if inFlightHead < inFlight.count || clock.hasTimers { drain(upTo: time) }
        clock.advance(to: time)
    }

    private mutating func begin(at time: Timestamp) {
        started = true
        // Risk decisions are recorded only for an observer; every order is checked all the same. The run keeps
        // only closed round trips from the facts; the audit trail still digests every fact.
        engine.outputDetail = OutputDetail(riskDecisions: decisionObserver != nil, facts: false)
        clock = SimulatedClock(start: time)
        output = engine.start(at: time)
        routeOutput(at: time)
    }

    /// Routes the engine's output for the event and delivers what a zero latency makes due at once.
    @inline(__always)
    private mutating func endStep(at time: Timestamp) {
        routeOutput(at: time)
        if latency == 0 && inFlightHead < inFlight.count { drain(upTo: time) }
        eventCount += 1
        lastTime = time
    }

    /// Feeds the venue's reports in `reports` to the engine, in order.
    private mutating func deliverReports(at time: Timestamp) {
        // Taken out of `self` while they are delivered (see `deliver`).
        var delivered: ScratchBuffer<AccountEvent> = []
        swap(&delivered, &reports)
        deliver(&delivered, at: time)
        swap(&delivered, &reports)
    }

    /// Feeds `reports` to the engine, in order, and empties them (keeping the storage). The caller takes the
    /// buffer out of `self` first, so that the reports are read where they lie: read from `self` while the
    /// engine (also part of `self`) changed, each report (256 bytes) was first copied out, and a fill then
    /// copied again out of its report.
    @inline(__always)
    private mutating func deliver(_ reports: inout ScratchBuffer<AccountEvent>, at time: Timestamp) {
        reports.withUnsafeBufferPointer { buffer in
            guard let first = buffer.baseAddress else { return }
            for index in buffer.indices {
                let report = first + index
                let handed = AccountEvent.withFill(at: report) { fill in
                    engine.process(fill: fill.pointee, at: time, into: &output)
                }
                if !handed { engine.process(reportAt: report, at: time, into: &output) }
                routeOutput(at: time)
            }
        }
        reports.removeAll()
    }

    /// Opens the performance period at the first priced event.
    @inline(__always)
    private mutating func startPeriod(at time: Timestamp) {
        if priced { return }
        priced = true
        // Every sample comes after this, so the period opens before the batch that holds the first one.
        pendingPeriodStart = time.nanoseconds
    }

    /// Transparent: `@inline(__always)` left it a call from the bar loop (about 20 instructions a bar).
    @_transparent
    private mutating func sampleEquity(at time: Timestamp, chartPrice: Double? = nil) {
        let sample = EquitySample(
            time: time.nanoseconds,
            equity: engine.state.equityEstimate,
            positionOpen: engine.hasOpenPositions,
            chartPrice: chartPrice
        )
        // A bar run may have filled the buffer to the last place.
        if sampleCount == AnalyticsPipeline.batchCapacity { handOverSamples() }
        samples.withUnsafeMutableBufferPointer { $0[sampleCount] = sample }
        sampleCount += 1
    }

    /// Hands the samples so far to the statistics, the charts and the equity observer.
    @inline(never)
    private mutating func handOverSamples() {
        analytics.handOver(&samples, count: sampleCount, periodStart: pendingPeriodStart, observer: equityObserver)
        sampleCount = 0
        pendingPeriodStart = nil
    }

    /// Delivers requests and fires timers due at or before `time`, in time order (requests first on ties).
    private mutating func drain(upTo time: Timestamp) {
        while true {
            let requestTime = inFlightHead < inFlight.count ? arrivals[inFlightHead] : nil
            let timerTime = clock.hasTimers ? clock.nextDeadline() : nil
            if let requestTime, requestTime <= time, timerTime.map({ requestTime <= $0 }) ?? true {
                let arrival = arrivals[inFlightHead]
                clock.advance(to: arrival)
                quietVenueInstrument = nil
                // The request is read where it lies, from the queue taken out of `self` meanwhile: read from
                // `self` while the venue (also part of `self`) changed, it was first copied out (500 bytes).
                var queue: ScratchBuffer<RiskApproved<ExecutionRequest>> = []
                swap(&queue, &inFlight)
                queue.withUnsafeBufferPointer { requests in
                    exchange.receive(at: requests.baseAddress! + inFlightHead, at: arrival, into: &arrivalReports)
                }
                swap(&queue, &inFlight)
                inFlightHead += 1
                if inFlightHead == inFlight.count {
                    inFlight.removeAll()
                    arrivals.removeAll()
                    inFlightHead = 0
                }
                if !arrivalReports.isEmpty {
                    var delivered: ScratchBuffer<AccountEvent> = []
                    swap(&delivered, &arrivalReports)
                    deliver(&delivered, at: arrival)
                    swap(&delivered, &arrivalReports)
                }
            } else if timerTime != nil, let fired = clock.fireNext(notAfter: time) {
                engine.process(.timer(fired), at: fired.scheduledTime, into: &output)
                routeOutput(at: fired.scheduledTime)
            } else {
                return
            }
        }
    }

    /// Sends the engine's last output on: timers to the clock, requests towards the venue, facts to the
    /// record.
    @inline(__always)
    private mutating func routeOutput(at time: Timestamp) {
        if output.isEmpty { return }
        if !output.timers.isEmpty { clock.apply(output.timers) }
        if !output.requests.isEmpty {
            let arrival = time.advanced(byNanoseconds: latency)
            for _ in output.requests.indices { arrivals.append(arrival) }
            output.moveRequests(to: &inFlight)
        }
        if !output.facts.isEmpty { record(output.facts) }
        if !output.decisions.isEmpty, let decisionObserver {
            for decision in output.decisions { decisionObserver.record(decision) }
        }
        if !output.anomalies.isEmpty {
            for message in output.anomalies where anomalies.count < 100 { anomalies.append(message) }
        }
    }

    /// Keeps the closed round trips; the engine's ``AuditTrail`` already counts and digests every fact.
    private mutating func record(_ facts: ScratchBuffer<EngineFact>) {
        facts.withUnsafeBufferPointer { buffer in
            for index in buffer.indices {
                // The case is tested first without binding: binding in the test copied every fact (over
                // 400 bytes) out of the buffer to look at it.
                guard case .positionClosed = buffer[index] else { continue }
                if case .positionClosed(let closed) = buffer[index] { trades.append(TradeRecord(closed)) }
            }
        }
    }

    private mutating func finish() -> BacktestResult {
        let end = lastTime
        flushVenueClose()
        if started {
            output = engine.stop(at: end)
            routeOutput(at: end)
            drain(upTo: end)
        }
        let state = engine.state
        let audit = state.audit
        let currency = state.portfolio.accountCurrency
        let initial = Money(
            raw: configuration.engine.balances.filter { $0.currency == currency }.reduce(0) { $0 + $1.raw },
            currency: currency
        )
        let final = state.equity
        var analytics = analytics.finish(
            &samples,
            count: sampleCount,
            periodStart: pendingPeriodStart,
            observer: equityObserver
        )
        sampleCount = 0
        pendingPeriodStart = nil
        let summary = analytics.accumulator.summary(
            currency: currency,
            initial: initial,
            final: final,
            endTime: end.nanoseconds,
            trades: trades,
            fees: Money(raw: audit.feesRaw, currency: currency),
            funding: Money(raw: audit.fundingRaw, currency: currency)
        )
        let positions = state.portfolio.openInstruments.compactMap { state.portfolio.position(InstrumentIndex($0)) }
        return BacktestResult(
            summary: summary,
            trades: trades,
            instruments: state.instruments,
            equityCurve: analytics.equityChart.points,
            priceSeries: analytics.priceChart.points,
            overlaySeries: analytics.overlays.map { ($0.overlay, $0.chart.points.map(\.last)) },
            finalBalances: state.portfolio.balances,
            openPositions: positions,
            openOrderCount: state.orders.openCount,
            eventCount: eventCount,
            barCount: barCount,
            orderCount: audit.ordersSubmitted,
            fillCount: audit.fills,
            deniedCount: audit.ordersDenied,
            rejectedCount: audit.ordersRejected,
            buyAndHold: buyAndHold.summary,
            tradingState: state.tradingState,
            stateChanges: audit.stateChanges,
            refusedByTradingState: audit.ordersRefusedByState,
            anomalies: anomalies,
            auditDigest: audit.digest.description,
            auditFactCount: audit.factCount
        )
    }
}

/// Where a bar run's bars are read from: market events, or the compact bars of an ``EventTape``.
private protocol BarRunInput {
    /// The bar at `index`, which is one of a run's.
    func runBar(at index: Int) -> Bar
    /// The engine's call for a run starting at `start`.
    func processBarRun(
        on engine: inout Engine,
        from start: Int,
        samples: UnsafeMutableBufferPointer<EquitySample>,
        flags: UInt8,
        into output: inout EngineOutput
    ) -> (bars: Int, sampled: Int)
}

extension UnsafeBufferPointer<MarketEvent>: BarRunInput {
    @inline(__always)
    fileprivate func runBar(at index: Int) -> Bar {
        guard case .bar(let bar) = self[index] else { preconditionFailure("A bar run holds bars only") }
        return bar
    }

    @inline(__always)
    fileprivate func processBarRun(
        on engine: inout Engine,
        from start: Int,
        samples: UnsafeMutableBufferPointer<EquitySample>,
        flags: UInt8,
        into output: inout EngineOutput
    ) -> (bars: Int, sampled: Int) {
        engine.processBarRun(self, from: start, samples: samples, flags: flags, into: &output)
    }
}

extension CompactBars: BarRunInput {
    @inline(__always)
    fileprivate func runBar(at index: Int) -> Bar {
        guard let bar = bar(at: index) else { preconditionFailure("A bar run holds bars only") }
        return bar
    }

    @inline(__always)
    fileprivate func processBarRun(
        on engine: inout Engine,
        from start: Int,
        samples: UnsafeMutableBufferPointer<EquitySample>,
        flags: UInt8,
        into output: inout EngineOutput
    ) -> (bars: Int, sampled: Int) {
        engine.processBarRun(self, from: start, samples: samples, flags: flags, into: &output)
    }
}
