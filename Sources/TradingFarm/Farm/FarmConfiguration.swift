import TradingBacktest
public import TradingEngine
public import TradingMarketData

/// A farm: bots, farm-wide limits and the account they share.
public struct FarmConfiguration: Sendable {
    /// One bot: a persona (its preset, with any overrides), an instrument and its capital.
    public struct Bot: Sendable {
        public enum Capital: Sendable, Hashable {
            case amount(Decimal128Text)
            case fraction(Double)
        }

        public var name: String
        public var preset: PersonaPreset
        /// The instrument's symbol (`BTCUSDT`) or ID (`BTCUSDT.BINANCE`); `nil` for the first one.
        public var instrument: String?
        public var capital: Capital
        public var enabled: Bool
        /// Seeds the persona's randomness; defaults to a hash of the name.
        public var seed: UInt64?
        /// The bar length the bot decides on, built from the replayed bars (`nil`: theirs).
        public var timeframe: Timeframe?

        public init(
            name: String,
            preset: PersonaPreset,
            instrument: String? = nil,
            capital: Capital,
            enabled: Bool = true,
            seed: UInt64? = nil,
            timeframe: Timeframe? = nil
        ) {
            self.timeframe = timeframe
            self.name = name
            self.preset = preset
            self.instrument = instrument
            self.capital = capital
            self.enabled = enabled
            self.seed = seed
        }
    }

    /// Farm-wide limits, on the shared account, checked before any bot's own.
    public struct Limits: Sendable, Hashable {
        public var dailyLoss: Double?
        public var maximumDrawdown: Double?
        public var maximumPositionNotional: Double?
        public var maximumGrossExposure: Double?
        public var ordersPerMinute: Int?
        /// Each bot's own daily loss limit, a fraction of its capital: past it, its new entries are refused
        /// until the next UTC day.
        public var botDailyLoss: Double?
        /// The most leverage a bot may use on a perpetual (its persona's maximum, scaled by its mood, stays
        /// within it); the account's leverage on the perpetuals.
        public var maximumLeverage: Double
        /// What a tripped daily-loss or drawdown limit does: reduce (the default) or flatten.
        public var onHalt: CircuitBreakers.Trip

        /// The farm's maximum leverage when the configuration does not give one.
        public static let defaultMaximumLeverage = 3.0

        public init(
            dailyLoss: Double? = nil,
            maximumDrawdown: Double? = nil,
            maximumPositionNotional: Double? = nil,
            maximumGrossExposure: Double? = nil,
            ordersPerMinute: Int? = nil,
            botDailyLoss: Double? = nil,
            maximumLeverage: Double = Limits.defaultMaximumLeverage,
            onHalt: CircuitBreakers.Trip = .reducing
        ) {
            self.maximumLeverage = maximumLeverage
            self.onHalt = onHalt
            self.botDailyLoss = botDailyLoss
            self.dailyLoss = dailyLoss
            self.maximumDrawdown = maximumDrawdown
            self.maximumPositionNotional = maximumPositionNotional
            self.maximumGrossExposure = maximumGrossExposure
            self.ordersPerMinute = ordersPerMinute
        }
    }

    public var name: String
    public var bots: [Bot]
    public var limits: Limits
    /// The venue named for the account (informational in backtests: the simulated exchange stands in).
    public var exchange: String
    /// The most bots a farm may run.
    public static let maximumBots = 10_000

    /// The account's cash in its quote currency.
    public var cash: Decimal128Text
    /// Fees in basis points (maker and taker); `nil` charges each instrument its venue's published fees
    /// (``VenueFees``), 10 bps where the venue is unknown.
    public var feeBps: Double?
    public var slippageBps: Double
    /// Data files; none for the built-in synthetic market.
    public var data: [String]
    public var syntheticBars: Int
    public var seed: UInt64
    public var sentimentFile: String?
    public var schumannFile: String?

    public init(
        name: String = "default",
        bots: [Bot],
        limits: Limits = Limits(),
        exchange: String = "simulated",
        cash: Decimal128Text = Decimal128Text("60000"),
        feeBps: Double? = nil,
        slippageBps: Double = 0,
        data: [String] = [],
        syntheticBars: Int = 43_200,
        seed: UInt64 = 42,
        sentimentFile: String? = nil,
        schumannFile: String? = nil
    ) {
        self.name = name
        self.bots = bots
        self.limits = limits
        self.exchange = exchange
        self.cash = cash
        self.feeBps = feeBps
        self.slippageBps = slippageBps
        self.data = data
        self.syntheticBars = syntheticBars
        self.seed = seed
        self.sentimentFile = sentimentFile
        self.schumannFile = schumannFile
    }

    /// The default farm: one bot per persona, each with an equal share of the account, spread over the
    /// data's instruments in turn.
    public static func defaultFarm(data: [String] = [], bars: Int = 43_200, seed: UInt64 = 42) -> FarmConfiguration {
        let share = 1.0 / Double(Persona.allCases.count)
        return FarmConfiguration(
            bots: Persona.allCases.map { persona in
                Bot(name: "\(persona.rawValue)_bot", preset: .builtIn(persona), capital: .fraction(share))
            },
            limits: Limits(dailyLoss: 0.1, maximumDrawdown: 0.3),
            data: data,
            syntheticBars: bars,
            seed: seed
        )
    }
}

/// A decimal number kept as its text until it is turned into exact money (so configuration never passes
/// amounts through `Double`).
public struct Decimal128Text: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    public init(_ text: String) { self.text = text }
    public var description: String { text }
}
