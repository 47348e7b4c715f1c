import TradingBacktest
public import TradingCore
public import TradingEngine
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
    public let equity: Double
    /// What the bot's holdings commit of its equity: their cost on spot, their margin on a perpetual.
    public let committed: Money
    /// The bot's holding of its instrument, from the engine's book of the bot; `nil` when flat.
    public let holding: BotBook.Holding?
    public let entryPrice: Price?
    /// The engine's exit levels on the holding.
    public let stopPrice: Price?
    public let takeProfitPrice: Price?
    /// Where the engine liquidates the holding (perpetuals).
    public let liquidationPrice: Price?
    /// Realized PnL, fees and funding of the bot's book.
    public let realized: Money
    public let fees: Money
    public let funding: Money
    public let liquidations: Int
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
        equity = bot.equity
        let currency = bot.capital.currency
        let holding = bot.book.openHoldings.first?.holding
        self.holding = holding
        if let holding, let instrument = bot.tradedInstrument {
            committed = Money(raw: bot.book.committedRaw(instruments: [instrument]), currency: currency)
            entryPrice = holding.averageEntryPrice(instrument)
            liquidationPrice = holding.liquidationPrice
        } else {
            committed = .zero(currency)
            entryPrice = nil
            liquidationPrice = nil
        }
        stopPrice = holding == nil ? nil : bot.exits?.stop
        takeProfitPrice = holding == nil ? nil : bot.exits?.nextTarget
        realized = Money(raw: bot.book.realizedRaw, currency: currency)
        fees = Money(raw: bot.book.feesRaw, currency: currency)
        funding = Money(raw: bot.book.fundingRaw, currency: currency)
        liquidations = bot.book.liquidations
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
