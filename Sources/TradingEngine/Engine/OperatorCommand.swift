public import TradingCore

/// An instruction from an operator surface (CLI, API, chat). Operators never touch engine state
/// directly; they send these in.
public enum OperatorCommand: Sendable, Hashable, CustomStringConvertible {
    /// Refuse every new order that is not reduce-only.
    case haltTrading(reason: ShortText)
    case resumeTrading
    /// The strategy keeps receiving data, but its new orders are refused.
    case pauseStrategy(StrategyID)
    case resumeStrategy(StrategyID)
    /// Cancel every open order, on one instrument or all.
    case cancelAllOrders(InstrumentIndex?)
    /// Cancel open orders and close positions with reduce-only market orders, on one instrument or all.
    case flattenPositions(InstrumentIndex?)

    public var description: String {
        switch self {
        case .haltTrading(let reason): "halt_trading(\(reason))"
        case .resumeTrading: "resume_trading"
        case .pauseStrategy(let id): "pause_strategy(\(id))"
        case .resumeStrategy(let id): "resume_strategy(\(id))"
        case .cancelAllOrders(let instrument): "cancel_all_orders(\(instrument.map { "\($0)" } ?? "all"))"
        case .flattenPositions(let instrument): "flatten_positions(\(instrument.map { "\($0)" } ?? "all"))"
        }
    }
}
