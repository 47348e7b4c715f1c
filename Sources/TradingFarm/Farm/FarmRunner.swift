public import TradingBacktest
public import TradingCore
import TradingCosmos
import TradingEngine
public import TradingMarketData
import TradingStrategies

/// Runs every enabled bot of a farm in one deterministic engine over the same replayed market.
///
/// The bots share one simulated account. Farm-wide limits (daily loss and drawdown breakers, position and
/// exposure caps, order rate) are the engine's risk policy, so every bot order passes them; each bot sizes
/// within its own capital and keeps its own book of its fills.
public struct FarmRunner {
    public let configuration: FarmConfiguration
    /// Cosmic factors reach the cosmic bots (off for the attribution rerun).
    public var cosmicEnabled = true

    public init(configuration: FarmConfiguration) { self.configuration = configuration }

    /// - Throws: ``FarmError`` for a bad bot, data file or series file.
    public func run(progress: ((Double) -> Void)? = nil) throws(FarmError) -> FarmResult {
        let fee: Ratio
        let slippage: Ratio
        let cash: Money
        if let feeBps = configuration.feeBps, !(0...1_000).contains(feeBps) {
            throw FarmError("fee_bps: must be within 0 and 1000 (10 %), got \(feeBps)")
        }
        guard (0...1_000).contains(configuration.slippageBps) else {
            throw FarmError("slippage_bps: must be within 0 and 1000, got \(configuration.slippageBps)")
        }
        guard (1...125).contains(configuration.limits.maximumLeverage) else {
            throw FarmError("limits.max_leverage: must be within 1…125, got \(configuration.limits.maximumLeverage)")
        }
        fee = Self.ratio((configuration.feeBps ?? 10) / 10_000)
        slippage = Self.ratio(configuration.slippageBps / 10_000)
        var defaults = InstrumentDefaults(makerFee: fee, takerFee: fee)
        defaults.usesVenueFees = configuration.feeBps == nil
        var instruments: [Instrument]
        var sources: [any MarketDataSource]
        var names: [String]
        /// The bar lengths of the candle data, where known, to check the bots' timeframes against.
        var barLengths: [Timeframe] = []
        var regimeMarket: RegimeMarket?
        if configuration.data.isEmpty {
            barLengths = [.minutes(1)]
            let market = RegimeMarket(seed: configuration.seed, bars: configuration.syntheticBars)
            regimeMarket = market
            do {
                instruments = try market.instruments(defaults: defaults)
            } catch {
                throw FarmError("regime market: \(error)")
            }
            sources = [market.source()]
            names = [
                "the regime market (\(instruments.map(\.id.symbol).joined(separator: ", ")) perpetuals, seed \(configuration.seed), "
                    + "\(configuration.syntheticBars) one-minute bars)"
            ]
        } else {
            do {
                let setup = try MarketDataSetup(paths: configuration.data, defaults: defaults)
                instruments = setup.instruments
                sources = setup.sources
                barLengths = setup.descriptions.compactMap { $0.kind == .candles ? $0.timeframe : nil }
            } catch {
                throw FarmError("data: \(error)")
            }
            names = configuration.data.map { String($0.split(separator: "/").last ?? Substring($0)) }
        }
        let currency = instruments[0].quote
        do {
            cash = Money(raw: try FixedPoint.parse(configuration.cash.text), currency: currency)
        } catch {
            throw FarmError("cash: '\(configuration.cash)' is not a decimal amount")
        }
        guard cash.raw > 0 else { throw FarmError("cash: must be positive") }
        let calculator = try cosmicCalculator()
        var bots: [any Strategy] = []
        var seen = Set<String>()
        var allocated: Int128 = 0
        var unassigned = 0
        for (position, bot) in configuration.bots.enumerated() where bot.enabled {
            let path = "bots[\(position)] (\(bot.name))"
            guard seen.insert(bot.name).inserted else { throw FarmError("\(path): the name is used twice") }
            if let problem = bot.preset.problems.first { throw FarmError("\(path): \(problem)") }
            let instrument: Instrument
            if let wanted = bot.instrument {
                guard let found = instruments.first(where: { $0.id.symbol == wanted || $0.id.description == wanted })
                else {
                    throw FarmError(
                        "\(path).instrument: '\(wanted)' is not in the data (have \(instruments.map(\.id.symbol).joined(separator: ", ")))"
                    )
                }
                instrument = found
            } else {
                // Bots that name no instrument are spread over the data's instruments in turn.
                instrument = instruments[unassigned % instruments.count]
                unassigned += 1
            }
            if let timeframe = bot.timeframe,
                let length = barLengths.first(where: { !timeframe.isTiled(by: $0) && !$0.isTiled(by: timeframe) })
            {
                throw FarmError(
                    "\(path).timeframe: \(timeframe) bars cannot be built from the data's \(length) bars (choose a multiple of \(length))"
                )
            }
            // The persona's own timeframe where the data's bars build it and it is longer than they are.
            var timeframe = bot.timeframe
            if timeframe == nil, let preferred = bot.preset.timeframe, !barLengths.isEmpty,
                barLengths.allSatisfy({ preferred.isTiled(by: $0) && preferred != $0 })
            {
                timeframe = preferred
            }
            let capital: Money
            switch bot.capital {
            case .amount(let text):
                guard let raw = try? FixedPoint.parse(text.text), raw > 0 else {
                    throw FarmError("\(path).capital: '\(text)' is not a positive amount")
                }
                capital = Money(raw: raw, currency: currency)
            case .fraction(let share):
                guard share > 0 && share <= 1 else {
                    throw FarmError("\(path).capital: a fraction must be within (0, 1], got \(share)")
                }
                // Rounded down to the cent, so a sixth of 60,000 is 10,000.00.
                let exact = FixedPoint.multiply(cash.raw, Self.ratio(share).raw, rounding: .down)
                let cent = FixedPoint.scale / 100
                capital = Money(raw: exact - exact % cent, currency: currency)
            }
            allocated += capital.raw
            do {
                let id = try StrategyID(bot.name)
                bots.append(
                    try PersonaBot(
                        id: id,
                        name: bot.name,
                        instrument: instrument.id,
                        preset: bot.preset,
                        capital: capital,
                        seed: bot.seed ?? Self.seed(bot.name, farm: configuration.seed),
                        cosmic: calculator,
                        cosmicEnabled: cosmicEnabled,
                        timeframe: timeframe,
                        maximumLeverage: configuration.limits.maximumLeverage,
                        checkpoints: regimeMarket.map { $0.schedule.dropLast().map(\.end) } ?? []
                    )
                )
            } catch let error as IdentifierError {
                throw FarmError("\(path).name: \(error)")
            } catch {
                throw FarmError("\(path): \(error)")
            }
        }
        guard !bots.isEmpty else { throw FarmError("bots: no enabled bots") }
        guard allocated <= cash.raw else {
            throw FarmError(
                "bots: the enabled bots' capital totals \(FixedPoint.format(allocated)) \(currency), more than the farm's"
                    + " cash of \(FixedPoint.format(cash.raw)) \(currency) (\(Int(min(1e12, (Double(allocated) / Double(cash.raw) * 100).rounded()))) %)"
            )
        }
        // Every bot trades in this one engine, on a book of its own: remember a few closed orders per bot for
        // late reports. On perpetuals the account is margined across (cross margin) at the farm's maximum
        // leverage, and each bot's holding has its own isolated margin at the leverage it chooses, which the
        // engine liquidates alone: the venue would liquidate the account only when the whole farm's equity is
        // gone.
        let maximumLeverage = Self.ratio(configuration.limits.maximumLeverage)
        var leverage: [InstrumentID: Ratio] = [:]
        for instrument in instruments where instrument.kind == .linearPerpetual {
            leverage[instrument.id] = min(maximumLeverage, instrument.maxLeverage)
        }
        var engine = EngineConfiguration(
            instruments: instruments,
            accountCurrency: currency,
            balances: [cash],
            leverage: leverage,
            riskPolicy: riskPolicy(currency: currency, bots: bots.compactMap { $0 as? PersonaBot }),
            closedOrderHistory: max(64, 4 * bots.count)
        )
        for bot in bots { engine.bots[bot.id] = BotLimits(maximumLeverage: maximumLeverage) }
        let backtest = BacktestConfiguration(
            engine: engine,
            exchange: SimulatedExchangeConfiguration(slippage: slippage, marginMode: .cross),
            chartPoints: 1_000
        )
        var runner: BacktestRunner
        var merger = ReplayMerger(sources: sources)
        let result: BacktestResult
        do {
            runner = try BacktestRunner(configuration: backtest, strategies: bots)
            result = try runner.run(&merger, progress: progress)
        } catch {
            throw FarmError("\(error)")
        }
        let finished = runner.engine.strategies.compactMap { $0 as? PersonaBot }
        var phases: [FarmPhase] = []
        if let regimeMarket, let source = merger.sources.first as? RegimeBarSource {
            phases = FarmPhase.phases(of: regimeMarket, closes: source.phaseCloses, instruments: instruments)
        }
        return FarmResult(
            configuration: configuration,
            bots: finished,
            backtest: result,
            dataNames: names,
            cosmicEnabled: cosmicEnabled,
            phases: phases,
            warnings: Self.coverageWarnings(merger.sources.map { ($0.name, $0.span) })
        )
    }

