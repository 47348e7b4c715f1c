import Testing
import TradingCore
import TradingEngine
import TradingStrategies
import TradingTestSupport

@testable import TradingBacktest

/// `ema_cross` takes bar runs from a tape by their closes (`Strategy.scanQuietBars`), with its averages in
/// registers, and the engine keeps the books of the bars taken in a loop of its own. These tests hold that
/// path to the bar-by-bar one: the same trades, equity curve, audit digest and counts, on random markets of
/// one instrument (a uniform tape, read without checks) and of two (checked stretch by stretch, and with
/// exposure on the other instrument taken bar by bar), through warm-up, the RSI filter, long-short
/// reversals and brackets.
@Suite("Bar runs taken by their closes")
struct ScannedBarRunTests {
    private static func compare(_ generator: inout SeededGenerator, scanned: inout Int, total: inout Int) -> String? {
        let spot = Fixtures.spot()
        let perpetual = Fixtures.perpetual()
        let twoInstruments = Bool.random(using: &generator)
        let instruments = twoInstruments ? [spot, perpetual] : [spot]
        let fast = Int.random(in: 2...12, using: &generator)
        var assignments = [
            "fast": "\(fast)", "slow": "\(fast + Int.random(in: 1...25, using: &generator))",
            "mode": Bool.random(using: &generator) ? "long_only" : "long_short",
        ]
        if Int.random(in: 0..<3, using: &generator) == 0 {
            assignments["rsi_period"] = "\(Int.random(in: 2...14, using: &generator))"
            assignments["rsi_max"] = "\(Int.random(in: 55...80, using: &generator))"
            assignments["rsi_min"] = "\(Int.random(in: 20...45, using: &generator))"
        }
        if Int.random(in: 0..<4, using: &generator) == 0 {
            assignments["stop_loss"] = "0.0\(Int.random(in: 1...5, using: &generator))"
            assignments["take_profit"] = "0.0\(Int.random(in: 1...9, using: &generator))"
        }
        let events = RandomMarket.bars(
            &generator,
            instruments: instruments.count,
            atLeast: Int.random(in: 600...2_000, using: &generator)
        )
        let latency: Duration = [.zero, .zero, .seconds(30), .seconds(150)].randomElement(using: &generator)!
        func run(barRuns: Bool, tape: Bool) throws -> (BacktestResult, Int) {
            let descriptor = try StrategyRegistry.descriptor(named: "ema_cross")
            let values = try descriptor.values(assignments)
            var strategies = [descriptor.make(id: Fixtures.strategyID("ema-spot"), instrument: spot.id, values: values)]
            if twoInstruments {
                strategies.append(
                    descriptor.make(id: Fixtures.strategyID("ema-perp"), instrument: perpetual.id, values: values)
                )
            }
            var runner = try BacktestRunner(
                configuration: BacktestConfiguration(
                    engine: EngineConfiguration(
                        instruments: instruments,
                        accountCurrency: .usdt,
                        balances: [Fixtures.money("100000"), Fixtures.money("5", .btc)],
                        leverage: twoInstruments ? [perpetual.id: Ratio(3)] : [:]
                    ),
                    latency: latency
                ),
                strategies: strategies
            )
            runner.usesBarRuns = barRuns
            let result = tape ? runner.run(tape: EventTape(events)) : runner.run(events: events)
            return (result, runner.barsInRuns)
        }
        do {
            let (stepped, _) = try run(barRuns: false, tape: false)
            let (fromEvents, _) = try run(barRuns: true, tape: false)
            let (fromTape, barsInRuns) = try run(barRuns: true, tape: true)
            scanned += barsInRuns
            total += events.count
            for (name, other) in [("bar runs from events", fromEvents), ("bar runs from a tape", fromTape)] {
                let pairs: [(String, String, String)] = [
                    ("audit digest", stepped.auditDigest, other.auditDigest),
                    ("summary", "\(stepped.summary)", "\(other.summary)"),
                    ("trades", "\(stepped.trades)", "\(other.trades)"),
                    ("equity curve", "\(stepped.equityCurve)", "\(other.equityCurve)"),
                    ("price series", "\(stepped.priceSeries)", "\(other.priceSeries)"),
                    ("balances", "\(stepped.finalBalances)", "\(other.finalBalances)"),
                    (
                        "counts",
                        "\(stepped.eventCount) \(stepped.barCount) \(stepped.orderCount) \(stepped.fillCount) \(stepped.auditFactCount)",
                        "\(other.eventCount) \(other.barCount) \(other.orderCount) \(other.fillCount) \(other.auditFactCount)"
                    ),
                ]
                for (field, left, right) in pairs where left != right {
                    return
                        "\(name): \(field) differ (\(assignments), \(instruments.count) instruments): \(left.prefix(200)) vs \(right.prefix(200))"
                }
            }
            if stepped.orderCount < 2 { return "too few orders to compare: \(stepped.orderCount) (\(assignments))" }
        } catch {
            return "\(error)"
        }
        return nil
    }

    @Test("ema_cross over bars taken by their closes equals the same run stepped bar by bar (seeded)")
    func scannedRunsMatchSteps() {
        var scanned = 0
        var total = 0
        let failures = PropertyTesting.check("scanned bar runs match steps", cases: 24) {
            Self.compare(&$0, scanned: &scanned, total: &total)
        }
        #expect(failures.isEmpty)
        print("scanned bar runs: \(scanned) of \(total) bars went in runs from a tape")
        #expect(scanned > total / 3)
    }

    @Test("a tape of one instrument's bars says so; a second instrument or another event takes it back")
    func uniformTape() throws {
        let bars = (0..<5).map { minute in
            MarketEvent.bar(
                Fixtures.bar(
                    minute,
                    open: "100",
                    high: "101",
                    low: "99",
                    close: "100.5",
                    instrument: InstrumentIndex(1)
                )
            )
        }
        #expect(EventTape(bars).uniformInstrument == InstrumentIndex(1))
        let other = MarketEvent.bar(
            Fixtures.bar(9, open: "100", high: "101", low: "99", close: "100.5", instrument: InstrumentIndex(0))
        )
        #expect(EventTape(bars + [other]).uniformInstrument == nil)
        let funding = MarketEvent.funding(
            FundingRateUpdate(
                instrument: InstrumentIndex(1),
                rate: Ratio(raw: 1_000_000_000_000),
                fundingTime: Timestamp(seconds: 600),
                receivedTime: Timestamp(seconds: 600)
            )
        )
        #expect(EventTape(bars + [funding]).uniformInstrument == nil)
        #expect(EventTape([]).uniformInstrument == nil)
    }
}
