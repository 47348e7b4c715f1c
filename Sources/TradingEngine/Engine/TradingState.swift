public import TradingCore

/// Whether the engine accepts new orders. Reasons are inline text, so the state (and the facts that
/// carry it) is plain data.
public enum TradingState: Sendable, Hashable, CustomStringConvertible {
    /// Orders flow normally.
    case active
    /// Only reduce-only orders pass risk: set by a risk limit.
    case reducing(ReasonText)
    /// No strategy order passes (an operator's flatten still does); open orders are cancelled. Set by an
    /// operator or a risk limit; `resumeTrading` re-enables.
    case tradingHalted(ReasonText)

    public var description: String {
        switch self {
        case .active: "active"
        case .reducing(let reason): "reducing (\(reason))"
        case .tradingHalted(let reason): "halted (\(reason))"
        }
    }
}
