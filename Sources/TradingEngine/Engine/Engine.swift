public import TradingCore

/// The deterministic trading engine: `(state, event, now) → (state′, output)`.
///
/// Backtest, paper and live trading drive the same engine; only the driver around it differs (where events
/// come from, where requests go). The engine does no I/O, reads no clock and draws no randomness, so the same
/// events at the same times always give the same outputs. The contract (determinism, event order, what each
/// event does, how connectivity changes and risk interact) is in `docs/engine.md`.
///
/// A driver builds an engine from an ``EngineConfiguration`` and its strategies, calls ``start(at:)`` once,
/// then ``process(_:at:into:)`` for every event in order, and ``stop(at:)`` at the end. It sends the
/// output's requests to the venue, sets and cancels the output's timers, and feeds the venue's reports,
/// the market data and the timers that fire back in as events:
///
/// ```swift
/// var engine = try Engine(configuration: configuration, strategies: [strategy])
/// var output = engine.start(at: firstEventTime)
/// for (event, time) in events {
///     engine.process(event, at: time, into: &output)
///     for request in output.requests { venue.send(request) }
/// }
/// output = engine.stop(at: lastEventTime)
/// ```
///
/// Everything else is read-only: ``state`` (market view, portfolio, orders, risk state, audit trail) and
/// ``strategies``. The backtest's fast paths are `package` API in `FastPath/`, which a host never needs.
public struct Engine: Sendable {
    /// Everything the engine knows: instruments, market view, portfolio, orders, risk state, audit trail.
    /// Only the engine changes it.
    public internal(set) var state: EngineState

    /// Builds an engine.
    /// - Throws: ``EngineConfigurationError`` for duplicate instruments or strategies, or a strategy that
    ///   subscribes to an unknown instrument.
    public init(configuration: EngineConfiguration, strategies: [any Strategy]) throws(EngineConfigurationError) {
        let wiring = try Wiring(configuration: configuration, strategies: strategies)
        state = wiring.state
        slots = StrategySlots(strategies)
        subscriberList = wiring.subscriberList
        subscriberRanges = wiring.subscriberRanges
        slotByID = wiring.slotByID
        risk = configuration.riskPolicy
        riskWatches = configuration.riskPolicy.watchesEvents
    }

    /// Rebuilds an engine from a saved state: open orders, positions, risk state and the exits working on
    /// positions carry on where they were. The configuration and strategies must be those the state was
    /// made with.
    /// - Throws: ``EngineConfigurationError`` when the instruments or strategies differ from the state's.
    public init(
        configuration: EngineConfiguration,
        strategies: [any Strategy],
        restoring saved: EngineState
    )
        throws(EngineConfigurationError)
    {
        try self.init(configuration: configuration, strategies: strategies)
        guard saved.instruments == state.instruments else {
            throw EngineConfigurationError(reason: "the saved state's instruments differ from the configuration's")
        }
        guard saved.strategies.map(\.id) == state.strategies.map(\.id) else {
            throw EngineConfigurationError(reason: "the saved state's strategies differ from the ones given")
        }
        state = saved
    }

    /// The strategies, in registration order, as they stand (for inspection after a run).
    public var strategies: [any Strategy] { slots.strategies }

    /// Calls every strategy's `onStart` at `now` (usually the time of the first event).
    public mutating func start(at now: Timestamp) -> EngineOutput {
        advance(to: now)
        var output = EngineOutput(sequence: state.sequence)
        for slot in slots.indices {
            dispatch(slot, output: &output) { strategy, context in strategy.onStart(context: &context) }
        }
        return output
    }

    /// Processes one event at time `now`, the engine's only way to change: `(state, event, now) →
    /// (state′, output)`, with no I/O, clock or randomness (`docs/engine.md` gives the contract and what
    /// each event does).
    ///
    /// - Parameters:
    ///   - event: the input: market data, a venue report, an operator command, a timer or a connectivity
    ///     change.
    ///   - now: the time the event is processed (its received time); never earlier than the previous call.
    ///   - output: cleared first, then filled with the requests for venues (all risk-approved), timer changes,
    ///     facts, risk decisions and anomalies the event produced. Keep one output and pass it to every call:
    ///     it reuses its storage.
    public mutating func process(_ event: EngineEvent, at now: Timestamp, into output: inout EngineOutput) {
        switch event {
        case .market(let market): process(market: market, at: now, into: &output)
        case .account(let account): process(account: account, at: now, into: &output)
        case .command(let command):
            advance(to: now)
            output.reset(sequence: state.sequence)
            handleCommand(command, output: &output)
            if riskWatches { evaluateRisk(output: &output) }
        case .timer(let timer):
            advance(to: now)
            output.reset(sequence: state.sequence)
            handleTimer(timer, output: &output)
            if riskWatches { evaluateRisk(output: &output) }
        case .connectivity(let change):
            advance(to: now)
            output.reset(sequence: state.sequence)
            handleConnectivity(change, output: &output)
            if riskWatches { evaluateRisk(output: &output) }
        }
    }

    /// Calls every strategy's `onStop` at `now` (usually the time of the last event).
    public mutating func stop(at now: Timestamp) -> EngineOutput {
        advance(to: now)
        var output = EngineOutput(sequence: state.sequence)
        for slot in slots.indices {
            dispatch(slot, output: &output) { strategy, context in strategy.onStop(context: &context) }
        }
        return output
    }

    // MARK: Internals

    /// The strategies, in registration order (their metadata is in ``EngineState/strategies``).
    var slots: StrategySlots
    /// The strategies subscribed to each instrument, in registration order: instrument `i`'s subscribers
    /// are `subscriberList[subscriberRanges[i]]` (one flat list, so the hot path touches no nested array).
    let subscriberList: [Int]
    let subscriberRanges: [Range<Int>]
    /// Each strategy's slot, for the order updates and fills addressed to it (a farm runs thousands).
    let slotByID: [StrategyID: Int]
    let risk: any RiskPolicy
    /// Whether the risk policy keeps state (read once: a stateless policy costs nothing per event).
    let riskWatches: Bool
    let basicRisk = BasicRiskPolicy()
    var commandBuffer: ScratchBuffer<StrategyCommand> = []
    /// What the output carries beyond the requests and timers (`FastPath/Engine+OutputDetail.swift`).
    package var outputDetail = OutputDetail()
    /// Queued notifications, delivered from `notificationHead` on.
    var notifications: ScratchBuffer<Notification> = []
    var notificationHead = 0
    var delivering = false
    static let operatorID: StrategyID = {
        do { return try StrategyID("operator") } catch { preconditionFailure("Invariant: 'operator' is a valid ID") }
    }()

    enum Notification: Sendable {
        case orderUpdate(slot: Int, OrderUpdate)
        case fill(slot: Int, OrderFilled, OrderUpdate?)
    }

}
