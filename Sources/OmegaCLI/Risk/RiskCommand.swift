import ArgumentParser
import Foundation
import TradingBacktest
import TradingCore
import TradingEngine
import TradingMarketData
import TradingReports
import TradingResearch

/// `omega risk`: risk analytics.
struct RiskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "risk",
        abstract: "Risk analytics: value at risk of equity curves, stress tests of positions.",
        subcommands: [RiskReportCommand.self, RiskStressCommand.self, RiskBenchCommand.self, PreTradeBenchCommand.self]
    )
}

/// `omega risk report --equity [NAME=]FILE ...`
struct RiskReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Value at risk and expected shortfall of equity curves (from `omega backtest --equity FILE`).",
        discussion: """
            For each curve (one per bot or strategy, and their sum as the portfolio): historical, parametric and \
            Monte Carlo VaR and CVaR at 95 % and 99 % over 1 hour and 1 day, from the curve's hourly and daily \
            returns. Losses are fractions of equity.
            """
    )

    @Option(
        name: .customLong("equity"),
        help: "An equity curve CSV (timestamp,equity,…), optionally NAME=FILE (repeatable)."
    )
    var curves: [String]

    @Option(help: "Monte Carlo seed.")
    var seed: UInt64 = 1

    @Flag(help: "Machine-readable JSON.")
    var json = false

    @Option(
        name: .customLong("report"),
        help: "Also write an HTML report with the table and the P&L distribution charts."
    )
    var html: String?

    func validate() throws {
        guard !curves.isEmpty else { throw ValidationError("give at least one --equity FILE") }
    }

    func run() throws {
        var named: [(String, [(Int64, Double)])] = []
        for spec in curves {
            let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
            let (name, path) =
                parts.count == 2
                ? (parts[0], parts[1]) : (String(spec.split(separator: "/").last ?? Substring(spec)), spec)
            do {
                named.append((name, try Self.read(path)))
            } catch {
                var standardError = StandardError()
                print("error: \(error)", to: &standardError)
                throw ExitCode.failure
            }
        }
        if named.count > 1 { named.append(("portfolio", Self.sum(named.map(\.1)))) }
        var rows: [[String]] = [
            ["curve", "horizon", "method", "VaR 95 %", "CVaR 95 %", "VaR 99 %", "CVaR 99 %", "returns"]
        ]
        var items: [JSONValue] = []
        var distributions: [RiskReportHTML.Distribution] = []
        for (name, curve) in named {
            for (horizon, period) in [("1h", Int64(3_600_000)), ("1d", Int64(86_400_000))] {
                let returns = Self.returns(curve, period: period)
                distributions.append(
                    RiskReportHTML.Distribution(
                        name: name,
                        horizon: horizon,
                        returns: returns,
                        valueAtRisk95: ValueAtRisk.estimate(returns, confidence: 0.95, method: .historical, seed: seed)?
                            .valueAtRisk,
                        valueAtRisk99: ValueAtRisk.estimate(returns, confidence: 0.99, method: .historical, seed: seed)?
                            .valueAtRisk
                    )
                )
                for method in ValueAtRisk.Method.allCases {
                    let at95 = ValueAtRisk.estimate(returns, confidence: 0.95, method: method, seed: seed)
                    let at99 = ValueAtRisk.estimate(returns, confidence: 0.99, method: method, seed: seed)
                    func cell(_ value: Double?) -> String { value.map { DisplayFormat.percent($0) } ?? "–" }
                    rows.append([
                        name, horizon, method.rawValue, cell(at95?.valueAtRisk), cell(at95?.conditionalValueAtRisk),
                        cell(at99?.valueAtRisk), cell(at99?.conditionalValueAtRisk),
                        returns.count < Self.minimumReturns ? "\(returns.count) (few)" : "\(returns.count)",
                    ])
                    items.append(
                        .object([
                            ("curve", .string(name)), ("horizon", .string(horizon)),
                            ("method", .string(method.rawValue)),
                            ("returns", .int(returns.count)),
                            ("small_sample", .bool(returns.count < Self.minimumReturns)),
                            ("var_95", .double(at95?.valueAtRisk)), ("cvar_95", .double(at95?.conditionalValueAtRisk)),
                            ("var_99", .double(at99?.valueAtRisk)), ("cvar_99", .double(at99?.conditionalValueAtRisk)),
                        ])
                    )
                }
            }
        }
        if let html {
            do {
                let file = try OutputFile(path: html)
                file.write(RiskReportHTML.render(title: "Omega risk report", table: rows, distributions: distributions))
                try file.commit()
            } catch {
                var standardError = StandardError()
                print("error: \(error.description)", to: &standardError)
                throw ExitCode.failure
            }
        }
        if json {
            print(JSONValue.object([("seed", .number(String(seed))), ("estimates", .array(items))]).serialized())
        } else {
            print(Self.table(rows))
            if rows.dropFirst().contains(where: { $0.last?.hasSuffix("(few)") == true }) {
                print(
                    "(few): fewer than \(Self.minimumReturns) returns; a 99 % VaR then rests on the worst two or three of them"
                )
            }
        }
    }

    /// The fewest returns for a VaR worth reading (a year of trading days).
    static let minimumReturns = 250

    /// Reads `timestamp,equity,…` rows: integer times (their unit told by their size) in strictly ascending
    /// order inside ``Timestamp/marketDataRange``, and positive equity. Returns (ms, equity) pairs.
    static func read(_ path: String) throws -> [(Int64, Double)] {
        let reader: LineReader
        do {
            reader = try LineReader(path: path)
        } catch {
            throw DataCommandError("\(error)")
        }
        var points: [(Int64, Double)] = []
        var header = true
        while let bytes = try reader.nextLine() {
            if bytes.isEmpty { continue }
            let line = String(decoding: bytes, as: UTF8.self)
            let number = reader.lineNumber
            if header {
                header = false
                if !line.hasPrefix("timestamp,equity") {
                    throw DataCommandError(
                        "\(path):1: expected the header timestamp,equity,…; got '\(line.prefix(100))'"
                    )
                }
                continue
            }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count >= 2, let value = IntegerParsing.int64(fields[0]) else {
                throw DataCommandError("\(path):\(number): field 'timestamp': expected an integer Unix time")
            }
            let time: Timestamp
            do {
                time = try EpochUnit(detecting: value).timestamp(value, in: Timestamp.marketDataRange)
            } catch {
                throw DataCommandError("\(path):\(number): field 'timestamp': \(error)")
            }
            guard let equity = Double(fields[1]), equity.isFinite else {
                throw DataCommandError(
                    "\(path):\(number): field 'equity': expected a number, got '\(fields[1].prefix(100))'"
                )
            }
            guard equity > 0 else {
                throw DataCommandError("\(path):\(number): field 'equity': must be positive, got \(equity)")
            }
            if let previous = points.last, time.milliseconds <= previous.0 {
                throw DataCommandError(
                    "\(path):\(number): field 'timestamp': \(time) is not after the previous row's "
                        + "\(Timestamp(milliseconds: previous.0)) (rows must be strictly ascending)"
                )
            }
            points.append((time.milliseconds, equity))
        }
        guard points.count >= 3 else { throw DataCommandError("\(path): too few equity samples (at least 3)") }
        return points
    }

    /// Returns between the last samples of consecutive periods.
    static func returns(_ curve: [(Int64, Double)], period: Int64) -> [Double] {
        var lastOfPeriod: [(Int64, Double)] = []
        for point in curve {
            let bucket = point.0 / period
            if let last = lastOfPeriod.last, last.0 == bucket {
                lastOfPeriod[lastOfPeriod.count - 1] = (bucket, point.1)
            } else {
                lastOfPeriod.append((bucket, point.1))
            }
        }
        return zip(lastOfPeriod, lastOfPeriod.dropFirst()).compactMap { previous, next in
            previous.1 > 0 ? next.1 / previous.1 - 1 : nil
        }
    }

    /// The sum of curves at each time any of them has (each carried forward).
    static func sum(_ curves: [[(Int64, Double)]]) -> [(Int64, Double)] {
        let times = Set(curves.flatMap { $0.map(\.0) }).sorted()
        var positions = [Int](repeating: 0, count: curves.count)
        var values = curves.map { $0.first?.1 ?? 0 }
        return times.map { time in
            for (index, curve) in curves.enumerated() {
                while positions[index] < curve.count && curve[positions[index]].0 <= time {
                    values[index] = curve[positions[index]].1
                    positions[index] += 1
                }
            }
            return (time, values.reduce(0, +))
        }
    }

    /// The rows (the first is the header) as a ``TextTable``: the first three columns left-aligned.
    static func table(_ rows: [[String]]) -> String {
        guard let header = rows.first else { return "" }
        var table = TextTable(header: header, leftAligned: [0, 1, 2])
        for row in rows.dropFirst() { table.append(row) }
        return String(table.text.dropLast())
    }
}

