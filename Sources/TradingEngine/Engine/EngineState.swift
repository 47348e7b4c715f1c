public import TradingCore

/// A registered strategy's identity and entry sizing.
public struct StrategyInfo: Sendable, Hashable {
    public let id: StrategyID
    public let sizing: PositionSizing
    /// The strategy's ``Strategy/orderUpdateInterest``.
    public let orderUpdates: OrderUpdateInterest
}

/// Everything the engine knows: instruments, market, portfolio, orders and trading state. Strategies and
/// risk policies read it; only the engine changes it.
public struct EngineState: Sendable {
    /// Makes the state address-only, so the compiler hands it to every method and check by address. As a
    /// plain (loadable) struct of about a kilobyte, each call on the engine's `state` first copied the
    /// whole of it to the stack: four copies per submitted order, more per fill.
    private let addressOnly: any Sendable = ()
    /// Number of events processed.
    public internal(set) var sequence: UInt64 = 0
    /// The time of the event being (or last) processed.
    public internal(set) var now: Timestamp
    public let instruments: [Instrument]
    let indexByID: [InstrumentID: InstrumentIndex]
    public internal(set) var market: MarketState
    public internal(set) var portfolio: Portfolio
    public internal(set) var orders: OrderStore
    public internal(set) var tradingState: TradingState = .active
    public internal(set) var pausedStrategies: Set<StrategyID> = []
    /// What stateful risk policies remember (order times, equity peak, the day's start, loss streaks).
    public internal(set) var risk = RiskState()
    /// The next client order sequence number.
    public internal(set) var nextOrderSequence: UInt64 = 1
    /// Makes the strategies' client order IDs from their sequence numbers.
    var orderIDs = ClientOrderIDCounter()
    /// Totals and a digest over every audit fact emitted so far.
    public internal(set) var audit = AuditTrail()
    /// The strategies' IDs and sizing, in registration order.
    public internal(set) var strategies: [StrategyInfo] = []
    /// Exit plans and the exits working on open positions.
    public internal(set) var exits: ExitBook
    /// Each venue's connection as the last connectivity event said (none in a backtest).
    var venueStatuses: [Venue: VenueStatus] = [:]
    /// The books of the strategies that trade as bots (``EngineConfiguration/bots``), by strategy slot; a
    /// strategy that is not a bot has an empty book of no instruments here (``botSlots`` lists the bots). Read
    /// them with ``book(of:)``.
    var botBooks: [BotBook] = []
    /// The slot of each bot, by ID.
    var botSlots: [StrategyID: Int] = [:]
    /// For each instrument, the slots of the bots holding it, in slot order: the engine checks their
    /// liquidation prices and exits on the instrument's market events.
    var botHolders: [[Int]] = []

    init(instruments: [Instrument], portfolio: Portfolio, start: Timestamp) {
        self.instruments = instruments
        var index: [InstrumentID: InstrumentIndex] = [:]
        for (position, instrument) in instruments.enumerated() { index[instrument.id] = InstrumentIndex(position) }
        indexByID = index
        market = MarketState(instrumentCount: instruments.count)
        self.portfolio = portfolio
        orders = OrderStore(instruments: instruments)
        now = start
        exits = ExitBook(plans: [:], defaultPlan: nil, nativeOrderTypes: [:], instrumentCount: instruments.count)
    }

    /// Whether the connection to `venue` is up, as the last connectivity event said: ``VenueStatus/unknown``
    /// before any (a backtest never sends them).
    public func venueStatus(_ venue: Venue) -> VenueStatus { venueStatuses[venue] ?? .unknown }

    /// The book of bot `strategy` (``EngineConfiguration/bots``); `nil` for a strategy that is not a bot.
    public func book(of strategy: StrategyID) -> BotBook? { botSlots[strategy].map { botBooks[$0] } }

    /// Whether any strategy trades as a bot.
    public var hasBots: Bool { !botSlots.isEmpty }

    /// The PnL of the bot in `slot` as a `Double` estimate at the marks (``BotBook/pnlEstimate(mark:)``),
    /// read in place; `nil` for a strategy that is not a bot.
    func botPnLEstimate(slot: Int) -> Double? {
        // Read where the book lies: binding it copied the book (and retained its arrays) on every bar.
        botBooks.withUnsafeBufferPointer { books in
            guard slot < books.count, !books[slot].holdings.isEmpty else { return nil }
            return market.slots.withUnsafeBufferPointer { slots in
                books[slot].pnlEstimate { slots[$0].mark }
            }
        }
    }

