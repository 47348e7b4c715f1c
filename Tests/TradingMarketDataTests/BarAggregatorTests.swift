import Testing
import TradingCore
import TradingMarketData
import TradingTestSupport

@Suite("Bar aggregation")
struct BarAggregatorTests {
    @Test("1-minute bars make 15-minute bars: first open, high, low, last close, summed volume, at the bucket's end")
    func aggregates() throws {
        var aggregator = BarAggregator<Bar>(timeframe: .minutes(15))
        var completed: [Bar] = []
        let start = Fixtures.bar(0, open: "1", high: "1", low: "1", close: "1").openTime
        // Minutes 3…47: the first bucket is partial (starts at minute 3), then two whole ones; 45…47 stay open.
        for minute in 3..<48 {
            let price = 100 + minute
            let bar = Fixtures.bar(
                minute,
                open: "\(price)",
                high: "\(price + 2)",
                low: "\(price - 1)",
                close: "\(price + 1)",
                volume: "\(minute)"
            )
            let result = try aggregator.add(bar, closingAt: bar.closeTime.milliseconds)
            #expect(result.late == nil)
            if let done = result.current {
                completed.append(done.bar)
                #expect(done.members == (done.bar.openTime == start ? 12 : 15))
            }
        }
        #expect(completed.count == 3)
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
        var hourly = BarAggregator<Bar>(timeframe: .hours(1))
        let hour = Fixtures.bar(60, open: "10", high: "12", low: "9", close: "11", minutes: 60)
        #expect(try hourly.add(hour, closingAt: hour.closeTime.milliseconds).current?.bar == hour)

        // A gap: minutes 45…47 of the open bucket, then nothing until minute 75. The unfinished bucket comes
        // out late, with what it had; minute 75 starts another.
        let minute75 = Fixtures.bar(75, open: "200", high: "201", low: "199", close: "200")
        let resumed = try aggregator.add(minute75, closingAt: minute75.closeTime.milliseconds)
        let late = try #require(resumed.late?.bar)
        #expect(resumed.current == nil)
        #expect(late.openTime == start + .seconds(45 * 60) && late.closeTime == start + .seconds(60 * 60))
        #expect(late.open == Fixtures.price("145") && late.close == Fixtures.price("148"))
        #expect(late.high == Fixtures.price("149") && late.low == Fixtures.price("144"))
        #expect(late.volume == Fixtures.quantity("\(45 + 46 + 47)"))
    }

    @Test("a bar that reaches past its bucket is refused, so a bucket never takes a later bar")
    func noLookAhead() throws {
        var aggregator = BarAggregator<Bar>(timeframe: .minutes(90))
        let first = Fixtures.bar(0, open: "1", high: "1", low: "1", close: "1", minutes: 60)
        _ = try aggregator.add(first, closingAt: first.closeTime.milliseconds)
        // 01:00…02:00 falls in the 00:00…01:30 bucket by its open, but ends after it.
        let second = Fixtures.bar(60, open: "2", high: "2", low: "2", close: "2", minutes: 60)
        #expect(throws: BarAggregationError.self) {
            try aggregator.add(second, closingAt: second.closeTime.milliseconds)
        }
        var backwards = BarAggregator<Bar>(timeframe: .minutes(15))
        let later = Fixtures.bar(20, open: "1", high: "1", low: "1", close: "1")
        let earlier = Fixtures.bar(5, open: "1", high: "1", low: "1", close: "1")
        _ = try backwards.add(later, closingAt: later.closeTime.milliseconds)
        #expect(throws: BarAggregationError.self) {
            try backwards.add(earlier, closingAt: earlier.closeTime.milliseconds)
        }
    }

    @Test(
        "which timeframes tile which",
        arguments: [
            ("1h", "15m", true), ("90m", "1h", false), ("1d", "1h", true), ("1w", "1d", true), ("1w", "2d", false),
            ("1M", "1d", true), ("1M", "1h", true), ("1M", "1w", false), ("3M", "1M", true), ("2M", "3M", false),
            ("4h", "3h", false), ("1m", "1m", true), ("2w", "1w", true),
        ]
    )
    func tiling(target: String, source: String, tiled: Bool) throws {
        let target = try #require(Timeframe(target))
        let source = try #require(Timeframe(source))
        #expect(target.isTiled(by: source) == tiled)
    }
}
