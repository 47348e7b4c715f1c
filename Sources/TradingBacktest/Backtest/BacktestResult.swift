public import TradingCore
public import TradingEngine

/// Everything a finished backtest produced.
public struct BacktestResult: Sendable {
    public let summary: PerformanceSummary
    public let trades: [TradeRecord]
    public let instruments: [Instrument]
    /// Downsampled equity (last, low and high per bucket) for charts.
    public let equityCurve: [SeriesDownsampler.Point]
    /// Downsampled price of the first instrument for charts.
    public let priceSeries: [SeriesDownsampler.Point]
    public let finalBalances: [Money]
    /// Positions still open at the end (valued at the last price, no exit fee).
    public let openPositions: [Position]
    public let openOrderCount: Int
    public let eventCount: Int
    public let barCount: Int
    public let orderCount: Int
    public let fillCount: Int
    public let deniedCount: Int
    public let rejectedCount: Int
    /// Venue reports the engine could not reconcile (should be empty).
    public let anomalies: [String]
    /// Digest of every audit fact: equal digests mean equal decisions.
    public let auditDigest: String
    public let auditFactCount: Int
}
