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
        let refused = refusedByTradingState == 1 ? "1 order" : "\(refusedByTradingState) orders"
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
