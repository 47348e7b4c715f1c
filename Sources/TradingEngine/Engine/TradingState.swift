/// Whether the engine accepts new orders.
public enum TradingState: Sendable, Hashable, CustomStringConvertible {
    /// Orders flow normally.
    case active
    /// Only reduce-only orders pass risk; set by an operator.
    case tradingHalted(String)

    public var description: String {
        switch self {
        case .active: "active"
        case .tradingHalted(let reason): "halted (\(reason))"
        }
    }
}
