public import TradingCore

/// Capital allocations for a farm of bots sharing one account: each bot (strategy) may commit only its own
/// capital, may be stopped for the day by its own loss limit, and capital moves between bots by a rule.
///
/// - Each bot has its own book (``BotBook``), which the engine keeps from the fills of its own orders when
///   the bot is listed in ``EngineConfiguration/bots``, so bots that trade the same instrument on one netted
///   account each know their holding, cost, margin and PnL. A bot without a book has no PnL here.
/// - A bot's **capital** starts as its allocation (an amount, or a fraction of the account's equity at
///   the first event). Its **equity** is capital plus its PnL since the last rebalance: realized in its
///   book, and unrealized on its holdings at the last price.
/// - **Allocation** (code `allocation`): the cost of its holdings (over the leverage for perpetuals), plus
///   what its working orders reserve, plus the new order's reservation, must stay within its equity. On a
///   perpetual a holding commits the bot's own margin, at the leverage the bot chose.
///   Reduce-only orders, and orders that only reduce the bot's own holding, always pass. Bots without an
///   allocation are not limited here.
/// - **Bot daily loss** (code `bot_daily_loss`): once a bot's PnL since the start of the UTC day is below
///   `-botDailyLoss × capital`, its orders that add risk are refused until the next day.
/// - **Rebalancing**: every `rebalanceEvery`, the bots' equity is pooled and shared out again by `rule`.
///
/// Farm-wide limits are the account-wide ``PreTradeLimits`` and ``CircuitBreakers``: compose them in
/// front of this policy with ``RiskPolicies``, so a farm limit refuses before any bot limit is looked at.
public struct BotAllocations: RiskPolicy {
    public enum Allocation: Sendable, Hashable {
        case amount(Money)
        case fraction(Ratio)
    }

    public var allocations: [StrategyID: Allocation]
    public var botDailyLoss: Ratio?
    public var rule: AllocationRule
    public var rebalanceEvery: Duration?

    public init(
        allocations: [StrategyID: Allocation],
        botDailyLoss: Ratio? = nil,
        rule: AllocationRule = .equalWeight,
        rebalanceEvery: Duration? = nil
    ) {
        self.allocations = allocations
        self.botDailyLoss = botDailyLoss
        self.rule = rule
        self.rebalanceEvery = rebalanceEvery
    }

    public var watchesEvents: Bool { true }

    /// The bots, in a fixed order (by ID), so rebalancing is deterministic.
    private var bots: [StrategyID] { allocations.keys.sorted { $0.text < $1.text } }

    public func check(_ order: Order, state: EngineState) -> RiskRefusal? {
        let bot = order.strategyID
        guard !order.reduceOnly, let allocation = allocations[bot] else { return nil }
        if reducesOwnHolding(order, bot: bot, state: state) { return nil }
        let capital = state.risk.botCapital[bot] ?? initialCapital(allocation, state: state)
        let pnl = cumulativePnL(bot, state: state)
        let sinceRebalance = pnl - (state.risk.botPnLBaseline[bot] ?? 0)
        let currency = state.portfolio.accountCurrency
        if let limit = botDailyLoss, let dayStart = state.risk.botDayStartPnL[bot] {
            let loss = dayStart - pnl
            if loss > 0, loss > FixedPoint.multiply(capital, limit.raw, rounding: .down) {
                return .policy(
                    code: "bot_daily_loss",
                    message:
                        "\(bot) lost \(Money(raw: loss, currency: currency)) today; its limit is \(limit) of \(Money(raw: capital, currency: currency))"
                )
            }
        }
        let equity = capital + sinceRebalance
        let used = usage(of: bot, state: state) + reservation(order, state: state)
        if used > equity {
            return .policy(
                code: "allocation",
                message:
                    "\(bot) would commit \(Money(raw: used, currency: currency)) of its \(Money(raw: max(0, equity), currency: currency))"
            )
        }
        return nil
    }

    public func evaluate(state: inout EngineState) -> TradingStateChange? {
        let now = state.now.nanoseconds
        if state.risk.botCapital.isEmpty {
            // The bots are the keys of `allocations`.
            for bot in bots { state.risk.botCapital[bot] = initialCapital(allocations[bot]!, state: state) }
            if let every = rebalanceEvery { state.risk.nextRebalance = now + every.totalNanoseconds }
        }
        let day = Self.day(now)
        if state.risk.botDay != day {
            state.risk.botDay = day
            for bot in bots { state.risk.botDayStartPnL[bot] = cumulativePnL(bot, state: state) }
        }
        if let every = rebalanceEvery, let next = state.risk.nextRebalance, now >= next {
            rebalance(state: &state)
            state.risk.nextRebalance = now + every.totalNanoseconds
        }
        return nil
    }

