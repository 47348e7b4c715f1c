public import TradingCore

/// The deterministic trading engine: `(state, event, now) → (state′, output)`.
///
/// It does no I/O, reads no clock and draws no randomness; backtest, paper and live trading drive the same
/// engine and differ only in where events come from and where requests go. The contract (determinism,
/// event order, what each event does) is in `docs/engine.md`.
public struct Engine: Sendable {
    public internal(set) var state: EngineState
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
    /// Whether each risk decision is recorded, with its inputs (equity, available funds, position, last
    /// price), in ``EngineOutput/decisions`` and the audit digest. On by default; a driver that nobody
    /// reads decisions from turns it off, and the checks still run on every order (a recorded decision
    /// costs about as much as the checks themselves).
    public var recordsRiskDecisions = true
    /// Whether every fact goes into ``EngineOutput/facts``. On by default. A driver that reads only closed
    /// round trips (a backtest without a fact reader) turns it off: the output then carries just the
    /// `positionClosed` facts, and every fact still enters the audit trail and its digest.
    public var recordsFacts = true
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

    /// Builds an engine.
    /// - Throws: ``EngineConfigurationError`` for duplicate instruments or strategies, or a strategy that
    ///   subscribes to an unknown instrument.
    public init(configuration: EngineConfiguration, strategies: [any Strategy]) throws(EngineConfigurationError) {
        guard !configuration.instruments.isEmpty else { throw EngineConfigurationError(reason: "no instruments") }
        var seen = Set<InstrumentID>()
        for instrument in configuration.instruments where !seen.insert(instrument.id).inserted {
            throw EngineConfigurationError(reason: "instrument \(instrument.id) is listed twice")
        }
        let portfolio = Portfolio(
            accountCurrency: configuration.accountCurrency, instruments: configuration.instruments,
            balances: configuration.balances, leverage: configuration.leverage)
        var state = EngineState(
            instruments: configuration.instruments, portfolio: portfolio, start: configuration.startTime)
        state.orders = OrderStore(instruments: configuration.instruments, closedHistoryLimit: configuration.closedOrderHistory)
        state.exits = ExitBook(
            plans: configuration.exits, defaultPlan: configuration.defaultExits,
            nativeOrderTypes: configuration.nativeOrderTypes, instrumentCount: configuration.instruments.count)
        var subscribers = Array(repeating: [Int](), count: configuration.instruments.count)
        var slots: [any Strategy] = []
        var infos: [StrategyInfo] = []
        var strategyIDs = Set<StrategyID>()
        for strategy in strategies {
            guard strategyIDs.insert(strategy.id).inserted, strategy.id != Engine.operatorID else {
                throw EngineConfigurationError(reason: "strategy ID \(strategy.id) is used twice or reserved")
            }
            for instrumentID in strategy.subscriptions {
                guard let index = state.index(of: instrumentID) else {
                    throw EngineConfigurationError(
                        reason: "strategy \(strategy.id) subscribes to unknown instrument \(instrumentID)")
                }
                if !subscribers[index.int].contains(slots.count) { subscribers[index.int].append(slots.count) }
            }
            slots.append(strategy)
            infos.append(
                StrategyInfo(
                    id: strategy.id, sizing: configuration.sizing[strategy.id] ?? configuration.defaultSizing,
                    orderUpdates: strategy.orderUpdateInterest))
        }
        state.strategies = infos
        self.state = state
        self.slots = StrategySlots(slots)
        var list: [Int] = []
        var ranges: [Range<Int>] = []
        for instrumentSubscribers in subscribers {
            ranges.append(list.count..<(list.count + instrumentSubscribers.count))
            list.append(contentsOf: instrumentSubscribers)
        }
        subscriberList = list
        subscriberRanges = ranges
        var slotByID: [StrategyID: Int] = [:]
        for (slot, info) in infos.enumerated() { slotByID[info.id] = slot }
        self.slotByID = slotByID
        risk = configuration.riskPolicy
        riskWatches = configuration.riskPolicy.watchesEvents
    }

    /// Rebuilds an engine from a saved state: open orders, positions, risk state and the exits working on
    /// positions carry on where they were. The configuration and strategies must be those the state was
    /// made with.
    /// - Throws: ``EngineConfigurationError`` when the instruments or strategies differ from the state's.
    public init(configuration: EngineConfiguration, strategies: [any Strategy], restoring saved: EngineState)
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

