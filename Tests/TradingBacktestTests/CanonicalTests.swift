import Foundation
import Testing
import TradingBacktest
import TradingCore
import TradingEngine
import TradingMarketData
import TradingReports
import TradingStrategies
import TradingTestSupport

/// Runs the canonical EMA crossover (`../shared/reference/CANONICAL_BACKTEST.md`) on a data file the way
/// `omega backtest --strategy ema_cross --param fast=12 --param slow=26 --fill next_open --sizing all_in
/// --fee-bps 10 --cash 10000` does.
func canonicalRun(_ path: String, fast: Int = 12, slow: Int = 26) throws -> BacktestResult {
    let fee = Ratio.basisPoints(Ratio(10))
    let setup = try MarketDataSetup(paths: [path], defaults: InstrumentDefaults(makerFee: fee, takerFee: fee))
    var runner = try canonicalRunner(setup, fast: fast, slow: slow)
    var merger = ReplayMerger(sources: setup.sources)
    return try runner.run(&merger)
}

/// The runner of ``canonicalRun(_:fast:slow:)``.
func canonicalRunner(_ setup: MarketDataSetup, fast: Int = 12, slow: Int = 26) throws -> BacktestRunner {
    let instrument = setup.instruments[0]
    let descriptor = try StrategyRegistry.descriptor(named: "ema_cross")
    let strategy = descriptor.make(
        id: try StrategyID("ema_cross"),
        instrument: instrument.id,
        values: try descriptor.values(["fast": String(fast), "slow": String(slow)])
    )
    return try BacktestRunner(
        configuration: BacktestConfiguration(
            engine: EngineConfiguration(
                instruments: setup.instruments,
                accountCurrency: instrument.quote,
                balances: [Money(raw: 10_000 * FixedPoint.scale, currency: instrument.quote)],
                defaultSizing: .allIn
            )
        ),
        strategies: [strategy]
    )
}

/// ``canonicalRun(_:fast:slow:)`` with the file read into an ``EventTape`` first, as `omega bench` and the
/// optimizer replay data from memory.
func canonicalTapeRun(_ path: String) throws -> (BacktestResult, EventTape) {
    let fee = Ratio.basisPoints(Ratio(10))
    let setup = try MarketDataSetup(paths: [path], defaults: InstrumentDefaults(makerFee: fee, takerFee: fee))
    var merger = ReplayMerger(sources: setup.sources)
    var events: [MarketEvent] = []
    while let event = try merger.next() { events.append(event) }
    let tape = EventTape(events)
    var runner = try canonicalRunner(setup)
    return (runner.run(tape: tape), tape)
}

/// A reference trade list row.
struct ReferenceTrade {
    let entry: Int64
    let entryPrice: Double
    let exit: Int64
    let exitPrice: Double
    let quantity: Double
    let pnl: Double

    static func load(_ path: String) throws -> [ReferenceTrade] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: ",").map(String.init)
            return ReferenceTrade(
                entry: Int64(f[0])!,
                entryPrice: Double(f[1])!,
                exit: Int64(f[2])!,
                exitPrice: Double(f[3])!,
                quantity: Double(f[4])!,
                pnl: Double(f[5])!
            )
        }
    }
}

/// A number from a JSON text by key, read with the correctly rounded `Double(String)` (Foundation's JSON
/// parser can be one unit in the last place off).
func jsonNumber(_ key: String, in text: String) -> Double? {
    guard let range = text.range(of: "\"\(key)\": ") else { return nil }
    let digits = text[range.upperBound...].prefix { "0123456789.eE+-".contains($0) }
    return Double(digits)
}

func relativeDifference(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), 1e-300) }

@Suite(
    "Canonical backtest against the shared references",
    .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason))
)
struct CanonicalTests {
    @Test(
        "EMA 12/26, next open, all in, 0.1 % fee: same trades, quantities and PnL to 1e-9",
        arguments: [
            "binance_BTCUSDT_1m", "binance_BTCUSDT_1h", "binance_ETHUSDT_15m", "binance_ETHUSDT_1m",
            "binanceusdm_BTCUSDT_1h",
        ]
    )
    func matchesReference(name: String) throws {
        let result = try canonicalRun(SharedData.data("\(name).csv"))
        let reference = try ReferenceTrade.load(SharedData.reference("ema_12_26__\(name)_trades.csv"))
        let summaryText = try String(contentsOfFile: SharedData.reference("ema_12_26__\(name).json"), encoding: .utf8)
        // The reference file is a JSON object.
        let summary = try JSONSerialization.jsonObject(with: Data(summaryText.utf8)) as! [String: Any]
        try #require(result.trades.count == reference.count)
        #expect(result.trades.count == summary["trades"] as? Int)
        var worst = 0.0
        for (ours, theirs) in zip(result.trades, reference) {
            #expect(ours.entryTime.milliseconds == theirs.entry)
            #expect(ours.exitTime.milliseconds == theirs.exit)
            #expect(ours.entryPrice.doubleValue == theirs.entryPrice)
            #expect(ours.exitPrice.doubleValue == theirs.exitPrice)
            worst = max(worst, relativeDifference(ours.quantity.doubleValue, theirs.quantity))
            worst = max(worst, relativeDifference(FixedPoint.toDouble(ours.netRaw), theirs.pnl))
        }
        #expect(worst < 1e-9, "worst relative difference \(worst)")
        let finalEquity = try #require(summary["final_equity"] as? Double)
        #expect(relativeDifference(result.summary.finalEquity.doubleValue, finalEquity) < 1e-9)
        #expect(relativeDifference(result.summary.maxDrawdown, try #require(summary["max_drawdown"] as? Double)) < 1e-9)
        #expect(abs(result.summary.totalReturn - (try #require(summary["total_return"] as? Double))) < 1e-9)
        #expect(result.barCount == summary["n_bars"] as? Int)
        if let open = summary["open_position"] as? [String: Any] {
            let position = try #require(result.openPositions.first)
            #expect(position.openedAt.milliseconds == (open["entry_ts"] as? NSNumber)?.int64Value)
            #expect(position.averageEntryPrice?.doubleValue == jsonNumber("entry_px", in: summaryText))
            #expect(relativeDifference(position.quantity.doubleValue, try #require(open["qty"] as? Double)) < 1e-9)
        } else {
            #expect(result.openPositions.isEmpty)
        }
        #expect(result.anomalies.isEmpty)
    }

