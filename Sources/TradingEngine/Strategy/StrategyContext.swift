public import TradingCore

/// What a strategy can see and do during one callback.
///
/// Reads go straight to the engine's state, without copying it. Actions (submit, cancel, amend, timers)
/// are recorded and applied by the engine, through risk, when the callback returns. The context is
/// non-copyable, so a strategy cannot keep it beyond the callback.
public struct StrategyContext: ~Copyable {
    /// Valid for the duration of the callback only (the engine holds `state` in place meanwhile). Reads go
    /// through it and change nothing; only an action (``submit(_:)``, ``submitBracket(_:)``) advances the
    /// order sequence.
    @usableFromInline let statePointer: UnsafeMutablePointer<EngineState>
    /// The engine's command buffer, also valid for the callback only.
    let commands: UnsafeMutablePointer<ScratchBuffer<StrategyCommand>>
    /// The strategy's registration index.
    let slot: Int

    init(
        statePointer: UnsafeMutablePointer<EngineState>,
        commands: UnsafeMutablePointer<ScratchBuffer<StrategyCommand>>,
        slot: Int
    ) {
        self.statePointer = statePointer
        self.commands = commands
        self.slot = slot
    }

    /// Runs `body` on the state in place. Passing the state `inout` gives the compiler exclusive access, so
    /// methods on it borrow instead of copying the whole state.
    @inlinable
    func withState<Result>(_ body: (inout EngineState) -> Result) -> Result {
        body(&statePointer.pointee)
    }

    /// The ID of the strategy being called.
    public var strategyID: StrategyID { statePointer.pointee.strategies[slot].id }

    /// How this strategy sizes entries.
    public var sizing: PositionSizing { statePointer.pointee.strategies[slot].sizing }

    /// The engine state, read in place. A copy of it may be kept: it is a value, which later events do not
    /// change.
    @inlinable
    public var state: EngineState {
        unsafeAddress { UnsafePointer(statePointer) }
    }

    /// The time of the event being processed.
    @inlinable
    public var now: Timestamp { statePointer.pointee.now }

    /// The open position in `instrument`, if any.
    @inlinable
    public func position(_ instrument: InstrumentIndex) -> Position? {
        withState { $0.portfolio.position(instrument) }
    }

    /// The last trade price or bar close of `instrument` (see ``MarketState/lastPrice(_:)``); `nil`
    /// before any data.
    @inlinable
    public func lastPrice(_ instrument: InstrumentIndex) -> Price? {
        withState { $0.market.lastPrice(instrument) }
    }

    /// Signed open quantity in raw units (positive long, negative short, zero flat).
    @inlinable
    public func signedPositionRaw(_ instrument: InstrumentIndex) -> Int128 {
        withState { $0.portfolio.signedQuantityRaw(instrument) }
    }

    /// Whether this strategy has any open order on `instrument`.
    public func hasOpenOrders(_ instrument: InstrumentIndex) -> Bool {
        withState { $0.orders.hasOpenOrders(strategy: $0.strategies[slot].id, instrument: instrument) }
    }

    /// Equity in the account currency, exact, at the last prices.
    public var equity: Money { withState { $0.equity } }

    /// An entry size from a ``PositionSizer`` at the last price, with this account's equity: the sizer's
    /// refusal when it gives none (no stop for risk sizing, below the instrument minimum, …).
    public func size(
        _ sizer: PositionSizer,
        instrument: InstrumentIndex,
        stop: Price? = nil,
        averageTrueRange: Price? = nil,
        history: TradeHistory = TradeHistory()
    ) -> Result<Quantity, SizingRefusal> {
        withState { state in
            guard let price = state.market.lastPrice(instrument) else { return .failure(.nonPositive) }
            let inputs = SizingInputs(
                equity: state.equity,
                entryPrice: price,
                stopPrice: stop,
                averageTrueRange: averageTrueRange,
                history: history
            )
            return sizer.size(inputs, instrument: state.instruments[instrument.int])
        }
    }

    /// This strategy's open orders on `instrument`.
    public func openOrders(_ instrument: InstrumentIndex) -> [Order] {
        let id = strategyID
        return withState { $0.orders.openOrders(instrument: instrument) }.filter { $0.strategyID == id }
    }

    /// The index of an instrument by ID.
    public func index(of id: InstrumentID) -> InstrumentIndex? { withState { $0.index(of: id) } }

    /// The instrument at an index.
    public func instrument(_ index: InstrumentIndex) -> Instrument { withState { $0.instruments[index.int] } }

    /// The quantity for a new entry under this strategy's ``sizing``; `nil` when nothing is available.
    public func entryQuantity(for instrument: InstrumentIndex, side: OrderSide) -> OrderQuantity? {
        let sizing = self.sizing
        return withState { $0.entryQuantity(for: instrument, side: side, sizing: sizing) }
    }

    // MARK: Actions

    /// Submits a new order; it goes through risk when the callback returns.
    /// - Returns: the order's client order ID, derived from this strategy and the engine's sequence.
    @discardableResult
    public mutating func submit(_ spec: OrderSpec) -> ClientOrderID {
        let id = makeOrderID()
        commands.pointee.append { .submit(id, spec) }
        return id
    }

