public import TradingCore

/// Everything an engine is built from, apart from its strategies.
public struct EngineConfiguration: Sendable {
    /// The tradable instruments; their order defines each ``InstrumentIndex``.
    public var instruments: [Instrument]
    /// The currency equity is measured in.
    public var accountCurrency: Currency
    /// Starting balances.
    public var balances: [Money]
    /// Leverage per perpetual (missing means 1).
    public var leverage: [InstrumentID: Ratio]
    /// Entry sizing per strategy; strategies not listed use ``defaultSizing``.
    public var sizing: [StrategyID: PositionSizing]
    public var defaultSizing: PositionSizing
    /// Checks run after ``BasicRiskPolicy`` on every new order.
    public var riskPolicy: any RiskPolicy
    /// The engine's time before the first event.
    public var startTime: Timestamp
    /// How many closed orders the order store remembers, for late venue reports and inspection (the audit
    /// trail keeps every order). The default of 64 suits one or a few strategies and keeps the ring in
    /// the processor's cache: a ring of a thousand orders (640 KB) made every closed order a write to
    /// cold memory, about 4 % of a backtest. An engine that hosts many strategies sets more.
    public var closedOrderHistory: Int
    /// Exits attached to the positions each strategy opens; strategies not listed use ``defaultExits``.
    public var exits: [StrategyID: ExitPlan] = [:]
    public var defaultExits: ExitPlan?
    /// The order types each venue supports natively, for ``ExitPlacement/automatic``; a venue not listed
    /// supports them all.
    public var nativeOrderTypes: [Venue: Set<OrderType>] = [:]
    /// Strategies that trade as bots inside the shared account: each gets its own book (``BotBook``), kept by
    /// the engine, with its own holdings, PnL and, on perpetuals, its own isolated margin at a leverage it
    /// chooses up to the limit given here. The engine liquidates a bot's holding when the mark reaches the
    /// holding's liquidation price. Strategies not listed trade on the account's positions only.
    public var bots: [StrategyID: BotLimits] = [:]

    public init(
        instruments: [Instrument],
        accountCurrency: Currency,
        balances: [Money],
        leverage: [InstrumentID: Ratio] = [:],
        sizing: [StrategyID: PositionSizing] = [:],
        defaultSizing: PositionSizing = .allIn,
        riskPolicy: any RiskPolicy = NoAdditionalRisk(),
        startTime: Timestamp = .zero,
        closedOrderHistory: Int = 64
    ) {
        self.instruments = instruments
        self.accountCurrency = accountCurrency
        self.balances = balances
        self.leverage = leverage
        self.sizing = sizing
        self.defaultSizing = defaultSizing
        self.riskPolicy = riskPolicy
        self.startTime = startTime
        self.closedOrderHistory = closedOrderHistory
    }
}

/// What a bot (``EngineConfiguration/bots``) may do with its own book.
public struct BotLimits: Sendable, Hashable {
    /// The most leverage the bot may choose for a perpetual holding.
    public var maximumLeverage: Ratio

    public init(maximumLeverage: Ratio = .one) { self.maximumLeverage = maximumLeverage }
}

/// Why an engine could not be built from its configuration.
public struct EngineConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String
    public var description: String { reason }
}
