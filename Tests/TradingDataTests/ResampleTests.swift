import Foundation
import Testing
import TradingBacktest
import TradingCore
import TradingData
import TradingEngine
import TradingMarketData
import TradingStrategies
import TradingTestSupport

/// Reads a ../shared candle file into stored candles (through the importer, into a scratch store).
func sharedCandles(_ name: String) throws -> [StoredCandle] {
    let store = try MarketStore(path: ":memory:")
    let report = try #require(
        try DataImporter.importFiles([SharedData.data(name)], options: ImportOptions(), into: store).first
    )
    return try storedCandles(store, report.key)
}

func resample(
    _ candles: [StoredCandle],
    to target: Timeframe,
    from source: Timeframe,
    fill: Bool = false
) throws -> [StoredCandle] {
    var resampler = CandleResampler(target: target, source: source, fillForward: fill)
    var output: [StoredCandle] = []
    for candle in candles { output.append(contentsOf: try resampler.add(candle)) }
    output.append(contentsOf: resampler.finish())
    return output
}

func bar(_ minute: Int64, _ open: Int64, _ high: Int64, _ low: Int64, _ close: Int64, _ volume: Int64) -> StoredCandle {
    StoredCandle(
        openTime: minute * 60_000,
        open: Decimal8(units: open),
        high: Decimal8(units: high),
        low: Decimal8(units: low),
        close: Decimal8(units: close),
        volume: Decimal8(units: volume)
    )
}

