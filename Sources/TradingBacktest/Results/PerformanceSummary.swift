public import TradingCore

/// The metrics of a backtest. Ratios are fractions (0.25 = 25 %); `nil` where a metric is undefined
/// (no trades, fewer than two return periods).
public struct PerformanceSummary: Sendable, Hashable {
    public let accountCurrency: Currency
    public let initialEquity: Money
    public let finalEquity: Money
    public let startTime: Timestamp
    public let endTime: Timestamp
    public let totalReturn: Double
    /// Compound annual growth rate over the span (365.25-day years).
    public let cagr: Double
    /// Standard deviation of period returns × √(periods per year).
    public let annualVolatility: Double?
    /// Largest peak-to-trough fall of equity, as a fraction of the peak.
    public let maxDrawdown: Double
    /// Longest time from an equity peak to the next new peak (or to the end).
    public let maxDrawdownDuration: Duration
    /// Mean / standard deviation of period returns × √(periods per year), risk-free rate 0.
    public let sharpe: Double?
    /// Mean / downside deviation of period returns × √(periods per year).
    public let sortino: Double?
    /// CAGR / max drawdown.
    public let calmar: Double?
    /// The period returns were measured over: `1d`, `1h` or `1m`, the longest with at least 30 returns
    /// (else the longest with at least two).
    public let returnsPeriod: String
    public let tradeCount: Int
    public let winRate: Double?
    /// Gross wins / gross losses (net of fees), `nil` without losing trades.
    public let profitFactor: Double?
    public let averageWin: Double?
    public let averageLoss: Double?
    /// Mean net PnL per trade.
    public let expectancy: Double?
    public let bestTrade: Double?
    public let worstTrade: Double?
    /// Fraction of the time with a position open.
    public let exposure: Double
    public let averageTradeDuration: Duration?
    public let totalFees: Money
    public let totalFunding: Money
    public let longestLosingStreak: Int
    public let liquidations: Int
}
