public import TradingBacktest
import TradingCore

/// One backtest of a search: its parameters, metrics and score.
public struct Trial: Sendable {
    public init(
        candidate: SearchPlan.Candidate,
        summary: PerformanceSummary,
        score: Double?,
        violation: String?,
        tradeReturns: [Double],
        tradePnL: [Double],
        buyAndHold: Double? = nil
    ) {
        self.candidate = candidate
        self.summary = summary
        self.score = score
        self.violation = violation
        self.tradeReturns = tradeReturns
        self.tradePnL = tradePnL
        self.buyAndHold = buyAndHold
    }

    public let candidate: SearchPlan.Candidate
    public let summary: PerformanceSummary
    /// The objective's value; `nil` when undefined.
    public let score: Double?
    /// Why the run is not ranked (a constraint it breaks), or `nil`.
    public let violation: String?
    /// Each closed trade's net return on the equity it was opened with, in order (for Monte Carlo).
    public let tradeReturns: [Double]
    /// Each closed trade's net PnL in the account currency, in order.
    public let tradePnL: [Double]
    /// Buy-and-hold's return over the same data (`nil` when no price was seen).
    public let buyAndHold: Double?

    /// Whether the run can be ranked: it meets the constraints and has a score.
    public var isRanked: Bool { violation == nil && score != nil }

    /// Ranking order: ranked runs first, by score descending, ties by plan order (deterministic).
    public static func ranksBefore(_ lhs: Trial, _ rhs: Trial) -> Bool {
        switch (lhs.isRanked, rhs.isRanked) {
        case (true, false): return true
        case (false, true): return false
        default:
            let left = lhs.score ?? -.infinity
            let right = rhs.score ?? -.infinity
            if left != right { return left > right }
            return lhs.candidate.index < rhs.candidate.index
        }
    }
}

extension BacktestResult {
    /// Each closed trade's net return on the equity it was opened with, in order (equity taken from the
    /// initial equity plus earlier trades' net PnL).
    public var tradeReturns: [Double] {
        var equity = summary.initialEquity.doubleValue
        var returns: [Double] = []
        returns.reserveCapacity(trades.count)
        for pnl in tradePnL {
            returns.append(equity > 0 ? pnl / equity : 0)
            equity += pnl
        }
        return returns
    }

    /// Each closed trade's net PnL in the account currency, in order.
    public var tradePnL: [Double] { trades.map { FixedPoint.toDouble($0.netRaw) } }
}
