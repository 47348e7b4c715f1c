import TradingBacktest
public import TradingCore
import TradingMarketData

/// One bot's state as the front ends show it (`omega farm inspect`, `/positions`, `/balance`,
/// `/psychology`, `/history`).
public struct BotView: Sendable {
    public let name: String
    public let persona: Persona
    public let instrument: String
    /// The persona's name as shown (a user-defined one's own name).
    public let personaName: String
    /// The bar length it decides on (`nil`: the replayed bars').
    public let timeframe: String?
    public let capital: Money
    public let cash: Money
    public let equity: Double
    public let position: Quantity
    public let entryPrice: Price?
    public let stopPrice: Double?
    public let takeProfitPrice: Double?
    public let psychology: TraderPsychology
    public let riskToleranceBand: ClosedRange<Double>
    public let recentDecisions: [BotDecision]
    public let recentTrades: [BotTrade]
    public let entriesTaken: Int
    public let entriesSkipped: Int
    public let mistakes: Int
    /// Orders the risk engine refused.
    public let riskRefusals: Int

    public init(_ bot: PersonaBot, trades: Int = 10) {
        name = bot.name
        persona = bot.persona
        personaName = bot.profile.preset.displayName
        instrument = bot.subscriptions[0].symbol
        timeframe = bot.timeframe?.description
        capital = bot.capital
        cash = Money(raw: bot.cashRaw, currency: bot.capital.currency)
        equity = bot.equity
        position = bot.position
        entryPrice = bot.entryPrice
        stopPrice = bot.stopPrice
        takeProfitPrice = bot.takeProfitPrice
        psychology = bot.profile.psychology
        riskToleranceBand = bot.profile.preset.riskTolerance
        recentDecisions = bot.decisions.elements
        recentTrades = Array(bot.trades.suffix(trades))
        entriesTaken = bot.entriesTaken
        entriesSkipped = bot.entriesSkipped
        mistakes = bot.mistakes
        riskRefusals = bot.riskRefusals
    }
}
