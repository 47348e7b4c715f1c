public import TradingBacktest
import TradingCore
import TradingEngine

/// One backtest of a search: its parameters, metrics and score.
public struct Trial: Sendable {
    public init(
        candidate: SearchPlan.Candidate,
        summary: PerformanceSummary,
        score: Double?,
        violation: String?,
        tradeReturns: [Double],
        tradePnL: [Double],
        endsOpen: Bool = false,
        buyAndHold: Double? = nil
    ) {
        self.endsOpen = endsOpen
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
    /// Each trade's net return on the equity it was opened with, in order (for Monte Carlo); a position open
    /// at the end counts as a trade closed at the last price (``TradingBacktest/BacktestResult/tradePnL``).
    public let tradeReturns: [Double]
    /// Each trade's net PnL in the account currency, in order, counted as ``tradeReturns`` counts them.
    public let tradePnL: [Double]
    /// Whether the last of ``tradePnL`` is a position still open at the end, closed at the last price.
    public let endsOpen: Bool
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
    /// Each trade's net return on the equity it was opened with, in order (equity taken from the initial
    /// equity plus earlier trades' net PnL), over ``tradePnL``: the closed trades and a position still open at
    /// the end, closed at the last price. Compounded in order they give the run's return less that exit's fee.
    public var tradeReturns: [Double] {
        var equity = summary.initialEquity.doubleValue
        var returns: [Double] = []
        returns.reserveCapacity(trades.count + 1)
        for pnl in tradePnL {
            returns.append(equity > 0 ? pnl / equity : 0)
            equity += pnl
        }
        return returns
    }

    /// Each closed trade's net PnL in the account currency, in order, then, when positions are still open at
    /// the end, ``closingPnL`` as one more trade: so that the trades add up to the run's final equity (less
    /// that exit's fee) and Monte Carlo and the stitched walk-forward count the same thing.
    public var tradePnL: [Double] {
        let closed = trades.map { FixedPoint.toDouble($0.netRaw) }
        guard let closing = closingPnL else { return closed }
        return closed + [closing]
    }

    /// What closing every position still open at the end would add, at the last price and the taker fee: the
    /// final equity less the initial equity, less the closed trades' PnL, less that exit's fee; `nil` when the
    /// run ends flat.
    public var closingPnL: Double? {
        guard !openPositions.isEmpty else { return nil }
        var fee = 0.0
        for position in openPositions {
            let instrument = instruments[position.instrument.int]
            guard let last = buyAndHold.instruments.first(where: { $0.instrument == position.instrument })?.last
            else { continue }
            let quantity =
                abs(FixedPoint.toDouble(position.signedQuantityRaw)) * position.contractMultiplier.doubleValue
            fee += quantity * last * instrument.takerFee.doubleValue
        }
        let closed = trades.reduce(0.0) { $0 + FixedPoint.toDouble($1.netRaw) }
        return summary.finalEquity.doubleValue - summary.initialEquity.doubleValue - closed - fee
    }
}