/// `omega risk bench`: times historical portfolio VaR over 2 years of hourly returns for 50 instruments.
struct RiskBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time portfolio VaR over seeded synthetic hourly returns (benchmark)."
    )

    @Option(help: "Instruments.")
    var instruments: Int = 50

    @Option(help: "Hourly returns per instrument (2 years = 17520).")
    var hours: Int = 17_520

    @Option(name: .customLong("repeat"), help: "Repetitions (the median is reported).")
    var repetitions: Int = 11

    func validate() throws {
        try SizeLimits.check(instruments, "--instruments", SizeLimits.benchInstruments)
        try SizeLimits.check(hours, "--hours", SizeLimits.benchHours)
        try SizeLimits.check(repetitions, "--repeat", SizeLimits.repetitions)
    }

    func run() throws {
        var generator = SeededGenerator(seed: 7)
        let series = (0..<instruments).map { _ in
            (0..<hours).map { _ in Double.random(in: -0.02...0.02, using: &generator) }
        }
        let weights = (0..<instruments).map { _ in Double.random(in: -0.05...0.05, using: &generator) }
        let clock = ContinuousClock()
        var times: [Double] = []
        var last: ValueAtRisk.Estimate?
        for _ in 0..<max(1, repetitions) {
            let start = clock.now
            let portfolio = ValueAtRisk.portfolioReturns(series, weights: weights)
            last = ValueAtRisk.estimate(portfolio, confidence: 0.99, method: .historical)
            times.append(Double((clock.now - start).totalNanoseconds) / 1e6)
        }
        times.sort()
        print(
            "{\"instruments\": \(instruments), \"hours\": \(hours), \"median_ms\": \(times[times.count / 2]), \"max_ms\": \(times.last ?? 0), \"var_99\": \(last?.valueAtRisk ?? 0)}"
        )
    }
}