@Suite("Resampling")
struct ResampleTests {
    @Test(
        "1m → 1h reproduces every complete hour of binance_BTCUSDT_1h.csv",
        .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason))
    )
    func minutesToHours() throws {
        let minutes = try sharedCandles("binance_BTCUSDT_1m.csv")
        let hours = try sharedCandles("binance_BTCUSDT_1h.csv")
        let byTime = Dictionary(uniqueKeysWithValues: hours.map { ($0.openTime, $0) })
        let counts = Dictionary(grouping: minutes, by: { Timeframe.hours(1).bucketStart($0.openTime) }).mapValues(
            \.count
        )
        let resampled = try resample(minutes, to: .hours(1), from: .minutes(1)).filter { counts[$0.openTime] == 60 }
        #expect(resampled.count == 719)
        for bar in resampled { #expect(byTime[bar.openTime] == bar, "hour \(bar.openTime)") }
    }

    @Test(
        "1h → 1d reproduces every complete day of binance_BTCUSDT_1d.csv",
        .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason))
    )
    func hoursToDays() throws {
        let hours = try sharedCandles("binance_BTCUSDT_1h.csv")
        let days = try sharedCandles("binance_BTCUSDT_1d.csv")
        let byTime = Dictionary(uniqueKeysWithValues: days.map { ($0.openTime, $0) })
        let counts = Dictionary(grouping: hours, by: { Timeframe.days(1).bucketStart($0.openTime) }).mapValues(\.count)
        let resampled = try resample(hours, to: .days(1), from: .hours(1)).filter {
            counts[$0.openTime] == 24 && byTime[$0.openTime] != nil
        }
        #expect(resampled.count > 2_000)
        var mismatches = 0
        for bar in resampled where byTime[bar.openTime] != bar { mismatches += 1 }
        #expect(mismatches == 0)
    }

    @Test("every resampled bar is built only from the source bars inside its bucket (seeded property)")
    func bucketsHoldTheirBars() throws {
        let sources: [Timeframe] = [
            .minutes(1), .minutes(3), .minutes(5), .minutes(15), .hours(1), .hours(4), .days(1),
        ]
        let targets: [Timeframe] = [
            .minutes(5), .minutes(15), .minutes(30), .minutes(90), .hours(1), .hours(2), .hours(3), .hours(4),
            .hours(12), .days(1), .days(3), .weeks(1), .months(1),
        ]
        let failures = PropertyTesting.check("resampled buckets hold only their own bars", cases: 400) { generator in
            let source = sources.randomElement(using: &generator)!
            let target = targets.randomElement(using: &generator)!
            guard target.approximateNanoseconds > source.approximateNanoseconds else { return nil }
            let step = source.approximateNanoseconds / 1_000_000
            // Aligned source bars from a random start in 2024, with random gaps.
            var time = source.bucketStart(
                1_704_067_200_000 + Int64.random(in: 0..<(86_400_000 * 60), using: &generator)
            )
            var input: [StoredCandle] = []
            for _ in 0..<Int.random(in: 1...600, using: &generator) {
                let low = Int64.random(in: 1...1_000, using: &generator)
                let high = low + Int64.random(in: 0...50, using: &generator)
                input.append(
                    StoredCandle(
                        openTime: time,
                        open: Decimal8(units: Int64.random(in: low...high, using: &generator)),
                        high: Decimal8(units: high),
                        low: Decimal8(units: low),
                        close: Decimal8(units: Int64.random(in: low...high, using: &generator)),
                        volume: Decimal8(units: Int64.random(in: 0...99, using: &generator))
                    )
                )
                time += step * (Bool.random(using: &generator) ? 1 : Int64.random(in: 1...30, using: &generator))
            }
            guard target.isTiled(by: source) else {
                // A target the source does not tile is refused, never built from a bar that ends after it.
                do {
                    let output = try resample(input, to: target, from: source)
                    for bar in output {
                        let end = target.nextBucket(after: bar.openTime)
                        let members = input.filter { target.bucketStart($0.openTime) == bar.openTime }
                        if members.contains(where: { source.nextBucket(after: $0.openTime) > end }) {
                            return "\(source) → \(target) built a bucket from a bar that ends after it"
                        }
                    }
                } catch {}
                return nil
            }
            let output: [StoredCandle]
            do { output = try resample(input, to: target, from: source) } catch {
                return "\(source) → \(target): \(error)"
            }
            let groups = Dictionary(grouping: input) { target.bucketStart($0.openTime) }
            guard output.count == groups.count else { return "\(output.count) bars for \(groups.count) buckets" }
            for bar in output {
                guard let members = groups[bar.openTime] else { return "a bar at \(bar.openTime) with no source bars" }
                let end = target.nextBucket(after: bar.openTime)
                if let outside = members.first(where: { source.nextBucket(after: $0.openTime) > end }) {
                    return "\(source) → \(target): the bar at \(outside.openTime) ends after its bucket's end \(end)"
                }
                let expected = StoredCandle(
                    openTime: bar.openTime,
                    open: members.first!.open,
                    high: members.map(\.high).max()!,
                    low: members.map(\.low).min()!,
                    close: members.last!.close,
                    volume: Decimal8(units: members.map(\.volume.units).reduce(0, +))
                )
                if bar != expected { return "\(source) → \(target) at \(bar.openTime): \(bar) != \(expected)" }
            }
            return nil
        }
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test("gaps stay gaps; forward fill adds flagged flat bars at the previous close")
    func gaps() throws {
        let minutes = [bar(0, 10, 12, 9, 11, 1), bar(1, 11, 13, 10, 12, 2), bar(10, 12, 12, 8, 9, 3)]
        let plain = try resample(minutes, to: .minutes(5), from: .minutes(1))
        #expect(plain.map(\.openTime) == [0, 600_000])
        #expect(plain[0] == bar(0, 10, 13, 9, 12, 3))
        let filled = try resample(minutes, to: .minutes(5), from: .minutes(1), fill: true)
        #expect(filled.map(\.openTime) == [0, 300_000, 600_000])
        #expect(
            filled[1].filled && filled[1].open.units == 12 && filled[1].high.units == 12 && filled[1].volume.units == 0
        )
        #expect(!filled[0].filled && !filled[2].filled)
    }

    @Test("weeks start on Monday and months on the 1st, in UTC")
    func calendarBuckets() throws {
        // 2024-01-03 (a Wednesday) 15:00 UTC.
        let time = try Timestamp(parsing: "2024-01-03T15:00:00Z").milliseconds
        #expect(Timeframe.weeks(1).bucketStart(time) == (try Timestamp(parsing: "2024-01-01").milliseconds))
        #expect(Timeframe.months(1).bucketStart(time) == (try Timestamp(parsing: "2024-01-01").milliseconds))
        #expect(Timeframe.days(1).bucketStart(time) == (try Timestamp(parsing: "2024-01-03").milliseconds))
        #expect(Timeframe.hours(4).bucketStart(time) == (try Timestamp(parsing: "2024-01-03T12:00:00Z").milliseconds))
    }

    @Test("tick, volume and dollar bars close at their thresholds and keep every trade (seeded)")
    func tradeBars() {
        let failures = PropertyTesting.check("trade bars", cases: 50) { generator in
            var trades: [StoredTrade] = []
            var time: Int64 = 1_700_000_000_000
            for _ in 0..<500 {
                time += Int64.random(in: 0...5_000, using: &generator)
                trades.append(
                    StoredTrade(
                        time: time,
                        price: Decimal8(units: Int64.random(in: 9_000_000_000...11_000_000_000, using: &generator)),
                        size: Decimal8(units: Int64.random(in: 1...300_000_000, using: &generator)),
                        buy: Bool.random(using: &generator)
                    )
                )
            }
            let totalVolume = trades.reduce(0) { $0 + $1.size.units }
            for rule in [
                TradeBarBuilder.Rule.ticks(17), .volume(Decimal8(units: 1_000_000_000)),
                .dollars(Decimal8(units: 100_000_000_000)), .time(.minutes(1)),
            ] {
                var builder = TradeBarBuilder(rule: rule)
                var bars = trades.compactMap { builder.add($0) }
                let closedCount = bars.count
                if let last = builder.finish() { bars.append(last) }
                guard bars.reduce(0, { $0 + $1.volume.units }) == totalVolume else {
                    return "\(rule): volume not conserved"
                }
                guard
                    bars.allSatisfy({
                        $0.low <= $0.open && $0.open <= $0.high && $0.low <= $0.close && $0.close <= $0.high
                    })
                else {
                    return "\(rule): bad OHLC"
                }
                if case .volume(let amount) = rule, !bars.prefix(closedCount).allSatisfy({ $0.volume >= amount }) {
                    return "volume bar below threshold"
                }
                if case .time(let frame) = rule, !bars.allSatisfy({ frame.bucketStart($0.openTime) == $0.openTime }) {
                    return "time bar not aligned"
                }
            }
            return nil
        }
        #expect(failures.isEmpty)
    }
}