    @Test(
        "the same runs replayed from an event tape give the same audit digest, trades and summary",
        arguments: ["binance_BTCUSDT_1m", "binance_ETHUSDT_15m", "binanceusdm_BTCUSDT_1h"]
    )
    func tapeMatchesFile(name: String) throws {
        let path = SharedData.data("\(name).csv")
        let fromFile = try canonicalRun(path)
        let (fromTape, tape) = try canonicalTapeRun(path)
        // Real candles fit the compact form: 48 bytes a bar instead of 128.
        #expect(tape.keptAsIsCount == 0)
        #expect(tape.byteCount < tape.count * 49)
        #expect(fromTape.auditDigest == fromFile.auditDigest)
        #expect("\(fromTape.trades)" == "\(fromFile.trades)")
        #expect("\(fromTape.summary)" == "\(fromFile.summary)")
        #expect(fromTape.barCount == fromFile.barCount)
    }
}

@Suite("Determinism")
struct DeterminismTests {
    /// A run on the synthetic market that exercises brackets, shorts and many fills.
    func syntheticRun() throws -> (BacktestResult, String, String) {
        let market = SyntheticMarket(seed: 7, bars: 6_000)
        let instrument = try market.instrument(defaults: InstrumentDefaults())
        let descriptor = try StrategyRegistry.descriptor(named: "rsi_reversion")
        let strategy = descriptor.make(
            id: try StrategyID("rsi"),
            instrument: instrument.id,
            values: try descriptor.values(["period": "7", "stop_loss": "0.004", "mode": "long_short"])
        )
        var runner = try BacktestRunner(
            configuration: BacktestConfiguration(
                engine: EngineConfiguration(
                    instruments: [instrument],
                    accountCurrency: .usdt,
                    balances: [Fixtures.money("10000")],
                    defaultSizing: .fractionOfEquity(Fixtures.ratio("0.5"))
                ),
                exchange: SimulatedExchangeConfiguration(slippage: Fixtures.ratio("0.0002")),
                latency: .milliseconds(250)
            ),
            strategies: [strategy]
        )
        var merger = ReplayMerger(sources: [market.source(instrument: InstrumentIndex(0))])
        let result = try runner.run(&merger)
        let files = try TestFiles()
        try ResultFiles.writeTrades(result, to: files.path("trades.csv"))
        let run = RunDescription(
            title: "determinism",
            strategy: "rsi_reversion",
            parameters: [],
            data: [],
            settings: []
        )
        return (result, try files.read("trades.csv"), ResultFiles.summary(result, run: run).serialized())
    }

    @Test("the same inputs give the same audit digest and byte-identical outputs")
    func twice() throws {
        let (first, firstTrades, firstSummary) = try syntheticRun()
        let (second, secondTrades, secondSummary) = try syntheticRun()
        #expect(first.trades.count > 20)
        #expect(first.auditFactCount > 100)
        #expect(first.auditDigest == second.auditDigest)
        #expect(firstTrades == secondTrades)
        #expect(firstSummary == secondSummary)
    }

    @Test("the synthetic market is the same for the same seed and differs for another")
    func syntheticSeed() throws {
        func closes(_ seed: UInt64) throws -> [Price] {
            try drain(SyntheticMarket(seed: seed, bars: 500).source(instrument: InstrumentIndex(0))).compactMap {
                if case .bar(let bar) = $0 { bar.close } else { nil }
            }
        }
        #expect(try closes(1) == closes(1))
        #expect(try closes(1) != closes(2))
        let bars = try drain(SyntheticMarket(seed: 3, bars: 2_000).source(instrument: InstrumentIndex(0)))
        for event in bars {
            guard case .bar(let bar) = event else { continue }
            #expect(bar.isWellFormed)
        }
    }
}
