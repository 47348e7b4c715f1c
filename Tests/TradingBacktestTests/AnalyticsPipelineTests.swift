import Testing
import TradingCore
import TradingEngine
import TradingReports
import TradingTestSupport

@testable import TradingBacktest

/// The statistics and charts of a run are fed in batches, on a second thread for long runs
/// (``AnalyticsPipeline``): the results must not depend on which thread consumed them.
@Suite("Analytics pipeline")
struct AnalyticsPipelineTests {
    /// Records every sample it is given.
    private final class Recorder: EquityObserver {
        var times: [Timestamp] = []
        var equity: [Double] = []
        var drawdowns: [Double] = []
        func record(time: Timestamp, equity: Double, drawdown: Double) {
            times.append(time)
            self.equity.append(equity)
            drawdowns.append(drawdown)
        }
    }

    /// `count` one-minute bars of a seeded random walk: long enough for several batches.
    private static func walk(_ count: Int, seed: UInt64) -> [MarketEvent] {
        var generator = SeededGenerator(seed: seed)
        var price = 100.0
        return (0..<count).map { index in
            let next = max(20, price + Double(Int.random(in: -30...30, using: &generator)) / 10)
            defer { price = next }
            return .bar(
                Fixtures.bar(
                    index,
                    open: DisplayFormat.fixed2(price),
                    high: DisplayFormat.fixed2(max(price, next) + 0.3),
                    low: DisplayFormat.fixed2(min(price, next) - 0.3),
                    close: DisplayFormat.fixed2(next)
                )
            )
        }
    }

    /// Buys every 97 bars and sells 40 bars later, so that positions open and close across batches.
    private static func trader() -> ScriptedStrategy {
        ScriptedStrategy(subscriptions: [Fixtures.spot().id]) { index, _, context in
            if index % 97 == 0 { context.submit(.market(InstrumentIndex(0), .buy, .base(Fixtures.quantity("1")))) }
            if index % 97 == 40 { context.submit(.market(InstrumentIndex(0), .sell, .base(Fixtures.quantity("1")))) }
        }
    }

    private static func run(
        _ events: [MarketEvent],
        thread: Bool,
        observer: Recorder? = nil
    ) throws -> (BacktestResult, Bool) {
        let configuration = BacktestConfiguration(
            engine: EngineConfiguration(
                instruments: [Fixtures.spot()],
                accountCurrency: .usdt,
                balances: [Fixtures.money("100000")]
            ),
            analyticsThread: thread
        )
        var runner = try BacktestRunner(configuration: configuration, strategies: [trader()])
        runner.equityObserver = observer
        let result = runner.run(events: events)
        return (result, runner.analyticsThreadStarted)
    }

    @Test(
        "a long run gives the same statistics and charts on a second thread, on the run's thread and with an observer"
    )
    func sameResults() throws {
        let seed = UInt64.random(in: 1...UInt64.max)
        print("AnalyticsPipelineTests seed \(seed)")
        let events = Self.walk(30_000, seed: seed)
        let (threaded, startedThread) = try Self.run(events, thread: true)
        let (inline, startedInline) = try Self.run(events, thread: false)
        let recorder = Recorder()
        let (observed, startedObserved) = try Self.run(events, thread: true, observer: recorder)
        #expect(startedThread)
        #expect(!startedInline)
        #expect(!startedObserved, "an equity observer is fed on the run's thread")
        #expect(threaded.orderCount > 400)
        for other in [inline, observed] {
            #expect("\(threaded.summary)" == "\(other.summary)")
            #expect(threaded.equityCurve == other.equityCurve)
            #expect(threaded.priceSeries == other.priceSeries)
            #expect(threaded.auditDigest == other.auditDigest)
        }
        #expect(threaded.equityCurve.count > 100)
        #expect(threaded.summary.exposure > 0.3 && threaded.summary.exposure < 0.5)
        // The observer saw every bar's sample once, in order, with the drawdown the summary reports.
        #expect(recorder.times.count == threaded.barCount)
        #expect(zip(recorder.times, recorder.times.dropFirst()).allSatisfy { $0 < $1 })
        #expect(recorder.drawdowns.max() == threaded.summary.maxDrawdown)
        #expect(recorder.equity.last == threaded.equityCurve.last?.last)
    }

    @Test("a runner dropped in the middle of a long run stops its analytics thread")
    func abandonedRun() throws {
        let events = Self.walk(12_000, seed: 7)
        var runner = try BacktestRunner(
            configuration: BacktestConfiguration(
                engine: EngineConfiguration(
                    instruments: [Fixtures.spot()],
                    accountCurrency: .usdt,
                    balances: [Fixtures.money("100000")]
                )
            ),
            strategies: [Self.trader()]
        )
        for event in events { runner.step(event) }
        #expect(runner.analyticsThreadStarted)
        // Going out of scope without `finish` must join the thread, not hang or crash.
    }
}
