import TradingCore

/// Accumulates equity statistics sample by sample, in constant memory: drawdown, exposure and period
/// returns for Sharpe, Sortino and volatility.
struct PerformanceAccumulator: Sendable {
    let initialEquity: Double
    private(set) var peak: Double
    private(set) var maxDrawdown = 0.0
    private var peakTime: Int64 = .min
    private var longestDrawdown: Int64 = 0
    private(set) var firstTime: Int64?
    private(set) var lastTime: Int64 = 0
    private var lastSampleTime: Int64?
    private var inMarket = false
    private var exposureNanoseconds: Int64 = 0
    private(set) var lastEquity: Double
    private var daily = ReturnSeries(period: 86_400_000_000_000)
    private var hourly = ReturnSeries(period: 3_600_000_000_000)
    private var minutely = ReturnSeries(period: 60_000_000_000)

    /// A period-return deviation below this is rounding, not risk (a hundred-millionth of a percent).
    static let flatDeviation = 1e-10

    /// The fewest period returns the ratios are computed from when a longer period has too few.
    static let minimumReturns = 30

    init(initialEquity: Double) {
        self.initialEquity = initialEquity
        peak = initialEquity
        lastEquity = initialEquity
    }

    /// Marks the start of the run (the first data time).
    mutating func start(at time: Int64) {
        if firstTime == nil {
            firstTime = time
            peakTime = time
            lastSampleTime = time
        }
    }

    /// Records equity at `time`; `positionOpen` says whether any position was open since the previous
    /// sample. Returns the drawdown from the peak, as a fraction.
    @inline(__always)
    @discardableResult
    mutating func sample(time: Int64, equity: Double, positionOpen: Bool) -> Double {
        if let last = lastSampleTime, inMarket { exposureNanoseconds += time - last }
        lastSampleTime = time
        inMarket = positionOpen
        lastTime = time
        lastEquity = equity
        var drawdown = 0.0
        if equity >= peak {
            if equity > peak || peakTime == .min {
                longestDrawdown = max(longestDrawdown, time - peakTime)
                peakTime = time
            }
            peak = equity
        } else if peak - equity > maxDrawdown * peak {
            // Divide only when the drawdown may be a new maximum.
            drawdown = (peak - equity) / peak
            if drawdown > maxDrawdown { maxDrawdown = drawdown }
        }
        // The summary uses the longest period with at least `minimumReturns` returns, so once a longer
        // period has that many, the shorter ones are no longer needed.
        daily.observe(time: time, equity: equity, initial: initialEquity)
        if daily.count < Self.minimumReturns {
            hourly.observe(time: time, equity: equity, initial: initialEquity)
            if hourly.count < Self.minimumReturns {
                minutely.observe(time: time, equity: equity, initial: initialEquity)
            }
        }
        return drawdown
    }

    /// The drawdown of `equity` from the current peak, as a fraction.
    func drawdown(of equity: Double) -> Double { equity >= peak ? 0 : (peak - equity) / peak }

    /// The metrics, given the exact final equity and the closed trades.
    mutating func summary(
        currency: Currency,
        initial: Money,
        final: Money,
        endTime: Int64,
        trades: [TradeRecord],
        fees: Money,
        funding: Money
    ) -> PerformanceSummary {
        let start = firstTime ?? endTime
        if let last = lastSampleTime, inMarket, endTime > last { exposureNanoseconds += endTime - last }
        longestDrawdown = max(longestDrawdown, endTime - (peakTime == .min ? start : peakTime))
        daily.finish()
        hourly.finish()
        minutely.finish()
        // The longest period with at least 30 returns; failing that, the longest with at least two.
        let candidates = [(daily, "1d"), (hourly, "1h"), (minutely, "1m")]
        let (series, periodName) =
            candidates.first { $0.0.count >= Self.minimumReturns } ?? candidates.first { $0.0.count >= 2 }
            ?? candidates[0]
        let initialValue = initial.doubleValue
        let finalValue = final.doubleValue
        let totalReturn = initialValue > 0 ? finalValue / initialValue - 1 : 0
        let years = Double(endTime - start) / (365.25 * 86_400e9)
        let cagr =
            years > 0 && initialValue > 0 ? (finalValue > 0 ? pow(finalValue / initialValue, 1 / years) - 1 : -1) : 0
        let annualize = series.periodsPerYear.squareRoot()
        // An equity curve that never moved (no trades, or only rounding in the last digits) has no volatility:
        // its ratios are undefined ("–"), never the quotient of two rounding errors.
        let flat = series.standardDeviation.isNaN || series.standardDeviation < Self.flatDeviation
        let deviation = flat ? .nan : series.standardDeviation
        let volatility = deviation.isFinite ? deviation * annualize : nil
        let sharpe = deviation.isFinite && deviation > 0 ? series.average / deviation * annualize : nil
        let downside = flat ? .nan : series.downsideDeviation
        let sortino = downside.isFinite && downside > 0 ? series.average / downside * annualize : nil
        let calmar = maxDrawdown > 0 ? cagr / maxDrawdown : nil

        var wins = 0.0
        var losses = 0.0
        var winCount = 0
        var lossCount = 0
        var streak = 0
        var longestStreak = 0
        var totalDuration: Int64 = 0
        var best: Double?
        var worst: Double?
        var liquidations = 0
        for trade in trades {
            let pnl = FixedPoint.toDoubleApproximately(trade.netRaw)
            if trade.netRaw > 0 {
                wins += pnl
                winCount += 1
                streak = 0
            } else {
                losses += -pnl
                lossCount += 1
                streak += 1
                longestStreak = max(longestStreak, streak)
            }
            totalDuration += trade.exitTime.nanoseconds - trade.entryTime.nanoseconds
            best = max(best ?? pnl, pnl)
            worst = min(worst ?? pnl, pnl)
            if trade.liquidated { liquidations += 1 }
        }
        let count = trades.count
        return PerformanceSummary(
            accountCurrency: currency,
            initialEquity: initial,
            finalEquity: final,
            startTime: Timestamp(nanoseconds: start),
            endTime: Timestamp(nanoseconds: endTime),
            totalReturn: totalReturn,
            cagr: cagr,
            annualVolatility: volatility,
            maxDrawdown: maxDrawdown,
            maxDrawdownDuration: .nanoseconds(longestDrawdown),
            sharpe: sharpe,
            sortino: sortino,
            calmar: calmar,
            returnsPeriod: periodName,
            returnsCount: series.count,
            tradeCount: count,
            winRate: count > 0 ? Double(winCount) / Double(count) : nil,
            profitFactor: losses > 0 ? wins / losses : nil,
            averageWin: winCount > 0 ? wins / Double(winCount) : nil,
            averageLoss: lossCount > 0 ? -losses / Double(lossCount) : nil,
            expectancy: count > 0 ? (wins - losses) / Double(count) : nil,
            bestTrade: best,
            worstTrade: worst,
            exposure: endTime > start ? Double(exposureNanoseconds) / Double(endTime - start) : 0,
            averageTradeDuration: count > 0 ? .nanoseconds(totalDuration / Int64(count)) : nil,
            totalFees: fees,
            totalFunding: funding,
            longestLosingStreak: longestStreak,
            liquidations: liquidations
        )
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