    /// Submits an entry with a linked stop-loss and take-profit (OTO + OCO).
    @discardableResult
    public mutating func submitBracket(_ bracket: BracketSpec) -> BracketIDs {
        let ids = BracketIDs(
            entry: makeOrderID(),
            stopLoss: bracket.stopLoss == nil ? nil : makeOrderID(),
            takeProfit: bracket.takeProfit == nil ? nil : makeOrderID()
        )
        commands.pointee.append(.submitBracket(ids, bracket))
        return ids
    }

    /// Asks the venue to cancel one of this strategy's orders.
    public mutating func cancel(_ id: ClientOrderID) { commands.pointee.append(.cancel(id)) }

    /// Cancels all of this strategy's open orders, on one instrument or all.
    public mutating func cancelAll(_ instrument: InstrumentIndex? = nil) {
        // Commands apply in order after the callback. With no order open and nothing asked before it in this
        // callback, the command would find nothing to cancel: it is not queued (strategies often cancel before
        // they exit, with nothing resting).
        if commands.pointee.isEmpty && statePointer.pointee.orders.openCount == 0 { return }
        commands.pointee.append(.cancelAll(instrument))
    }

    /// Amends a working order's quantity, limit price or trigger price.
    public mutating func modify(_ id: ClientOrderID, _ amendment: OrderAmendment) {
        commands.pointee.append(.modify(id, amendment))
    }

    /// Schedules a timer `name` at `time`, repeating every `interval` if given. A timer with the same name
    /// replaces the earlier one.
    public mutating func setTimer(_ name: ShortText, at time: Timestamp, repeatingEvery interval: Duration? = nil) {
        commands.pointee.append(.setTimer(name: name, at: time, intervalNanoseconds: interval?.totalNanoseconds))
    }

    public mutating func cancelTimer(_ name: ShortText) { commands.pointee.append(.cancelTimer(name: name)) }

    /// Sets the exit plan (stop, take-profits, trailing, time stop) for the next position this strategy opens
    /// on `instrument`, instead of its configured one; `nil` goes back to the configured plan. The engine
    /// attaches it when the position opens and works it like any exit plan. It is kept at once (it concerns
    /// only a position that opens later, so it does not wait for the callback to return like an order), and
    /// it is part of the engine state. Rules that read bar statistics (ATR, structure) need a configured plan
    /// that reads the same periods; percentages always work.
    public mutating func setExitPlan(_ plan: ExitPlan?, for instrument: InstrumentIndex) {
        let strategy = strategyID
        statePointer.pointee.exits.setNextPlan(plan, strategy: strategy, instrument: instrument)
    }

    /// A bot's leverage for its next perpetual holdings on `instrument` (``EngineConfiguration/bots``): its
    /// own isolated margin is `cost / leverage`. Between 1 and the bot's and the instrument's maximum; the
    /// engine refuses anything else (an anomaly) and keeps the leverage it had.
    public mutating func setLeverage(_ leverage: Ratio, on instrument: InstrumentIndex) {
        commands.pointee.append(.setLeverage(instrument, leverage))
    }

    // MARK: This bot's book

    /// This strategy's own book when it trades as a bot (``EngineConfiguration/bots``): its holdings, realized
    /// PnL, fees, funding and margin; `nil` for a strategy that is not a bot.
    public var book: BotBook? {
        withState { $0.botSlots.isEmpty || $0.botBooks[slot].holdings.isEmpty ? nil : $0.botBooks[slot] }
    }

    /// This bot's holding of `instrument` (``book``'s, without copying the book); `nil` when it is flat or
    /// not a bot.
    public func holding(_ instrument: InstrumentIndex) -> BotBook.Holding? {
        withState { $0.botHolding(slot: slot, instrument) }
    }

    /// Whether this bot holds `instrument` (cheaper than ``holding(_:)`` for a yes or no); `false` for a strategy
    /// that is not a bot.
    public func holds(_ instrument: InstrumentIndex) -> Bool {
        withState { $0.botHolds(slot: slot, instrument) }
    }

    /// This bot's PnL since it started, realized plus unrealized at the last prices, exact; `nil` for a
    /// strategy that is not a bot.
    public var bookPnL: Money? {
        withState { state in
            guard !state.botSlots.isEmpty, !state.botBooks[slot].holdings.isEmpty else { return nil }
            let book = state.botBooks[slot]
            let market = state.market
            return Money(
                raw: book.pnl(instruments: state.instruments) { market.lastPrice($0) },
                currency: state.portfolio.accountCurrency
            )
        }
    }

    /// ``bookPnL`` as a `Double` estimate, cheap enough for every bar (analytics, never the ledger).
    public var bookPnLEstimate: Double? { withState { $0.botPnLEstimate(slot: slot) } }

    private mutating func makeOrderID() -> ClientOrderID {
        let sequence = statePointer.pointee.nextOrderSequence
        statePointer.pointee.nextOrderSequence += 1
        return statePointer.pointee.orderIDs.id(strategy: strategyID, sequence: sequence)
    }
}
