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
    /// How many returns of ``returnsPeriod`` the Sharpe, Sortino and volatility were computed from.
    public let returnsCount: Int
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

    /// The fewest days over which annualised figures (CAGR, annual volatility, Calmar) mean much.
    public static let minimumAnnualisedDays = 90.0
    /// The fewest returns for a Sharpe or Sortino ratio worth reading.
    public static let minimumRatioReturns = 30

    /// The span in days.
    public var periodDays: Double { Double(endTime.nanoseconds - startTime.nanoseconds) / 86_400e9 }

    /// Whether annualised figures rest on at least ``minimumAnnualisedDays``.
    public var annualisedIsReliable: Bool { periodDays >= Self.minimumAnnualisedDays }

    /// Whether the ratios rest on at least ``minimumRatioReturns`` returns.
    public var ratiosAreReliable: Bool { returnsCount >= Self.minimumRatioReturns }

    /// "32 daily returns": the count and kind of returns the ratios rest on.
    public var returnsDescription: String {
        let kind = ["1d": "daily", "1h": "hourly", "1m": "minute"][returnsPeriod] ?? returnsPeriod
        return "\(returnsCount) \(kind) return\(returnsCount == 1 ? "" : "s")"
    }

    /// What a reader should know about small samples, one sentence each.
    public var sampleWarnings: [String] {
        var warnings: [String] = []
        if !annualisedIsReliable {
            warnings.append(
                "the period is \(Int(periodDays.rounded())) days: CAGR, annual volatility and Calmar extrapolate under \(Int(Self.minimumAnnualisedDays)) days to a year"
            )
        }
        if !ratiosAreReliable {
            warnings.append(
                "Sharpe and Sortino rest on \(returnsDescription), fewer than \(Self.minimumRatioReturns)"
            )
        }
        return warnings
    }
}