    /// A warning for each data file that covers noticeably less time than the files together (more than a
    /// day or 5 % missing at either end): its bots trade only while it has data.
    static func coverageWarnings(_ spans: [(name: String, span: ClosedRange<Timestamp>?)]) -> [String] {
        let known = spans.compactMap { $0.span }
        guard spans.count > 1, let start = known.map(\.lowerBound).min(), let end = known.map(\.upperBound).max()
        else { return [] }
        let tolerance = max(86_400_000_000_000, (end.nanoseconds - start.nanoseconds) / 20)
        var warnings: [String] = []
        for (name, span) in spans {
            guard let span else {
                warnings.append("data: \(name) has no rows in the farm's period")
                continue
            }
            if span.lowerBound.nanoseconds - start.nanoseconds > tolerance
                || end.nanoseconds - span.upperBound.nanoseconds > tolerance
            {
                warnings.append(
                    "data: \(name) covers \(span.lowerBound.iso8601) → \(span.upperBound.iso8601), the files together "
                        + "\(start.iso8601) → \(end.iso8601); its bots trade only while it has data"
                )
            }
        }
        return warnings
    }

    /// The farm-wide risk policy from ``FarmConfiguration/Limits``.
    /// The farm-wide limits, then each bot's own: its capital (``BotAllocations``, from its own book of its
    /// fills) and, when set, its daily loss limit.
    func riskPolicy(currency: Currency, bots: [PersonaBot]) -> any RiskPolicy {
        let limits = configuration.limits
        var policies: [any RiskPolicy] = []
        func money(_ value: Double?) -> Money? {
            value.flatMap { FixedPoint.fromDouble($0) }.map { Money(raw: $0, currency: currency) }
        }
        let pretrade = PreTradeLimits(
            maximumPositionNotional: money(limits.maximumPositionNotional),
            maximumGrossExposure: money(limits.maximumGrossExposure)
        )
        if pretrade != PreTradeLimits() { policies.append(pretrade) }
        let breakers = CircuitBreakers(
            accountOrdersPerMinute: limits.ordersPerMinute,
            dailyLoss: limits.dailyLoss.map(Self.ratio),
            dailyLossTrips: limits.onHalt,
            maximumDrawdown: limits.maximumDrawdown.map(Self.ratio),
            drawdownTrips: limits.onHalt
        )
        if breakers != CircuitBreakers(dailyLossTrips: limits.onHalt, drawdownTrips: limits.onHalt) {
            policies.append(breakers)
        }
        var allocations: [StrategyID: BotAllocations.Allocation] = [:]
        for bot in bots { allocations[bot.id] = .amount(bot.capital) }
        policies.append(BotAllocations(allocations: allocations, botDailyLoss: limits.botDailyLoss.map(Self.ratio)))
        return RiskPolicies(policies)
    }

