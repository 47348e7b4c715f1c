import ArgumentParser
import TradingBacktest
import TradingCore
import TradingData
import TradingEngine
import TradingMarketData

/// The options that say what market a run sees and how its account and venue behave: data, period,
/// cash, fees, slippage, latency, fill rules, sizing and leverage. Shared by `backtest` and `optimize`.
struct RunOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: "A market data file (repeatable): candles, trades, bbo, book or funding.")
    var data: [String] = []

    @Option(help: "Read candles from the data store instead of files: the exchange (with --symbol and --timeframe).")
    var exchange: String?

    @Option(help: "The stored symbol (with --exchange).")
    var symbol: String?

    @Option(
        name: .customLong("data-dir"),
        help: "The data store's directory (default: $OMEGA_DATA_DIR, else ~/.omega/data)."
    )
    var dataDirectory: String?

    @Option(help: "Starting cash in the instruments' quote currency.", transform: DecimalArgument.parse)
    var cash = DecimalArgument(value: Ratio(10_000), text: "10000")

    @Option(
        name: .customLong("fee-bps"),
        help:
            "Taker fee in basis points, 0...1000 (also the maker fee unless --maker-fee-bps); default: the venue's published fees (docs/backtesting.md), 10 bps where unknown.",
        transform: BasisPoints.parse
    )
    var feeBps: BasisPoints?

    @Option(
        name: .customLong("maker-fee-bps"),
        help: "Maker fee in basis points, -1000...1000 (negative for a rebate).",
        transform: BasisPoints.parse
    )
    var makerFeeBps: BasisPoints?

    @Option(
        name: .customLong("slippage-bps"),
        help: "Adverse slippage on market-type fills where depth is unknown, 0...1000 bps.",
        transform: BasisPoints.parse
    )
    var slippageBps = BasisPoints(bps: .zero)

    @Option(
        name: .customLong("latency-ms"),
        help: "Order arrival latency in milliseconds.",
        transform: DecimalArgument.parse
    )
    var latencyMs = DecimalArgument(value: .zero, text: "0")

    @Option(
        help: "Start of the period (YYYY-MM-DD[THH:MM[:SS]] UTC, or Unix ms); inclusive.",
        transform: TimeArgument.parse
    )
    var from: TimeArgument?

    @Option(help: "End of the period; exclusive.", transform: TimeArgument.parse)
    var to: TimeArgument?

    @Option(help: "When a market order placed at a bar's close fills: next_open or close.")
    var fill: FillOption = .nextOpen

    @Option(name: .customLong("limit-fill"), help: "Resting limit orders fill on touch or only when traded through.")
    var limitFill: LimitFillOption = .touch

    @Option(help: "Entry size: all_in, fraction:F, quote:AMOUNT or qty:QUANTITY.", transform: SizingArgument.parse)
    var sizing = SizingArgument.allIn

    @Option(help: "Leverage for perpetual instruments (1...125).", transform: DecimalArgument.parse)
    var leverage = DecimalArgument(value: .one, text: "1")

    @Option(help: "Treat data files as spot or perp instruments (default: from the file name).")
    var market: MarketOption?

    @Option(
        help: "Bar length when the file name does not give it (1m, 5m, 1h, 1d, 1M...).",
        transform: TimeframeArgument.parse
    )
    var timeframe: TimeframeArgument?

    @Option(
        name: .customLong("tick-size"),
        help: "Instrument tick size (default 0.00000001).",
        transform: DecimalArgument.parse
    )
    var tickSize: DecimalArgument?

    @Option(
        name: .customLong("lot-size"),
        help: "Instrument lot step (default: the ledger's resolution, 1e-18).",
        transform: DecimalArgument.parse
    )
    var lotSize: DecimalArgument?

    @Option(
        name: .customLong("min-notional"),
        help: "Instrument minimum order notional in the quote currency (default 0).",
        transform: DecimalArgument.parse
    )
    var minNotional: DecimalArgument?

    @OptionGroup(title: "Exits and risk limits")
    var risk: RiskOptions

    @Option(help: "Seed of the synthetic market (without --data).")
    var seed: UInt64 = 42

    @Option(help: "Number of one-minute bars of the synthetic market (without --data).")
    var bars: Int = 43_200

    /// The fees, slippage, latency, period and instrument defaults the options give, checked together.
    struct Settings {
        var takerFee = Ratio.zero
        var makerFee = Ratio.zero
        /// No fee was given: each instrument is charged its venue's schedule.
        var usesVenueFees = false
        var slippage = Ratio.zero
        var latency = Duration.zero
        var range = TimeRange.all
        var defaults = InstrumentDefaults()
    }

    /// Checked in `validate()`.
    var settings = Settings()

    enum CodingKeys: String, CodingKey {
        case data, exchange, symbol, dataDirectory, cash, feeBps, makerFeeBps, slippageBps, latencyMs, from, to, fill
        case limitFill, sizing, leverage, market, timeframe, tickSize, lotSize, minNotional, seed, bars, risk
    }

    /// Checks the values' ranges and how they combine; each value's syntax was checked when it was parsed.
    mutating func validate() throws { settings = try checkedSettings() }

    private func checkedSettings() throws -> Settings {
        if exchange != nil || symbol != nil {
            guard exchange != nil, symbol != nil, timeframe != nil else {
                throw ValidationError("reading from the store needs --exchange, --symbol and --timeframe together")
            }
            guard data.isEmpty else {
                throw ValidationError("give either --data files or --exchange/--symbol/--timeframe, not both")
            }
        }
        var settings = Settings()
        settings.usesVenueFees = feeBps == nil && makerFeeBps == nil
        settings.takerFee =
            try feeBps?.within(0...1_000, flag: "--fee-bps", meaning: "0 % to 10 %")
            ?? Ratio(raw: FixedPoint.scale / 1_000)
        settings.makerFee =
            try makerFeeBps?.within(-1_000...1_000, flag: "--maker-fee-bps", meaning: "-10 % to 10 %")
            ?? settings.takerFee
        settings.slippage = try slippageBps.within(0...1_000, flag: "--slippage-bps", meaning: "0 % to 10 %")
        guard latencyMs.value.raw >= 0, latencyMs.value <= Ratio(3_600_000) else {
            throw ValidationError("--latency-ms \(latencyMs): must be within 0 and 3600000")
        }
        settings.latency = .nanoseconds(
            Int64(
                FixedPoint.multiplyDivide(latencyMs.value.raw, 1_000_000, FixedPoint.scale, rounding: .toNearestOrEven)
            )
        )
        if let from, let to, from.value >= to.value {
            throw ValidationError("--from \(from) must be before --to \(to)")
        }
        settings.range = TimeRange(from: from?.value, to: to?.value)
        guard cash.value.raw > 0, cash.value.raw <= MarketDataLimits.maximumNotional else {
            throw ValidationError("--cash \(cash): must be positive and at most 1e12")
        }
        guard leverage.value >= .one, leverage.value <= Ratio(125) else {
            throw ValidationError("--leverage \(leverage): must be within 1...125")
        }
        try SizeLimits.check(bars, "--bars", SizeLimits.syntheticBars)
        var defaults = InstrumentDefaults(makerFee: settings.makerFee, takerFee: settings.takerFee)
        defaults.usesVenueFees = settings.usesVenueFees
        if let tickSize {
            guard tickSize.value.raw > 0 else {
                throw ValidationError("--tick-size \(tickSize): expected a positive decimal")
            }
            defaults.tickSize = Price(raw: tickSize.value.raw)
        }
        if let lotSize {
            guard lotSize.value.raw > 0 else {
                throw ValidationError("--lot-size \(lotSize): expected a positive decimal")
            }
            defaults.lotStep = Quantity(raw: lotSize.value.raw)
        }
        if let minNotional {
            guard minNotional.value.raw >= 0 else {
                throw ValidationError("--min-notional \(minNotional): expected a decimal of at least 0")
            }
            defaults.minNotional = minNotional.value
        }
        settings.defaults = defaults
        return settings
    }

    /// The market a run replays: instruments, streaming sources and display names.
    struct MarketData {
        var instruments: [Instrument]
        var sources: [any MarketDataSource]
        var names: [String]
    }

    /// Opens the data files, the stored series, or the synthetic market without either.
    func marketData() throws(BacktestError) -> MarketData {
        if let exchange, let symbol, let frame = timeframe?.value {
            return try storedMarketData(exchange: exchange, symbol: symbol, timeframe: frame)
        }
        if data.isEmpty {
            let synthetic = SyntheticMarket(seed: seed, bars: bars)
            let instrument: Instrument
            do {
                instrument = try synthetic.instrument(defaults: settings.defaults, kind: market?.kind ?? .spot)
            } catch {
                throw .configuration(error.description)
            }
            return MarketData(
                instruments: [instrument],
                sources: [synthetic.source(instrument: InstrumentIndex(0), range: settings.range)],
                names: ["synthetic(seed=\(seed), bars=\(bars))"]
            )
        }
        let setup: MarketDataSetup
        do {
            setup = try MarketDataSetup(
                paths: data,
                defaults: settings.defaults,
                market: market?.kind,
                timeframe: timeframe?.value,
                range: settings.range
            )
        } catch {
            throw BacktestError(error)
        }
        return MarketData(
            instruments: setup.instruments,
            sources: setup.sources,
            names: data.map { String($0.split(separator: "/").last ?? Substring($0)) }
        )
    }

    /// The account, venue and latency for `instruments`, and the sizing rule.
    func configuration(instruments: [Instrument]) throws(BacktestError) -> (BacktestConfiguration, PositionSizing) {
        let currency = instruments[0].quote
        let sizingRule = sizing.sizing(currency: currency)
        var leverage: [InstrumentID: Ratio] = [:]
        for instrument in instruments where instrument.kind == .linearPerpetual {
            leverage[instrument.id] = self.leverage.value
        }
        var engine = EngineConfiguration(
            instruments: instruments,
            accountCurrency: currency,
            balances: [Money(raw: cash.value.raw, currency: currency)],
            leverage: leverage,
            defaultSizing: sizingRule,
            riskPolicy: risk.policy(currency: currency)
        )
        engine.defaultExits = risk.exitPlan
        let configuration = BacktestConfiguration(
            engine: engine,
            exchange: SimulatedExchangeConfiguration(
                slippage: settings.slippage,
                barFill: fill.rule,
                limitFill: limitFill.rule
            ),
            latency: settings.latency
        )
        return (configuration, sizingRule)
    }

    /// The settings as (name, value) rows for summaries and reports.
    func settingRows(sizingRule: PositionSizing, instruments: [Instrument]) -> [(String, String)] {
        // The fees each instrument is charged, grouped when they agree.
        var fees: [String] = []
        for instrument in instruments {
            let text = "\(instrument.takerFee.basisPoints) / \(instrument.makerFee.basisPoints) bps"
            if !fees.contains(text) { fees.append(text) }
        }
        let source = settings.usesVenueFees ? " (the venue's published fees)" : ""
        return [
            ("cash", "\(cash) \(instruments.first?.quote.code ?? "")"),
            ("fee (taker / maker)", fees.joined(separator: ", ") + source),
            ("slippage", "\(settings.slippage.basisPoints) bps"),
            ("latency", "\(latencyMs) ms"),
            ("bar fill", fill.rawValue),
            ("limit fill", limitFill.rawValue),
            ("sizing", sizingRule.description),
            ("leverage", leverage.value.description),
            ("range", settings.range.description),
        ] + risk.settingRows
    }

    /// A candle series from the data store.
    private func storedMarketData(
        exchange: String,
        symbol: String,
        timeframe: Timeframe
    ) throws(BacktestError) -> MarketData {
        let description: DataFileDescription
        let instrument: Instrument
        do {
            description = try DataFileDescription.describe(
                exchange: exchange,
                symbol: symbol,
                timeframe: timeframe,
                market: market?.kind
            )
        } catch {
            throw .data(error)
        }
        guard let id = description.instrumentID, let venueSymbol = description.venueSymbol else {
            throw .configuration("cannot name an instrument for \(exchange) \(symbol)")
        }
        do {
            instrument = try settings.defaults.instrument(
                id: id,
                venueSymbol: venueSymbol,
                kind: description.instrumentKind,
                base: description.base,
                quote: description.quote
            )
        } catch {
            throw .configuration(error.description)
        }
        let key = SeriesKey(exchange: exchange, symbol: symbol, kind: .candles, timeframe: timeframe.description)
        do {
            let store = try MarketStore(directory: DataDirectory.resolve(dataDirectory))
            let source = try StoreCandleSource(
                store: store,
                key: key,
                instrument: InstrumentIndex(0),
                range: settings.range
            )
            return MarketData(instruments: [instrument], sources: [source], names: ["store: \(key)"])
        } catch {
            throw .configuration(error.description)
        }
    }
}