    /// Pools the bots' equity and shares it out by ``rule``.
    func rebalance(state: inout EngineState) {
        let order = bots
        var equities: [Int128] = []
        var returns: [Double] = []
        for bot in order {
            let capital = state.risk.botCapital[bot] ?? 0
            let pnl = cumulativePnL(bot, state: state)
            let since = pnl - (state.risk.botPnLBaseline[bot] ?? 0)
            equities.append(max(0, capital + since))
            returns.append(
                capital > 0 ? FixedPoint.toDoubleApproximately(since) / FixedPoint.toDoubleApproximately(capital) : 0
            )
            state.risk.botPnLBaseline[bot] = pnl
        }
        let total = equities.reduce(0, +)
        let weights = rule.weights(returns: returns)
        for (index, bot) in order.enumerated() {
            state.risk.botCapital[bot] = FixedPoint.multiply(total, weights[index].raw, rounding: .down)
        }
        state.risk.rebalances += 1
    }

    private func initialCapital(_ allocation: Allocation, state: borrowing EngineState) -> Int128 {
        switch allocation {
        case .amount(let money): money.raw
        case .fraction(let fraction): FixedPoint.multiply(state.equity.raw, fraction.raw, rounding: .down)
        }
    }

    /// Whether the order only reduces the bot's own holding (a sale of what it bought, a buy-back of what it
    /// sold): such orders commit nothing new, so they always pass, as reduce-only ones do.
    private func reducesOwnHolding(_ order: Order, bot: StrategyID, state: borrowing EngineState) -> Bool {
        guard case .base(let quantity) = order.requestedQuantity,
            let holding = state.book(of: bot)?.holding(order.instrument), holding.quantityRaw != 0
        else { return false }
        return (holding.quantityRaw > 0) == (order.side == .sell) && quantity.raw <= abs(holding.quantityRaw)
    }

    /// The bot's realized PnL plus the unrealized PnL of its holdings, raw.
    private func cumulativePnL(_ bot: StrategyID, state: borrowing EngineState) -> Int128 {
        guard let book = state.book(of: bot) else { return 0 }
        let market = state.market
        return book.pnl(instruments: state.instruments) { market.lastPrice($0) }
    }

    /// What the bot's open positions and working orders commit, raw.
    private func usage(of bot: StrategyID, state: EngineState) -> Int128 {
        var total = state.book(of: bot)?.committedRaw(instruments: state.instruments) ?? 0
        for order in state.orders.openOrders where order.strategyID == bot && !order.reduceOnly && order.parentID == nil
        {
            total += committed(order, quantity: order.leavesQuantity, unlessFilled: true, state: state)
        }
        return total
    }

    /// What the new order commits: its quote amount, or its quantity's reservation at its price.
    private func reservation(_ order: Order, state: EngineState) -> Int128 {
        guard case .base(let quantity) = order.requestedQuantity else {
            return committed(order, quantity: .zero, unlessFilled: false, state: state)
        }
        return committed(order, quantity: quantity, unlessFilled: false, state: state)
    }

    /// What `quantity` of a bot's order commits of its capital: a quote amount as it is (only before any fill
    /// when `unlessFilled`), else notional plus taker fee for spot, or margin at the bot's leverage (the
    /// account's for a bot without a book) plus fee for a perpetual.
    private func committed(_ order: Order, quantity: Quantity, unlessFilled: Bool, state: EngineState) -> Int128 {
        if case .quote(let amount) = order.requestedQuantity {
            return unlessFilled && !order.filledQuantity.isZero ? 0 : amount.raw
        }
        guard quantity.raw > 0,
            let price = order.price ?? order.triggerPrice ?? state.market.lastPrice(order.instrument)
        else { return 0 }
        let index = order.instrument.int
        let leverage = state.book(of: order.strategyID)?.leverage[index] ?? state.portfolio.leverage[index]
        return state.reservation(
            side: order.side,
            quantity: quantity,
            price: price,
            instrument: state.instruments[index],
            leverage: leverage
        ).raw
    }

    private static func day(_ nanoseconds: Int64) -> Int64 {
        let length: Int64 = 86_400_000_000_000
        return nanoseconds >= 0 ? nanoseconds / length : (nanoseconds + 1) / length - 1
    }
}
