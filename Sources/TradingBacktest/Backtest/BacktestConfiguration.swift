public import TradingCore
public import TradingEngine

/// Everything a backtest run is built from, apart from its strategies and data.
public struct BacktestConfiguration: Sendable {
    /// Instruments, account currency, balances, leverage, sizing and risk.
    public var engine: EngineConfiguration
    /// Fill rules of the simulated venue.
    public var exchange: SimulatedExchangeConfiguration
    /// Time from a request leaving the engine to its arrival at the venue.
    public var latency: Duration
    /// Points kept for the report's charts.
    public var chartPoints: Int

    public init(
        engine: EngineConfiguration, exchange: SimulatedExchangeConfiguration = SimulatedExchangeConfiguration(),
        latency: Duration = .zero, chartPoints: Int = 2_000
    ) {
        self.engine = engine
        self.exchange = exchange
        self.latency = latency
        self.chartPoints = chartPoints
    }
}

/// Receives every equity sample as the backtest runs (for streaming an equity file).
public protocol EquityObserver: AnyObject {
    func record(time: Timestamp, equity: Double, drawdown: Double)
}

/// Receives every risk decision of a run (see ``RiskDecision``).
public protocol RiskDecisionObserver: AnyObject {
    func record(_ decision: RiskDecision)
}