/// `omega risk pretrade-bench`: times the full pre-trade check of one order against a portfolio.
struct PreTradeBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pretrade-bench",
        abstract: "Time the pre-trade risk check of an order against a portfolio of open positions (benchmark)."
    )

    @Option(help: "Open positions (one per instrument).")
    var positions: Int = 50

    @Option(help: "Checks to time.")
    var checks: Int = 200_000

    func validate() throws {
        try SizeLimits.check(positions, "--positions", SizeLimits.benchInstruments)
        try SizeLimits.check(checks, "--checks", SizeLimits.benchChecks)
    }

    func run() throws {
        let quote = Currency.usdt
        var instruments: [Instrument] = []
        for index in 0..<positions {
            instruments.append(
                try Instrument(
                    id: InstrumentID(symbol: "C\(index)USDT", venue: Venue("BENCH")),
                    venueSymbol: VenueSymbol("C\(index)USDT"),
                    kind: .linearPerpetual,
                    base: Currency("C\(index)"),
                    quote: quote,
                    tickSize: Price("0.01"),
                    lotStep: Quantity("0.001"),
                    makerFee: .zero,
                    takerFee: .zero,
                    maxLeverage: Ratio(20),
                    maintenanceMarginRate: Ratio("0.004")
                )
            )
        }
        let limits = PreTradeLimits(
            priceBand: try Ratio("0.05"),
            maximumOrderNotional: Money(raw: 100_000 * FixedPoint.scale, currency: quote),
            maximumPositionNotional: Money(raw: 200_000 * FixedPoint.scale, currency: quote),
            maximumGrossExposure: Money(raw: 5_000_000 * FixedPoint.scale, currency: quote),
            maximumNetExposure: Money(raw: 5_000_000 * FixedPoint.scale, currency: quote),
            maximumLeverage: Ratio(10),
            maximumOpenPositions: positions + 10,
            maximumCorrelatedExposure: Money(raw: 2_000_000 * FixedPoint.scale, currency: quote)
        )
        let breakers = CircuitBreakers(
            ordersPerSecond: 1_000,
            ordersPerMinute: 10_000,
            accountOrdersPerSecond: 1_000,
            accountOrdersPerMinute: 10_000,
            dailyLoss: try Ratio("0.05"),
            maximumDrawdown: try Ratio("0.2"),
            lossStreak: 5
        )
        var engine = try Engine(
            configuration: EngineConfiguration(
                instruments: instruments,
                accountCurrency: quote,
                balances: [Money(raw: 1_000_000 * FixedPoint.scale, currency: quote)],
                leverage: Dictionary(uniqueKeysWithValues: instruments.map { ($0.id, Ratio(5)) }),
                riskPolicy: RiskPolicies([limits, breakers])
            ),
            strategies: []
        )
        var time = Timestamp(nanoseconds: 1_700_000_000_000_000_000)
        var output = engine.start(at: time)
        for index in instruments.indices {
            time = time.advanced(byNanoseconds: 1_000_000)
            let price = Price(raw: Int128(100 + index) * FixedPoint.scale)
            let bar = Bar(
                instrument: InstrumentIndex(index),
                openTime: time,
                closeTime: time,
                open: price,
                high: price,
                low: price,
                close: price,
                volume: .zero
            )
            engine.process(.market(.bar(bar)), at: time, into: &output)
            let fill = OrderFilled(
                clientOrderID: nil,
                venueOrderID: VenueOrderID(sequence: UInt64(index + 1), prefix: "V"),
                tradeID: TradeID(sequence: UInt64(index + 1), prefix: "T"),
                instrument: InstrumentIndex(index),
                side: index % 3 == 0 ? .sell : .buy,
                quantity: try Quantity("10"),
                price: price,
                fee: .zero(quote),
                liquidity: .taker,
                leavesQuantity: .zero,
                exchangeTime: time
            )
            engine.process(.account(.filled(fill)), at: time, into: &output)
        }
        // 120 rounds of bars with returns from a seeded generator: half the instruments follow one factor,
        // so the correlation matrix has correlated groups.
        var generator = SeededGenerator(seed: 7)
        var closes = instruments.indices.map { Double(100 + $0) }
        for _ in 0..<120 {
            time = time.advanced(byNanoseconds: 60_000_000_000)
            let factor = generator.nextUnit() - 0.5
            for index in instruments.indices {
                let own = generator.nextUnit() - 0.5
                closes[index] *= 1 + 0.001 * (index % 2 == 0 ? factor + 0.2 * own : own)
                let price = Price(raw: Int128(closes[index] * 100) * FixedPoint.scale / 100)
                let bar = Bar(
                    instrument: InstrumentIndex(index),
                    openTime: time,
                    closeTime: time,
                    open: price,
                    high: price,
                    low: price,
                    close: price,
                    volume: .zero
                )
                engine.process(.market(.bar(bar)), at: time, into: &output)
            }
        }
        let strategy = try StrategyID("bench")
        let clock = ContinuousClock()
        var samples: [Int64] = []
        samples.reserveCapacity(checks)
        var refused = 0
        for check in 0..<checks {
            let index = check % positions
            let spec = OrderSpec.limit(
                InstrumentIndex(index),
                check % 2 == 0 ? .buy : .sell,
                try Quantity("1"),
                price: engine.state.market.lastPrice(InstrumentIndex(index)) ?? .zero
            )
            let start = clock.now
            let refusal = engine.preTradeCheck(spec, strategy: strategy)
            samples.append((clock.now - start).totalNanoseconds)
            if refusal != nil { refused += 1 }
        }
        // The reference in the same run: the same timing around nothing (the clock's own cost).
        var floor: [Int64] = []
        floor.reserveCapacity(checks)
        for _ in 0..<checks {
            let start = clock.now
            floor.append((clock.now - start).totalNanoseconds)
        }
        samples.sort()
        floor.sort()
        func percentile(_ values: [Int64], _ q: Double) -> Int64 {
            values[min(values.count - 1, Int(Double(values.count) * q))]
        }
        print(
            "{\"positions\": \(engine.state.portfolio.openInstruments.count), \"checks\": \(checks), \"refused\": \(refused), \"p50_ns\": \(percentile(samples, 0.5)), \"p99_ns\": \(percentile(samples, 0.99)), \"p999_ns\": \(percentile(samples, 0.999)), \"clock_p50_ns\": \(percentile(floor, 0.5)), \"clock_p99_ns\": \(percentile(floor, 0.99))}"
        )
    }
}