    /// The strategies, in registration order (for inspection after a run).
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

    /// Calls every strategy's `onStop`.
    public mutating func stop(at now: Timestamp) -> EngineOutput {
        advance(to: now)
        var output = EngineOutput(sequence: state.sequence)
        for slot in slots.indices {
            dispatch(slot, output: &output) { strategy, context in strategy.onStop(context: &context) }
        }
        return output
    }

    /// Processes one event at time `now`.
    ///
    /// - Parameters:
    ///   - event: the input.
    ///   - now: the time the event is processed (its received time); never earlier than the previous call.
    /// - Returns: requests for venues (all risk-approved), timer changes and the audit facts.
    public mutating func process(_ event: EngineEvent, at now: Timestamp) -> EngineOutput {
        var output = EngineOutput()
        process(event, at: now, into: &output)
        return output
    }

    /// Processes one event into `output`, which is cleared first and reuses its storage: the same as
    /// ``process(_:at:)`` without allocating on quiet events.
    public mutating func process(_ event: EngineEvent, at now: Timestamp, into output: inout EngineOutput) {
        switch event {
        case .market(let market): process(market, at: now, into: &output)
        case .account(let account): process(account, at: now, into: &output)
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
        }
    }

    /// Processes a market event: the same as `process(.market(event), at:into:)`.
    public mutating func process(_ event: MarketEvent, at now: Timestamp, into output: inout EngineOutput) {
        advance(to: now)
        output.reset(sequence: state.sequence)
        handleMarket(event, output: &output)
    }

    /// Processes a bar: the same as `process(.market(.bar(bar)), at:into:)`, without wrapping the bar.
    public mutating func process(_ bar: Bar, at now: Timestamp, into output: inout EngineOutput) {
        advance(to: now)
        output.reset(sequence: state.sequence)
        handleBar(bar, output: &output)
    }

    /// Processes a venue's fill report: the same as `process(.account(.filled(fill)), at:into:)`.
    public mutating func process(_ fill: OrderFilled, at now: Timestamp, into output: inout EngineOutput) {
        advance(to: now)
        output.reset(sequence: state.sequence)
        handleFill(fill, output: &output)
        deliverNotifications(output: &output)
        if riskWatches { evaluateRisk(output: &output) }
    }

    /// Processes a venue report: the same as `process(.account(event), at:into:)`.
    public mutating func process(_ event: AccountEvent, at now: Timestamp, into output: inout EngineOutput) {
        withUnsafePointer(to: event) { process(reportAt: $0, at: now, into: &output) }
    }

    /// ``process(_:at:into:)-(AccountEvent,_,_)`` of the report at `event`, read where it lies, for a driver
    /// that holds its reports in a buffer.
    public mutating func process(reportAt event: UnsafePointer<AccountEvent>, at now: Timestamp, into output: inout EngineOutput) {
        advance(to: now)
        output.reset(sequence: state.sequence)
        handleAccount(at: event, output: &output)
        if riskWatches { evaluateRisk(output: &output) }
    }

    @usableFromInline
    mutating func advance(to now: Timestamp) {
        precondition(now >= state.now, "Invariant: engine time is monotonic")
        state.now = now
        state.sequence &+= 1
    }

    /// Runs one strategy callback with a context over the state, then applies what it asked for.
    @inline(__always)
    mutating func dispatch(
        _ slot: Int, output: inout EngineOutput,
        _ body: (StrategyBox, inout StrategyContext) -> Void
    ) {
        slots.makeUnique()
        withUnsafeMutablePointer(to: &state) { statePointer in
            withUnsafeMutablePointer(to: &commandBuffer) { commands in
                var context = StrategyContext(statePointer: statePointer, commands: commands, slot: slot)
                slots.withBox(slot) { body($0, &context) }
            }
        }
        if !commandBuffer.isEmpty { applyCommands(slot: slot, output: &output) }
    }

