public import TradingBacktest
public import TradingCore
import TradingEngine
import TradingReports

/// Walk-forward analysis: in each window, search on the training span, then run the best parameters
/// unchanged on the test span that follows. The test results are out of sample; stitched together they
/// show what the search would have earned had it been re-run on schedule.
///
/// Each test span is backtested on its own, so indicators warm up inside it (no data from the training
/// span leaks into it).
public struct WalkForward: Sendable {
    public let optimizer: Optimizer
    public let plan: WalkForwardPlan

    public init(optimizer: Optimizer, plan: WalkForwardPlan) {
        self.optimizer = optimizer
        self.plan = plan
    }

    /// One window's outcome.
    public struct WindowResult: Sendable {
        public let window: WalkForwardPlan.Window
        public let trainingRuns: Int
        /// The best ranked in-sample trial, or `nil` when none met the constraints.
        public let inSample: Trial?
        /// The best parameters on the test span.
        public let outOfSample: Trial?
        /// Out-of-sample equity at every event of the test span.
        let equity: [Double]
    }

    /// The stitched out-of-sample results.
    public struct Combined: Sendable, Hashable {
        public let windows: Int
        public let totalReturn: Double
        public let maxDrawdown: Double
        /// Trades, counting each position a window still held at its end as one closed at its last price.
        public let trades: Int
        /// How many of ``trades`` are positions closed at a window's end.
        public let closedAtWindowEnd: Int
        public let winRate: Double?
        public let profitFactor: Double?
        /// Mean in-sample and out-of-sample objective over the windows that have both.
        public let meanInSampleScore: Double?
        public let meanOutOfSampleScore: Double?

        /// Out-of-sample over in-sample objective (walk-forward efficiency); `nil` when undefined.
        public var efficiency: Double? {
            guard let inSample = meanInSampleScore, let outOfSample = meanOutOfSampleScore, inSample > 0 else {
                return nil
            }
            return outOfSample / inSample
        }

        /// A warning when the in-sample results are much better than the out-of-sample ones.
        public var overfittingWarning: String? {
            guard let inSample = meanInSampleScore, let outOfSample = meanOutOfSampleScore, inSample > 0 else {
                return nil
            }
            if outOfSample <= 0 {
                return
                    "likely overfit: the out-of-sample objective averages \(Self.format(outOfSample)) against \(Self.format(inSample)) in sample"
            }
            if outOfSample < 0.5 * inSample {
                return
                    "possibly overfit: out-of-sample results keep \(DisplayFormat.fixed2(100 * outOfSample / inSample)) % of the in-sample objective (below 50 %)"
            }
            return nil
        }

        static func format(_ value: Double) -> String {
            abs(value) < 1e12 ? String(Double(Int((value * 1_000).rounded())) / 1_000) : value.description
        }
    }

    public struct Result: Sendable {
        public let windows: [WindowResult]
        public let combined: Combined
    }

    /// Runs every window.
    /// - Parameters:
    ///   - events: all market events in replay order.
    ///   - progress: called with (windows finished, windows in all).
    /// - Throws: ``BacktestError`` when a run cannot be built, or when the data is shorter than one window.
    public func run(
        events: [MarketEvent],
        candidates: [SearchPlan.Candidate],
        workers: Int,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws(BacktestError) -> Result {
        // Windows start at the first event's exchange time (a bar's open) and end after the last event
        // was received (the last bar's close).
        guard let first = events.lazy.map(\.exchangeTime).min(), let last = events.last?.receivedTime else {
            throw .noData("no market data for the walk-forward analysis")
        }
        let end = last.advanced(byNanoseconds: 1)
        let windows = plan.windows(start: first, end: end)
        guard !windows.isEmpty else {
            throw .configuration(
                "walk-forward \(plan) needs data spanning train + test; the data spans \(first) to \(last)"
            )
        }
        var results: [WindowResult] = []
        for window in windows {
            let training = Self.slice(events, from: window.trainStart, to: window.trainEnd)
            let testing = Self.slice(events, from: window.trainEnd, to: window.testEnd)
            let trials = try await optimizer.run(candidates, events: training, workers: workers)
            let best = Optimizer.ranked(trials).first.flatMap { $0.isRanked ? $0 : nil }
            var outOfSample: Trial?
            var equity: [Double] = []
            if let best, !testing.isEmpty {
                let recorder = EquityRecorder()
                outOfSample = try optimizer.run(best.candidate, events: testing, observer: recorder).0
                equity = recorder.values
            }
            results.append(
                WindowResult(
                    window: window,
                    trainingRuns: trials.count,
                    inSample: best,
                    outOfSample: outOfSample,
                    equity: equity
                )
            )
            progress?(results.count, windows.count)
        }
        return Result(windows: results, combined: Self.combine(results))
    }

    /// The events whose exchange time (a bar's open) is in `[from, to)`, in replay order.
    static func slice(_ events: [MarketEvent], from: Timestamp, to: Timestamp) -> [MarketEvent] {
        events.filter { $0.exchangeTime >= from && $0.exchangeTime < to }
    }

    static func combine(_ windows: [WindowResult]) -> Combined {
        var growth = 1.0
        var peak = 1.0
        var maxDrawdown = 0.0
        var trades = 0
        var wins = 0
        var gains = 0.0
        var losses = 0.0
        var inSampleScores: [Double] = []
        var outOfSampleScores: [Double] = []
        var counted = 0
        var closedAtWindowEnd = 0
        for window in windows {
            guard let trial = window.outOfSample else { continue }
            counted += 1
            let initial = trial.summary.initialEquity.doubleValue
            for value in window.equity where initial > 0 {
                let level = growth * value / initial
                peak = max(peak, level)
                maxDrawdown = max(maxDrawdown, (peak - level) / peak)
            }
            // Trades are scaled to the stitched account so gains and losses add up across windows.
            for pnl in trial.tradePnL {
                trades += 1
                let scaled = initial > 0 ? pnl * growth / initial : 0
                if scaled > 0 {
                    wins += 1
                    gains += scaled
                } else {
                    losses -= scaled
                }
            }
            // The window's trades add up to its final equity less the fee of closing what it still held
            // (`BacktestResult.tradePnL`): the stitched account compounds them, as Monte Carlo does.
            if trial.endsOpen { closedAtWindowEnd += 1 }
            growth *= initial > 0 ? 1 + trial.tradePnL.reduce(0, +) / initial : 1
            if let inSample = window.inSample?.score, let outOfSample = trial.score {
                inSampleScores.append(inSample)
                outOfSampleScores.append(outOfSample)
            }
        }
        func mean(_ values: [Double]) -> Double? { values.isEmpty ? nil : values.reduce(0, +) / Double(values.count) }
        return Combined(
            windows: counted,
            totalReturn: growth - 1,
            maxDrawdown: maxDrawdown,
            trades: trades,
            closedAtWindowEnd: closedAtWindowEnd,
            winRate: trades > 0 ? Double(wins) / Double(trades) : nil,
            profitFactor: losses > 0 ? gains / losses : nil,
            meanInSampleScore: mean(inSampleScores),
            meanOutOfSampleScore: mean(outOfSampleScores)
        )
    }
}

/// Keeps every equity sample of a run.
final class EquityRecorder: EquityObserver, @unchecked Sendable {
    private(set) var values: [Double] = []

    func record(time: Timestamp, equity: Double, drawdown: Double) { values.append(equity) }
}
