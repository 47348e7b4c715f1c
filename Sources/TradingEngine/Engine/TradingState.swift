/// Whether the engine accepts new orders.
public enum TradingState: Sendable, Hashable, CustomStringConvertible {
    /// Orders flow normally.
    case active
    /// Only reduce-only orders pass risk: set by a risk limit.
    case reducing(String)
    /// No strategy order passes (an operator's flatten still does); open orders are cancelled. Set by an
    /// operator or a risk limit; `resumeTrading` re-enables.
    case tradingHalted(String)

    public var description: String {
        switch self {
        case .active: "active"
        case .reducing(let reason): "reducing (\(reason))"
        case .tradingHalted(let reason): "halted (\(reason))"
        }
    }
}
