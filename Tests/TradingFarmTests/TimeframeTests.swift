import Testing
import TradingBacktest
import TradingCore
import TradingEngine
import TradingFarm
import TradingTestSupport

@Suite("Bot timeframes")
struct TimeframeTests {
    @Test("1-minute bars make 15-minute bars: first open, high, low, last close, summed volume, at the bucket's end")
    func aggregates() {
        var aggregator = BarAggregator(timeframe: .minutes(15))
        var completed: [Bar] = []
        // Minutes 3…47: the first bucket is partial (starts at minute 3), then two whole ones; 45…47 stay open.
        for minute in 3..<48 {
            let price = 100 + minute
            let bar = Fixtures.bar(
                minute, open: "\(price)", high: "\(price + 2)", low: "\(price - 1)", close: "\(price + 1)", volume: "\(minute)")
            if let done = aggregator.add(bar) { completed.append(done) }
        }
        #expect(completed.count == 3)
        let start = Fixtures.bar(0, open: "1", high: "1", low: "1", close: "1").openTime
        let second = completed[1]
        #expect(second.openTime == start + .seconds(15 * 60))
        #expect(second.closeTime == start + .seconds(30 * 60))
        #expect(second.open == Fixtures.price("115"))
        #expect(second.high == Fixtures.price("131"))
        #expect(second.low == Fixtures.price("114"))
        #expect(second.close == Fixtures.price("130"))
        #expect(second.volume == Fixtures.quantity("\((15..<30).reduce(0, +))"))
        #expect(completed[0].open == Fixtures.price("103"))
        #expect(completed[0].volume == Fixtures.quantity("\((3..<15).reduce(0, +))"))

        // Bars as long as the timeframe pass through as they are.
        var hourly = BarAggregator(timeframe: .hours(1))
        let hour = Fixtures.bar(60, open: "10", high: "12", low: "9", close: "11", minutes: 60)
        #expect(hourly.add(hour) == hour)
    }

    @Test("A bot with a 15m timeframe decides only at 15-minute closes, and stays deterministic")
    func botDecidesOnItsTimeframe() throws {
        var configuration = FarmConfiguration.defaultFarm(bars: 6_000)
        for index in configuration.bots.indices { configuration.bots[index].timeframe = .minutes(15) }
        let result = try FarmRunner(configuration: configuration).run()
        let again = try FarmRunner(configuration: configuration).run()
        #expect(result.backtest.auditDigest == again.backtest.auditDigest)
        let quarter: Int64 = 15 * 60_000_000_000
        var entries = 0
        for bot in result.bots {
            #expect(bot.timeframe == .minutes(15))
            for decision in bot.decisions.elements where decision.action != .exit {
                entries += 1
                #expect(decision.time.nanoseconds % quarter == 0, "\(bot.name) decided at \(decision.time)")
            }
        }
        #expect(entries > 0)
        // The same farm on 1-minute decisions trades differently.
        let minutely = try FarmRunner(configuration: FarmConfiguration.defaultFarm(bars: 6_000)).run()
        #expect(minutely.bots.map(\.trades.count) != result.bots.map(\.trades.count))
    }

    @Test("farm.yaml: timeframe is read, and a bad one names its path")
    func yaml() throws {
        let good = try FarmConfiguration.parse(
            yaml: "bots:\n  - name: a\n    persona: strategic\n    capital: 0.5\n    timeframe: 4h\n", source: "farm.yaml") { _ in nil }
        #expect(good.bots[0].timeframe == .hours(4))
        do {
            _ = try FarmConfiguration.parse(
                yaml: "bots:\n  - name: a\n    persona: strategic\n    capital: 0.5\n    timeframe: 7x\n", source: "farm.yaml") { _ in nil }
            Issue.record("a bad timeframe was accepted")
        } catch {
            #expect(error.description.contains("farm.yaml: bots[0].timeframe: unknown timeframe '7x'"))
        }
    }
}