    func cosmicCalculator() throws(FarmError) -> CosmicCalculator {
        var calculator = CosmicCalculator()
        do {
            if let file = configuration.sentimentFile {
                calculator.sentiment = MarketSentiment(series: try TimeSeriesFile.read(file, valueRange: 0...100))
            }
            if let file = configuration.schumannFile {
                calculator.schumann = SchumannResonance(
                    measurements: try TimeSeriesFile.read(file, valueRange: 0...100)
                )
            }
        } catch {
            throw FarmError("\(error)")
        }
        return calculator
    }

    /// The exact ratio nearest to a configured fraction (configuration values are short decimals).
    static func ratio(_ value: Double) -> Ratio {
        Ratio(raw: FixedPoint.fromDouble((value * 1e12).rounded() / 1e12) ?? 0)
    }

    /// A bot's default seed: FNV-1a of its name mixed with the farm's seed.
    static func seed(_ name: String, farm: UInt64) -> UInt64 {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325 ^ farm
        for byte in name.utf8 { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return value
    }
}

/// A finished farm run: the bots (with their books, trades, psychology and decisions) and the account.
public struct FarmResult: Sendable {
    public let configuration: FarmConfiguration
    public let bots: [PersonaBot]
    public let backtest: BacktestResult
    public let dataNames: [String]
    public let cosmicEnabled: Bool
    /// The market's regimes, in order, on the built-in market (empty on data files).
    public let phases: [FarmPhase]
    /// Problems worth a look that did not stop the run (a data file covering a shorter period).
    public let warnings: [String]
}

/// One regime of the built-in market as the farm went through it: when, and how far each instrument moved.
public struct FarmPhase: Sendable {
    public let regime: MarketRegime
    public let start: Timestamp
    public let end: Timestamp
    /// Each instrument's symbol and its move over the phase (close at the end over close at the start, − 1).
    public let moves: [(symbol: String, move: Double)]

    static func phases(of market: RegimeMarket, closes: [[Price]], instruments: [Instrument]) -> [FarmPhase] {
        var phases: [FarmPhase] = []
        for (index, phase) in market.schedule.enumerated() where index + 1 < closes.count {
            let moves = instruments.indices.map { asset in
                let before = closes[index][asset].doubleValue
                let after = closes[index + 1][asset].doubleValue
                return (instruments[asset].id.symbol, before > 0 ? after / before - 1 : 0)
            }
            phases.append(FarmPhase(regime: phase.regime, start: phase.start, end: phase.end, moves: moves))
        }
        return phases
    }
}
