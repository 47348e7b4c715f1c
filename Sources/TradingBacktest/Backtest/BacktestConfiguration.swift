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
    /// Whether a long run may feed its statistics and charts on a second thread while the engine runs
    /// (``BacktestRunner``). Results are the same either way; callers that already run several backtests
    /// at once (the optimizer) turn it off so as not to ask for more threads than there are cores.
    public var analyticsThread: Bool
    /// Indicator lines for the report's price chart (computed only when asked for).
    public var chartOverlays: [ChartOverlay] = []

    public init(
        engine: EngineConfiguration,
        exchange: SimulatedExchangeConfiguration = SimulatedExchangeConfiguration(),
        latency: Duration = .zero,
        chartPoints: Int = 2_000,
        analyticsThread: Bool = true
    ) {
        self.engine = engine
        self.exchange = exchange
        self.latency = latency
        self.chartPoints = chartPoints
        self.analyticsThread = analyticsThread
    }
}

/// Receives every equity sample of a backtest, in order (for streaming an equity file). Samples are
/// delivered in batches of a few thousand, on the run's thread.
public protocol EquityObserver: AnyObject {
    func record(time: Timestamp, equity: Double, drawdown: Double)
}

/// Receives every risk decision of a run (see ``RiskDecision``).
public protocol RiskDecisionObserver: AnyObject {
    func record(_ decision: RiskDecision)
}
