import TradingCore
public import TradingMarketData

/// Checks a candle series bar by bar in one pass (memory holds only the outlier candidates): gaps against
/// the timeframe, duplicate and out-of-order times, OHLC consistency, runs of zero-volume bars, and
/// close-to-close returns beyond `outlierSigmas` standard deviations of the whole series.
public struct CandleVerifier {
    public private(set) var report: VerificationReport
    private let minimumZeroRun: Int
    private var previous: StoredCandle?
    private var zeroRunStart: Int64?
    private var zeroRunLength = 0
    // Returns: running moments, and the largest candidates kept for the final sigma test.
    private var count = 0
    private var mean = 0.0
    private var squares = 0.0
    private var candidates: [(time: Int64, change: Double)] = []

    public init(series: String, timeframe: Timeframe, outlierSigmas: Double = 8, minimumZeroRun: Int = 3) {
        report = VerificationReport(series: series, timeframe: timeframe, outlierThreshold: outlierSigmas)
        self.minimumZeroRun = minimumZeroRun
    }

    public mutating func add(_ candle: StoredCandle) {
        report.rows += 1
        if report.first == nil { report.first = candle.openTime }
        report.last = max(report.last ?? candle.openTime, candle.openTime)
        if candle.filled { report.filledBars += 1 }
        if CandleChecks.problem(candle) != nil { report.ohlcProblems += 1 }
        if candle.volume.units == 0 && !candle.filled {
            if zeroRunStart == nil { zeroRunStart = candle.openTime }
            zeroRunLength += 1
            report.zeroVolumeBars += 1
        } else {
            closeZeroRun()
        }
        if let previous {
            if candle.openTime == previous.openTime {
                report.duplicates += 1
                return
            }
            if candle.openTime < previous.openTime {
                report.nonMonotonic += 1
                return
            }
            let expected = report.timeframe.closeTime(opening: Timestamp(milliseconds: previous.openTime)).milliseconds
            if candle.openTime > expected {
                var missing = 0
                var time = expected
                while time < candle.openTime && missing < 10_000_000 {
                    missing += 1
                    time = report.timeframe.closeTime(opening: Timestamp(milliseconds: time)).milliseconds
                }
                report.gaps.append(.init(after: previous.openTime, before: candle.openTime, missingBars: missing))
                report.missingBars += missing
            }
            if previous.close.units > 0 {
                let change = candle.close.doubleValue / previous.close.doubleValue - 1
                count += 1
                let delta = change - mean
                mean += delta / Double(count)
                squares += delta * (change - mean)
                candidates.append((candle.openTime, change))
                if candidates.count > 4_096 { pruneCandidates() }
            }
        }
        previous = candle
    }

    /// Keeps the most extreme returns; a return that is not among them cannot be an outlier.
    private mutating func pruneCandidates() {
        candidates.sort { abs($0.change - mean) > abs($1.change - mean) }
        candidates.removeLast(candidates.count - 1_024)
    }

    private mutating func closeZeroRun() {
        if let start = zeroRunStart, zeroRunLength >= minimumZeroRun {
            report.zeroVolumeRuns.append(.init(start: start, bars: zeroRunLength))
        }
        zeroRunStart = nil
        zeroRunLength = 0
    }

    /// The finished report.
    public mutating func finish() -> VerificationReport {
        closeZeroRun()
        if count > 2 {
            let sigma = (squares / Double(count - 1)).squareRoot()
            if sigma > 0 {
                report.outliers = candidates.compactMap { candidate in
                    let sigmas = abs(candidate.change - mean) / sigma
                    return sigmas > report.outlierThreshold
                        ? .init(time: candidate.time, change: candidate.change, sigmas: sigmas) : nil
                }.sorted { $0.sigmas > $1.sigmas }
            }
        }
        return report
    }
}