@Suite("Verification")
struct VerificationTests {
    @Test("gaps, zero-volume runs and outliers in a series")
    func series() {
        var verifier = CandleVerifier(series: "test", timeframe: .minutes(1), outlierSigmas: 5)
        var minute: Int64 = 0
        var price: Int64 = 10_000
        for index in 0..<400 {
            minute += index == 100 ? 6 : 1
            price += index == 300 ? 2_000 : (index % 2 == 0 ? 5 : -5)
            let volume: Int64 = (200..<205).contains(index) ? 0 : 7
            verifier.add(bar(minute, price, price + 2, price - 2, price, volume))
        }
        let report = verifier.finish()
        #expect(report.gaps.count == 1 && report.missingBars == 5 && report.gaps[0].missingBars == 5)
        #expect(report.zeroVolumeRuns.count == 1 && report.zeroVolumeRuns[0].bars == 5)
        #expect(report.outliers.count == 1 && report.outliers[0].time == report.first! + 300 * 60_000 + 5 * 60_000)
        #expect(report.duplicates == 0 && report.nonMonotonic == 0 && report.ohlcProblems == 0)
    }

    @Test(
        "the 1h file's published gaps are found",
        .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason))
    )
    func sharedGaps() throws {
        var verifier = CandleVerifier(series: "binance BTCUSDT 1h", timeframe: .hours(1))
        for candle in try sharedCandles("binance_BTCUSDT_1h.csv") { verifier.add(candle) }
        let report = verifier.finish()
        // ../shared/data/README.md: 28 gaps, 128 missing hours, the largest 33 hours.
        #expect(report.gaps.count == 28 && report.missingBars == 128)
        #expect(report.longestGaps.first?.missingBars == 33)
        #expect(report.zeroVolumeBars == 4)
    }
}

@Suite("Backtests from the store")
struct StoreBacktestTests {
    @Test("a stored series backtests exactly like the file it came from")
    func sameAsFile() throws {
        let directory = try PackagePaths.temporaryDirectory()
        let file = directory.appendingPathComponent("sim_SYNUSDT_1m.csv").path
        var text = "timestamp,open,high,low,close,volume\n"
        let market = SyntheticMarket(seed: 5, bars: 5_000)
        let source = market.source(instrument: InstrumentIndex(0))
        while case .bar(let bar) = try source.next() {
            text += "\(bar.openTime.milliseconds),\(bar.open),\(bar.high),\(bar.low),\(bar.close),\(bar.volume)\n"
        }
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let store = try MarketStore(directory: directory.path)
        _ = try DataImporter.importFiles([file], options: ImportOptions(), into: store)
        let setup = try MarketDataSetup(paths: [file], defaults: InstrumentDefaults())
        func run(_ sources: [any MarketDataSource]) throws -> BacktestResult {
            let descriptor = try StrategyRegistry.descriptor(named: "ema_cross")
            let strategy = descriptor.make(
                id: try StrategyID("ema"),
                instrument: setup.instruments[0].id,
                values: try descriptor.values([:])
            )
            var runner = try BacktestRunner(
                configuration: BacktestConfiguration(
                    engine: EngineConfiguration(
                        instruments: setup.instruments,
                        accountCurrency: .usdt,
                        balances: [Fixtures.money("10000")]
                    )
                ),
                strategies: [strategy]
            )
            var merger = ReplayMerger(sources: sources)
            return try runner.run(&merger)
        }
        let fromFile = try run(setup.sources)
        let key = SeriesKey(exchange: "sim", symbol: "SYNUSDT", kind: .candles, timeframe: "1m")
        let fromStore = try run([
            try StoreCandleSource(store: store, key: key, instrument: InstrumentIndex(0), range: .all)
        ])
        #expect(fromFile.trades.count > 10)
        #expect(fromFile.trades == fromStore.trades)
        #expect(fromFile.auditDigest == fromStore.auditDigest)
    }
}
