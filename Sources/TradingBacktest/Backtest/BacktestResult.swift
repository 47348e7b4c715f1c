public import TradingCore
public import TradingEngine
import TradingReports

/// Everything a finished backtest produced.
public struct BacktestResult: Sendable {
    public let summary: PerformanceSummary
    public let trades: [TradeRecord]
    public let instruments: [Instrument]
    /// Downsampled equity (last, low and high per bucket) for charts.
    public let equityCurve: [SeriesDownsampler.Point]
    /// Downsampled price of the first instrument for charts.
    public let priceSeries: [SeriesDownsampler.Point]
    /// The configured indicator lines over the price chart, one value per ``priceSeries`` point (NaN while an
    /// indicator warms up).
    public let overlaySeries: [(overlay: ChartOverlay, values: [Double])]
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
    /// Holding every instrument over the same period: the benchmark to read the summary against.
    public let buyAndHold: BuyAndHoldSummary
    /// The trading state at the end (`active` unless a breaker or an operator changed it).
    public let tradingState: TradingState
    /// Every change of trading state during the run: breaker trips and resets, operator commands.
    public let stateChanges: [TradingStateRecord]
    /// Orders refused because trading was reducing or halted (part of ``deniedCount``).
    public let refusedByTradingState: Int
    /// Venue reports the engine could not reconcile (should be empty).
    public let anomalies: [String]
    /// Digest of every audit fact: equal digests mean equal decisions.
    public let auditDigest: String
    public let auditFactCount: Int
}

extension BacktestResult {
    /// One line on the breakers: none tripped, or each change with its time, the final state and the
    /// orders refused because of it.
    public var tradingStateSummary: String {
        guard let last = stateChanges.last else { return "active throughout (no breaker tripped)" }
        var trips: [(code: String, count: Int, first: Timestamp)] = []
        for change in stateChanges where change.state != .active {
            let code = change.code.string
            if let index = trips.firstIndex(where: { $0.code == code }) {
                trips[index].count += 1
            } else {
                trips.append((code, 1, change.time))
            }
        }
        let end =
            tradingState == .active
            ? "ended active" : "ended \(Self.stateWord(tradingState)) since \(last.time.iso8601) (\(last.code))"
        let tripText = trips.map { "\($0.code) \($0.count)× (first \($0.first.iso8601))" }.joined(separator: ", ")
        let refused = DisplayFormat.count(refusedByTradingState, "order")
        return "\(end); trips: \(tripText); \(refused) refused"
    }

    static func stateWord(_ state: TradingState) -> String {
        switch state {
        case .active: "active"
        case .reducing: "reducing"
        case .tradingHalted: "halted"
        }
    }
}

extension BacktestResult {
    /// PnL before fees and funding, exact (raw, account currency): the net change of equity plus the fees
    /// paid, minus the funding received.
    public var grossPnLRaw: Int128 {
        summary.finalEquity.raw - summary.initialEquity.raw + summary.totalFees.raw - summary.totalFunding.raw
    }

    public var grossPnL: Double { FixedPoint.toDouble(grossPnLRaw) }

    /// "gross / −fees / funding / net" in the account currency.
    public var pnlText: String {
        let net = summary.finalEquity.doubleValue - summary.initialEquity.doubleValue
        return [grossPnL, -summary.totalFees.doubleValue, summary.totalFunding.doubleValue, net]
            .map(DisplayFormat.money).joined(separator: " / ") + " \(summary.accountCurrency.code)"
    }

    /// Buy-and-hold's return over the run, each instrument's first and last price, and the strategy's excess.
    public var buyAndHoldText: String {
        guard let holding = buyAndHold.totalReturn else { return "–" }
        let prices = buyAndHold.instruments.map {
            "\(instruments[$0.instrument.int].id.symbolText.string) \(DisplayFormat.price($0.first)) → \(DisplayFormat.price($0.last))"
        }
        let excess = summary.totalReturn - holding
        let sign = excess >= 0 ? "+" : "−"
        return "\(DisplayFormat.percent(holding)) (\(prices.joined(separator: ", "))); strategy \(sign)"
            + "\(DisplayFormat.fixed2(abs(excess) * 100)) pts"
    }
}
