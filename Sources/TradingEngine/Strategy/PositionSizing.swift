public import TradingCore

/// How large a strategy's entries are. The context turns it into an ``OrderQuantity`` with
/// ``StrategyContext/entryQuantity(for:side:)``.
public enum PositionSizing: Sendable, Hashable, CustomStringConvertible {
    /// Commit all available balance of the settlement currency, fees included (freqtrade's
    /// `stake_amount: unlimited` with one open trade).
    case allIn
    /// Commit this fraction of current equity, capped by the available balance.
    case fractionOfEquity(Ratio)
    /// Commit this amount of the settlement currency, capped by the available balance.
    case quoteAmount(Money)
    /// Trade this base quantity.
    case baseQuantity(Quantity)

    public var description: String {
        switch self {
        case .allIn: "all_in"
        case .fractionOfEquity(let fraction): "fraction:\(fraction)"
        case .quoteAmount(let money): "quote:\(money.amountText)"
        case .baseQuantity(let quantity): "quantity:\(quantity)"
        }
    }
}