    /// The holding of the bot in `slot` on `instrument`, read where it lies; `nil` when flat or not a bot.
    func botHolding(slot: Int, _ instrument: InstrumentIndex) -> BotBook.Holding? {
        botBooks.withUnsafeBufferPointer { books in
            slot < books.count && !books[slot].holdings.isEmpty ? books[slot].holdings[instrument.int] : nil
        }
    }

    /// Whether the bot in `slot` holds `instrument`, read where the holding lies (nothing is copied).
    func botHolds(slot: Int, _ instrument: InstrumentIndex) -> Bool {
        botBooks.withUnsafeBufferPointer { books in
            guard slot < books.count, books[slot].heldCount > 0 else { return false }
            return books[slot].watches.withUnsafeBufferPointer { watches in
                watches.indices.contains(instrument.int) && watches[instrument.int].held
            }
        }
    }

    /// The registry index of an instrument.
    public func index(of id: InstrumentID) -> InstrumentIndex? { indexByID[id] }

    /// The instrument at a registry index.
    @inlinable
    public func instrument(_ index: InstrumentIndex) -> Instrument { instruments[index.int] }

    /// Equity in the account currency, exact, with instruments marked at their last price.
    public var equity: Money {
        market.slots.withUnsafeBufferPointer { slots in portfolio.equity { slots[$0.int].lastPrice } }
    }

    /// Equity as a `Double` estimate, for per-event analytics.
    @inlinable
    public var equityEstimate: Double {
        market.slots.withUnsafeBufferPointer { slots in portfolio.equityEstimate { slots[$0].mark } }
    }

    /// What an order for `quantity` at `price` commits: notional plus taker fee for spot buys; initial
    /// margin (`notional / leverage`) plus taker fee for perpetuals. Rounded up.
    @inline(__always)
    public func reservation(
        side: OrderSide,
        quantity: Quantity,
        price: Price,
        instrument: Instrument,
        leverage: Ratio
    )
        -> Money
    {
        let notional = instrument.notional(of: quantity, at: price)
        let fee = notional.multiplied(by: instrument.takerFee, rounding: .up)
        if instrument.kind == .spot { return notional + fee }
        return Money(raw: FixedPoint.divide(notional.raw, leverage.raw, rounding: .up), currency: notional.currency)
            + fee
    }

    /// Balance of `currency` less isolated margin in use and what open orders reserve.
    /// - Parameter excluding: an order not to count (the one being checked).
    public func availableBalance(_ currency: Currency, excluding: ClientOrderID? = nil) -> Money {
        availableBalance(currency, raw: portfolio.balance(currency).raw, excluding: excluding)
    }

    /// ``availableBalance(_:excluding:)`` of an instrument's settlement currency, found by index.
    public func availableSettlement(of instrument: InstrumentIndex, excluding: ClientOrderID? = nil) -> Money {
        let currency = instruments[instrument.int].settlementCurrency
        let raw = portfolio.ledger.balanceRaw(
            currencyIndex: portfolio.ledger.currencyIndices(of: instrument).settlement
        )
        return availableBalance(currency, raw: raw, excluding: excluding)
    }

    private func availableBalance(_ currency: Currency, raw balance: Int128, excluding: ClientOrderID?) -> Money {
        var available = Money(raw: balance, currency: currency)
        if !portfolio.openInstruments.isEmpty { available = available - portfolio.marginInUse(currency) }
        if orders.openCount == 0 { return available }
        let excluded = excluding.flatMap { orders.open($0) }
        var committed: Int128 = 0
        for (position, instrument) in instruments.enumerated() where instrument.settlementCurrency == currency {
            let index = InstrumentIndex(position)
            for side in [OrderSide.buy, .sell] where instrument.kind != .spot || side == .buy {
                var totals = orders.commitments.totals(index, side)
                if let excluded, excluded.instrument == index, excluded.side == side {
                    OpenCommitments.add(excluded, instrument: instrument, sign: -1, to: &totals)
                }
                if !totals.isEmpty {
                    committed += commitment(of: totals, instrument: instrument, index: index, side: side)
                }
            }
        }
        return available - Money(raw: committed, currency: currency)
    }