    /// Tells a strategy about an order update: at once when no delivery is running, else after it.
    @inline(__always)
    mutating func notify(_ slot: Int, _ update: OrderUpdate, output: inout EngineOutput) {
        guard wantsUpdate(slot, update.status) else { return }
        guard !delivering else {
            notifications.append(.orderUpdate(slot: slot, update))
            return
        }
        delivering = true
        dispatch(slot, output: &output) { strategy, context in strategy.onOrderUpdate(update, context: &context) }
        delivering = false
        if notificationHead < notifications.count { deliverNotifications(output: &output) }
    }

    /// Whether the strategy in `slot` asked for updates that leave an order in `status`
    /// (``Strategy/orderUpdateInterest``).
    @inline(__always)
    func wantsUpdate(_ slot: Int, _ status: OrderStatus) -> Bool { state.strategies[slot].orderUpdates.includes(status) }

    /// Tells a strategy about a fill of its order: at once when no delivery is running, else after it.
    @inline(__always)
    mutating func notify(_ slot: Int, _ fill: OrderFilled, _ update: OrderUpdate, output: inout EngineOutput) {
        guard !delivering else {
            queue(fill, update, for: slot)
            return
        }
        delivering = true
        dispatch(slot, output: &output) { strategy, context in strategy.onFill(fill, update: update, context: &context) }
        delivering = false
        if notificationHead < notifications.count { deliverNotifications(output: &output) }
    }

    /// Queues a fill for its strategy while a delivery runs; out of line, so that the fill and its update
    /// are copied into the queue only when this rare path runs.
    @inline(never)
    mutating func queue(_ fill: OrderFilled, _ update: OrderUpdate, for slot: Int) {
        notifications.append(.fill(slot: slot, fill, update))
    }

    /// Delivers queued order notifications to their strategies, with a bound on reentrancy.
    mutating func deliverNotifications(output: inout EngineOutput) {
        // Nothing queued (the usual case after a report): nothing to deliver or clear.
        guard !delivering, notificationHead < notifications.count else { return }
        delivering = true
        defer { delivering = false }
        defer {
            notifications.removeAll()
            notificationHead = 0
        }
        var budget = 256
        while notificationHead < notifications.count {
            let notification = notifications[notificationHead]
            notificationHead += 1
            budget -= 1
            if budget < 0 {
                output.append(anomaly: 
                    "order notification loop: dropped \(notifications.count - notificationHead + 1) notifications")
                break
            }
            switch notification {
            case .orderUpdate(let slot, let update):
                dispatch(slot, output: &output) { strategy, context in strategy.onOrderUpdate(update, context: &context) }
            case .fill(let slot, let fill, let update):
                dispatch(slot, output: &output) { strategy, context in
                    strategy.onFill(fill, update: update, context: &context)
                }
            }
        }
    }

    /// Lets a stateful risk policy trip (or reset) the trading state; a halt cancels every open order.
    @inline(never)
    mutating func evaluateRisk(output: inout EngineOutput) {
        guard let change = risk.evaluate(state: &state), change.state != state.tradingState else { return }
        state.tradingState = change.state
        emit(tradingState: change.state, code: ShortText(truncating: change.code), into: &output)
        if case .tradingHalted = change.state {
            for order in state.orders.openOrders { requestCancel(order, output: &output) }
        }
        deliverNotifications(output: &output)
    }

    func slotIndex(of id: StrategyID) -> Int? {
        // A few strategies: comparing inline IDs beats hashing one.
        if state.strategies.count <= 8 { return state.strategies.firstIndex { $0.id == id } }
        return slotByID[id]
    }

    mutating func handleTimer(_ timer: TimerFired, output: inout EngineOutput) {
        guard let slot = slotIndex(of: timer.timer.strategy) else {
            output.append(anomaly: "timer \(timer.timer) for unknown strategy")
            return
        }
        dispatch(slot, output: &output) { strategy, context in strategy.onTimer(timer, context: &context) }
        deliverNotifications(output: &output)
    }
}

extension Engine {
    /// Equity as a `Double` estimate from the ledger's mirrors, for per-event analytics. Inlinable: a
    /// backtest reads it after every event.
    @inlinable @inline(__always)
    public var equityEstimate: Double { state.equityEstimate }

    /// Whether any position is open.
    @inlinable
    public var hasOpenPositions: Bool { !state.portfolio.ledger.openInstruments.isEmpty }

    /// The instrument's last mark as a `Double`.
    public func markEstimate(_ instrument: InstrumentIndex) -> Double { state.market.markEstimate(instrument) }
}
