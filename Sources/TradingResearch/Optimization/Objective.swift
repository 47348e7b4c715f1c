public import TradingBacktest

/// What a search maximises.
public enum Objective: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case sharpe
    case sortino
    case calmar
    case totalReturn = "total_return"
    case profitFactor = "profit_factor"
    /// Total return divided by the maximum drawdown.
    case returnOverDrawdown = "return_over_drawdown"

    public var description: String { rawValue }

    /// The run's score; `nil` when it is undefined (no trades, no drawdown, too few returns).
    public func score(_ summary: PerformanceSummary) -> Double? {
        let value: Double?
        switch self {
        case .sharpe: value = summary.sharpe
        case .sortino: value = summary.sortino
        case .calmar: value = summary.calmar
        case .totalReturn: value = summary.totalReturn
        case .profitFactor: value = summary.profitFactor
        case .returnOverDrawdown: value = summary.maxDrawdown > 0 ? summary.totalReturn / summary.maxDrawdown : nil
        }
        guard let value, value.isFinite else { return nil }
        return value
    }
}

/// Conditions a run must meet to be ranked (`--min-trades 30`, `--max-drawdown 0.25`).
public struct TrialConstraints: Sendable, Hashable {
    public var minimumTrades: Int
    public var maximumDrawdown: Double?

    public init(minimumTrades: Int = 0, maximumDrawdown: Double? = nil) {
        self.minimumTrades = minimumTrades
        self.maximumDrawdown = maximumDrawdown
    }

    /// Why the run is not ranked, or `nil` when it passes.
    public func violation(_ summary: PerformanceSummary) -> String? {
        if summary.tradeCount < minimumTrades { return "\(summary.tradeCount) trades < \(minimumTrades)" }
        if let maximumDrawdown, summary.maxDrawdown > maximumDrawdown {
            return "drawdown \(summary.maxDrawdown) > \(maximumDrawdown)"
        }
        return nil
    }
}