    /// What the open orders of one instrument and side commit, from their running totals: quote amounts;
    /// then, unless they would reduce a perpetual position, the priced orders' notional (over the leverage
    /// for perpetuals) plus fees, and the unpriced orders' leaves at the last price.
    @inline(__always)
    private func commitment(
        of totals: OpenCommitments.Totals,
        instrument: Instrument,
        index: InstrumentIndex,
        side: OrderSide
    ) -> Int128 {
        var raw = totals.quoteRaw
        let leverage = portfolio.leverage[index.int]
        if instrument.kind == .linearPerpetual {
            // Orders that reduce a position commit nothing.
            let position = portfolio.signedQuantityRaw(index)
            if position != 0 && (position > 0) != (side == .buy) { return raw }
            raw += FixedPoint.divide(totals.pricedNotionalRaw, leverage.raw, rounding: .up)
        } else {
            raw += totals.pricedNotionalRaw
        }
        raw += totals.pricedFeeRaw
        if totals.pricelessLeavesRaw > 0, let price = market.lastPrice(index) {
            raw +=
                reservation(
                    side: side,
                    quantity: Quantity(raw: totals.pricelessLeavesRaw),
                    price: price,
                    instrument: instrument,
                    leverage: leverage
                ).raw
        }
        return raw
    }

    /// What an open order commits of its settlement currency.
    func reserved(by order: Order, instrument: Instrument) -> Money {
        switch order.requestedQuantity {
        case .quote(let amount):
            return order.filledQuantity.isZero ? amount : .zero(instrument.settlementCurrency)
        case .base:
            let leaves = order.leavesQuantity
            guard leaves.raw > 0, let price = order.price ?? order.triggerPrice ?? market.lastPrice(order.instrument)
            else { return .zero(instrument.settlementCurrency) }
            if instrument.kind == .linearPerpetual {
                // Orders that reduce a position commit nothing.
                let position = portfolio.signedQuantityRaw(order.instrument)
                if position != 0 && (position > 0) != (order.side == .buy) {
                    return .zero(instrument.settlementCurrency)
                }
            }
            return reservation(
                side: order.side,
                quantity: leaves,
                price: price,
                instrument: instrument,
                leverage: portfolio.leverage[order.instrument.int]
            )
        }
    }

    /// Balance of a spot base currency less what open sell orders reserve.
    public func availableBase(_ currency: Currency, excluding: ClientOrderID? = nil) -> Quantity {
        var raw = portfolio.balance(currency).raw
        guard orders.openCount > 0 else { return Quantity(raw: max(0, raw)) }
        for (position, instrument) in instruments.enumerated()
        where instrument.kind == .spot && instrument.base == currency {
            raw -= orders.commitments.sellLeavesRaw(InstrumentIndex(position))
        }
        if let excluding, let excluded = orders.open(excluding), excluded.side == .sell {
            let instrument = instruments[excluded.instrument.int]
            if instrument.kind == .spot && instrument.base == currency { raw += excluded.leavesQuantity.raw }
        }
        return Quantity(raw: max(0, raw))
    }

    /// The quantity for a new entry under `sizing`: spot sells use the base held; otherwise a quote amount
    /// from the available balance. `nil` when nothing is available.
    public func entryQuantity(
        for instrument: InstrumentIndex,
        side: OrderSide,
        sizing: PositionSizing
    ) -> OrderQuantity? {
        let definition = instruments[instrument.int]
        if definition.kind == .spot && side == .sell {
            let quantity = definition.round(quantity: availableBase(definition.base))
            return quantity.isZero ? nil : .base(quantity)
        }
        let available = availableSettlement(of: instrument)
        switch sizing {
        case .allIn:
            return available.raw > 0 ? .quote(available) : nil
        case .fractionOfEquity(let fraction):
            let amount = equity.multiplied(by: fraction, rounding: .down)
            let capped = amount > available ? available : amount
            return capped.raw > 0 ? .quote(capped) : nil
        case .quoteAmount(let amount):
            let capped = amount > available ? available : amount
            return capped.raw > 0 ? .quote(capped) : nil
        case .baseQuantity(let quantity):
            return quantity.isZero ? nil : .base(quantity)
        }
    }
}
