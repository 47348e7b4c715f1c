import Testing
import TradingCore
import TradingEngine
import TradingTestSupport

@testable import TradingBacktest

/// Trades at random on the bars of its instruments: market and limit orders of random size, cancels, and
/// now and then a timer; it also records what it saw of the engine on every bar, so that two runs can be
/// compared callback by callback.
private struct RandomTrader: Strategy {
    let id: StrategyID
    let subscriptions: [InstrumentID]
    var generator: SeededGenerator
    /// The chance, in percent, that a bar makes the strategy act.
    let activity: Int
    /// Per bar: its instrument and close time, the engine's time, the equity, the open orders, and the
    /// market state's last bar and price for the instrument, as the strategy saw them.
    var seen: [String] = []
    /// The engine state as the previous bar left it, kept across callbacks: a value, which later bars must
    /// not change.
    var snapshot: EngineState?

    mutating func onBar(_ bar: Bar, context: inout StrategyContext) {
        if let snapshot {
            let kept = snapshot.market.lastBar(bar.instrument)
            seen.append("kept \(snapshot.now) \(kept.map { "\($0.closeTime) \($0.close)" } ?? "none")")
        }
        snapshot = context.state
        let state = context.state
        let last = state.market.lastBar(bar.instrument)
        seen.append(
            "\(bar.instrument.value) \(bar.closeTime) \(state.now) \(state.equity) \(state.orders.openCount) "
                + "\(last == bar) \(last.map { "\($0)" } ?? "none") \(state.market.lastPrice(bar.instrument).map { "\($0)" } ?? "none")"
        )
        guard Int.random(in: 0..<100, using: &generator) < activity else { return }
        let instrument = state.instruments[bar.instrument.int]
        let quantity = instrument.round(
            quantity: Quantity(raw: Int128(Int.random(in: 1...50, using: &generator)) * FixedPoint.scale / 1_000)
        )
        let side: OrderSide = Bool.random(using: &generator) ? .buy : .sell
        switch Int.random(in: 0..<5, using: &generator) {
        case 0, 1: _ = context.submit(.market(bar.instrument, side, .base(quantity)))
        case 2:
            // Mostly near the market, so that most limits fill within a few bars and some rest longer.
            let tenths = Int.random(in: -5...20, using: &generator)
            let offset = Price(raw: Int128(side == .buy ? tenths : -tenths) * FixedPoint.scale / 10)
            _ = context.submit(
                .limit(bar.instrument, side, quantity, price: instrument.round(price: bar.close + offset))
            )
        case 3:
            let open = state.orders.openOrders
            if !open.isEmpty { context.cancel(open[Int.random(in: 0..<open.count, using: &generator)].clientOrderID) }
        default:
            context.setTimer("check", at: bar.closeTime.advanced(byNanoseconds: 90_000_000_000))
        }
    }
}

@Suite("Bar runs")
struct BarRunPropertyTests {
    /// Runs the same market twice, with and without bar runs, and returns a difference or `nil`.
    /// `taken` and `total` add up the bars that went in runs and all bars.
    /// With `tape`, the runs read the bars from an ``EventTape``.
    private static func compare(
        _ generator: inout SeededGenerator,
        tape: Bool,
        taken: inout Int,
        total: inout Int
    ) -> String? {
        let spot = Fixtures.spot()
        let perpetual = Fixtures.perpetual()
        let instruments = [spot, perpetual]
        let seed = UInt64.random(in: 0...UInt64.max, using: &generator)
        let activity = [0, 1, 2, 10].randomElement(using: &generator)!
        // One or two strategies, on one or both instruments: two strategies on an instrument take the
        // engine's one-bar path.
        var strategies: [RandomTrader] = [
            RandomTrader(
                id: Fixtures.strategyID("first"),
                subscriptions: [spot.id, perpetual.id],
                generator: SeededGenerator(seed: seed),
                activity: activity
            )
        ]
        if Bool.random(using: &generator) {
            strategies.append(
                RandomTrader(
                    id: Fixtures.strategyID("second"),
                    subscriptions: [spot.id],
                    generator: SeededGenerator(seed: seed &+ 1),
                    activity: activity
                )
            )
        }
        // Long stretches of one instrument, then stretches where the two alternate.
        let events = RandomMarket.bars(&generator, instruments: 2, atLeast: 1_500)
        let latency: Duration = [.zero, .seconds(30), .seconds(150)].randomElement(using: &generator)!
        func run(barRuns: Bool, tape: Bool = false) throws -> (BacktestResult, [[String]], Int) {
            var runner = try BacktestRunner(
                configuration: BacktestConfiguration(
                    engine: EngineConfiguration(
                        instruments: instruments,
                        accountCurrency: .usdt,
                        balances: [Fixtures.money("100000"), Fixtures.money("5", .btc)],
                        leverage: [perpetual.id: Ratio(3)]
                    ),
                    latency: latency
                ),
                strategies: strategies
            )
            runner.usesBarRuns = barRuns
            let result = tape ? runner.run(tape: EventTape(events)) : runner.run(events: events)
            return (result, runner.engine.strategies.map { ($0 as? RandomTrader)?.seen ?? [] }, runner.barsInRuns)
        }
        do {
            let (stepped, steppedSeen, _) = try run(barRuns: false)
            let (runs, runsSeen, barsInRuns) = try run(barRuns: true, tape: tape)
            taken += barsInRuns
            total += events.count
            if stepped.barCount != events.count { return "stepped run saw \(stepped.barCount) of \(events.count) bars" }
            if steppedSeen != runsSeen { return "strategies saw different engines" }
            if stepped.orderCount < 5 && activity >= 2 { return "too few orders to compare: \(stepped.orderCount)" }
            let pairs: [(String, String, String)] = [
                ("audit digest", stepped.auditDigest, runs.auditDigest),
                ("summary", "\(stepped.summary)", "\(runs.summary)"),
                ("trades", "\(stepped.trades)", "\(runs.trades)"),
                ("equity curve", "\(stepped.equityCurve)", "\(runs.equityCurve)"),
                ("price series", "\(stepped.priceSeries)", "\(runs.priceSeries)"),
                ("balances", "\(stepped.finalBalances)", "\(runs.finalBalances)"),
                (
                    "counts",
                    "\(stepped.eventCount) \(stepped.barCount) \(stepped.orderCount) \(stepped.fillCount) \(stepped.auditFactCount)",
                    "\(runs.eventCount) \(runs.barCount) \(runs.orderCount) \(runs.fillCount) \(runs.auditFactCount)"
                ),
            ]
            for (name, left, right) in pairs where left != right {
                return "\(name) differ: \(left.prefix(200)) vs \(right.prefix(200))"
            }
        } catch {
            return "\(error)"
        }
        return nil
    }

    @Test(
        "a run over bars taken in runs equals the same run stepped bar by bar (seeded), from events and from a tape",
        arguments: [false, true]
    )
    func runsMatchSteps(tape: Bool) {
        var taken = 0
        var total = 0
        let failures = PropertyTesting.check(
            tape ? "tape runs match steps" : "bar runs match steps",
            cases: tape ? 12 : 16
        ) {
            Self.compare(&$0, tape: tape, taken: &taken, total: &total)
        }
        #expect(failures.isEmpty)
        // Open orders, timers, alternating instruments and a second strategy on an instrument all keep bars
        // out of runs (about a fifth of these bars go in runs); the comparison means something only if
        // enough still do.
        print("bar runs\(tape ? " from a tape" : ""): \(taken) of \(total) bars went in runs")
        #expect(taken > total / 8)
    }
}
