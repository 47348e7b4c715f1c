import ArgumentParser
import TradingBacktest
import TradingCore
import TradingEngine
import TradingMarketData
import TradingStrategies

/// `omega bench`: times the whole event-driven path (engine, strategy, risk, simulated exchange,
/// portfolio, equity) on bars already in memory, running the canonical EMA 12/26 all-in backtest.
/// Parsing is excluded, as in `../shared/reference/limit.c`, which it is compared with: the bars are read
/// into an ``EventTape`` (48 bytes a bar) before the clock starts, as the C loop reads its arrays of opens
/// and closes, and each timed run replays them from it. `--input array` replays them from
/// `[MarketEvent]` (128 bytes a bar) instead, for comparison.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure event-driven backtest throughput on in-memory bars."
    )

    @Option(help: "A candle file to load (default: the synthetic market).")
    var data: String?

    @Option(help: "Synthetic bars when no --data is given.")
    var bars: Int = 1_000_000

    @Option(name: .customLong("repeat"), help: "Timed repetitions; the median is reported.")
    var repetitions: Int = 5

    @Option(name: .customLong("fee-bps"), help: "Fee in basis points.", transform: BasisPoints.parse)
    var feeBps = BasisPoints(bps: Ratio(10))

    @OptionGroup(title: "Strategy (default: the canonical ema_cross 12/26)")
    var strategyOptions: StrategyOptions

    @Option(
        help: ArgumentHelp(
            "How the bars are held in memory: tape (an EventTape, 48 bytes a bar) or array ([MarketEvent], 128 bytes a bar).",
            valueName: "tape|array"
        )
    )
    var input: Input = .tape

    enum Input: String, ExpressibleByArgument {
        case tape, array
    }

    func validate() throws {
        try SizeLimits.check(bars, "--bars", SizeLimits.benchBars)
        try SizeLimits.check(repetitions, "--repeat", SizeLimits.repetitions)
    }

    func run() throws {
        let fee = try feeBps.within(0...1_000, flag: "--fee-bps", meaning: "0 % to 10 %")
        var defaults = InstrumentDefaults(makerFee: fee, takerFee: fee)
        var events: [MarketEvent] = []
        let instrument: Instrument
        do {
            let source: any MarketDataSource
            if let data {
                let setup = try MarketDataSetup(paths: [data], defaults: defaults)
                instrument = setup.instruments[0]
                source = setup.sources[0]
            } else {
                defaults.tickSize = Price(raw: FixedPoint.scale / 100)
                let market = SyntheticMarket(bars: bars)
                instrument = try market.instrument(defaults: defaults)
                source = market.source(instrument: InstrumentIndex(0))
            }
            events.reserveCapacity(bars)
            while let event = try source.next() { events.append(event) }
        } catch {
            throw ValidationError("\(error)")
        }
        // The tape is made before the clock starts, as the events are parsed: like the C reference's arrays.
        let tape = EventTape(input == .tape ? events : [])
        if input == .tape { events = [] }
        let eventCount = max(events.count, tape.count)
        let (descriptor, values) = try strategyOptions.resolved()
        var times: [Double] = []
        var last: BacktestResult?
        let clock = ContinuousClock()
        for round in 0...max(1, repetitions) {
            let strategy = descriptor.make(
                id: try StrategyID(descriptor.name),
                instrument: instrument.id,
                values: values
            )
            let configuration = BacktestConfiguration(
                engine: EngineConfiguration(
                    instruments: [instrument],
                    accountCurrency: instrument.quote,
                    balances: [Money(raw: 10_000 * FixedPoint.scale, currency: instrument.quote)]
                ),
                chartPoints: 2_000
            )
            var runner = try BacktestRunner(configuration: configuration, strategies: [strategy])
            let start = clock.now
            let result = input == .tape ? runner.run(tape: tape) : runner.run(events: events)
            let elapsed = clock.now - start
            if round > 0 { times.append(Double(elapsed.totalNanoseconds) / 1e9) }
            last = result
        }
        times.sort()
        let median =
            times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
        guard let result = last else { return }
        let rate = Double(eventCount) / median
        print(
            "{\"peer\": \"omega\", \"n_bars\": \(eventCount), \"times_s\": [\(times.map { $0.description }.joined(separator: ", "))], \"median_s\": \(median), \"bars_per_s\": \(rate.rounded()), \"trades\": \(result.summary.tradeCount), \"final_equity\": \(result.summary.finalEquity.amountText)}"
        )
    }
}
