public import TradingCore

/// The results library's equity statistics for any equity curve fed sample by sample, in constant memory:
/// what a backtest reports (drawdown, volatility, Sharpe, Sortino, Calmar, exposure; ``PerformanceSummary``),
/// for a farm bot's own equity.
public struct EquityStatistics: Sendable {
    private var accumulator: PerformanceAccumulator
    private let initial: Double

    /// Statistics of a curve that starts at `initialEquity` at `start` (ns).
    public init(initialEquity: Double, start: Int64) {
        initial = initialEquity
        accumulator = PerformanceAccumulator(initialEquity: initialEquity)
        accumulator.start(at: start)
    }

    /// Records the equity at `time` (ns, in order); `positionOpen` says whether a position was open since the
    /// previous sample.
    public mutating func record(time: Int64, equity: Double, positionOpen: Bool) {
        accumulator.sample(time: time, equity: equity, positionOpen: positionOpen)
    }

    /// The largest drawdown so far, as a fraction of the peak.
    public var maxDrawdown: Double { accumulator.maxDrawdown }

    /// The metrics of the curve so far, as a backtest computes them, with the exact initial and final equity
    /// and the closed trades (empty when they are counted elsewhere).
    public func summary(
        currency: Currency,
        initial: Money,
        final: Money,
        endTime: Int64,
        trades: [TradeRecord] = []
    )
        -> PerformanceSummary
    {
        var copy = accumulator
        return copy.summary(
            currency: currency,
            initial: initial,
            final: final,
            endTime: endTime,
            trades: trades,
            fees: .zero(currency),
            funding: .zero(currency)
        )
    }
}
