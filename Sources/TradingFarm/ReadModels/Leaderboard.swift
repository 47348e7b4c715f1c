import TradingBacktest
import TradingCore
import TradingEngine

/// One row of the farm leaderboard (`/stats`, `/farm_status`): a bot's result from its own book.
public struct BotStanding: Sendable, Hashable {
    public let name: String
    public let persona: Persona
    /// The persona's name as shown (a user-defined one's own name).
    public let personaName: String
    public let instrument: String
    public let capital: Double
    public let finalEquity: Double
    public let totalReturn: Double
    public let sharpe: Double?
    public let maxDrawdown: Double
    public let trades: Int
    public let winRate: Double?
    public let profitFactor: Double?
    /// Fees the bot's fills paid and funding it received (account currency).
    public let fees: Double
    public let funding: Double
    /// Buy-and-hold of the bot's instrument over the run (`nil` when it saw no price).
    public let buyAndHold: Double?
    /// Net PnL (final equity − capital) and gross PnL (before fees and funding).
    public var netPnL: Double { finalEquity - capital }
    public var grossPnL: Double { netPnL + fees - funding }
    public let emotion: EmotionalState
    public let confidence: Double
    public let mistakes: Int
}

/// The leaderboard: bots by total return (then name), and the farm total from the shared account.
public struct Leaderboard: Sendable {
    public let standings: [BotStanding]
    public let farmInitialEquity: Double
    public let farmFinalEquity: Double
    public let farmMaxDrawdown: Double
    public let farmSharpe: Double?
    public let farmTrades: Int
    public let farmFees: Double
    /// Equal parts of every instrument the farm saw, bought at the start and held.
    public let farmBuyAndHold: Double?

    public init(_ result: FarmResult) {
        var changes: [String: Double] = [:]
        for holding in result.backtest.buyAndHold.instruments {
            changes[result.backtest.instruments[holding.instrument.int].id.description] = holding.change
        }
        standings = result.bots.map { Self.standing($0, changes: changes) }.sorted {
            ($0.totalReturn, $1.name) > ($1.totalReturn, $0.name)
        }
        let summary = result.backtest.summary
        farmFees = summary.totalFees.doubleValue
        farmBuyAndHold = result.backtest.buyAndHold.totalReturn
        farmInitialEquity = summary.initialEquity.doubleValue
        farmFinalEquity = summary.finalEquity.doubleValue
        farmMaxDrawdown = summary.maxDrawdown
        farmSharpe = summary.sharpe
        farmTrades = result.bots.reduce(0) { $0 + $1.trades.count }
    }

    static func standing(_ bot: PersonaBot, changes: [String: Double]) -> BotStanding {
        let capital = bot.capital.doubleValue
        let wins = bot.trades.filter { $0.pnl.raw > 0 }
        let gains = wins.reduce(0.0) { $0 + $1.pnl.doubleValue }
        let losses = bot.trades.filter { $0.pnl.raw <= 0 }.reduce(0.0) { $0 - $1.pnl.doubleValue }
        return BotStanding(
            name: bot.name,
            persona: bot.persona,
            personaName: bot.profile.preset.displayName,
            instrument: bot.subscriptions[0].symbol,
            capital: capital,
            finalEquity: bot.equity,
            totalReturn: capital > 0 ? bot.equity / capital - 1 : 0,
            sharpe: bot.performance?.sharpe,
            maxDrawdown: bot.statistics?.maxDrawdown ?? 0,
            trades: bot.trades.count,
            winRate: bot.trades.isEmpty ? nil : Double(wins.count) / Double(bot.trades.count),
            profitFactor: losses > 0 ? gains / losses : nil,
            fees: FixedPoint.toDouble(bot.book.feesRaw),
            funding: FixedPoint.toDouble(bot.book.fundingRaw),
            buyAndHold: changes[bot.subscriptions[0].description],
            emotion: bot.profile.psychology.emotion,
            confidence: bot.profile.psychology.confidence,
            mistakes: bot.mistakes
        )
    }
}
