public import TradingCore

/// What stateful risk policies remember between events; part of the engine state, so it is deterministic
/// and travels with snapshots.
public struct RiskState: Sendable, Hashable {
    /// Submission times (ns) of the last minute, per strategy and for the account.
    public internal(set) var submissions: [StrategyID: [Int64]] = [:]
    public internal(set) var accountSubmissions: [Int64] = []
    /// The highest equity seen (raw, account currency).
    public internal(set) var equityPeak: Int128?
    /// The current risk day and the equity it started with.
    public internal(set) var day: Int64?
    public internal(set) var dayStartEquity: Int128 = 0
    /// Whether the daily loss limit tripped today (it resets with the day).
    public internal(set) var dailyLossTripped = false
    /// Whether the drawdown breaker tripped (it holds until an operator resumes trading).
    public internal(set) var drawdownTripped = false
    /// Consecutive losing round trips, per instrument and overall.
    public internal(set) var lossStreaks: [Int: Int] = [:]
    public internal(set) var globalLossStreak = 0
    /// Cooldowns after a losing streak: no new risk until then (ns).
    public internal(set) var cooldownUntil: [Int: Int64] = [:]
    public internal(set) var globalCooldownUntil: Int64 = .min
    /// The rolling correlation of the instruments' bar returns, for the correlated exposure limit.
    public internal(set) var correlations: RollingCorrelations?
    /// Bot allocations (``BotAllocations``): each bot's capital since the last rebalance, its PnL at the last
    /// rebalance and at the start of the day, and the rebalance schedule. The bots' books are the engine's
    /// (``EngineState/botBooks``).
    public internal(set) var botCapital: [StrategyID: Int128] = [:]
    public internal(set) var botPnLBaseline: [StrategyID: Int128] = [:]
    public internal(set) var botDayStartPnL: [StrategyID: Int128] = [:]
    public internal(set) var botDay: Int64?
    public internal(set) var nextRebalance: Int64?
    public internal(set) var rebalances = 0

    public init() {}
}
