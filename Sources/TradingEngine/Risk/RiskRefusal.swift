public import TradingCore

/// Why risk refused an order. Refusals are business outcomes: they become ``EngineFact/orderDenied(_:)``
/// facts, never errors.
public enum RiskRefusal: Sendable, Hashable, CustomStringConvertible {
    /// The order's fields do not fit its type.
    case invalidOrder(String)
    /// The price, quantity or notional breaks the instrument's rules.
    case instrumentRule(InstrumentViolation)
    case insufficientBalance(required: Money, available: Money)
    case insufficientMargin(required: Money, available: Money)
    case reduceOnlyWithoutPosition
    case reduceOnlyWouldIncrease
    case reduceOnlyExceedsPosition(position: Quantity)
    /// A spot sell for more than the account holds.
    case spotShortSale(available: Quantity)
    /// No price is known yet to value a market order.
    case noMarketPrice
    /// The instrument's market view is stale (its venue disconnected or a stream skipped updates): only
    /// orders that reduce risk pass until fresh data arrives.
    case staleMarket
    case tradingHalted(reason: String)
    case tradingReducing(reason: String)
    case strategyPaused
    case unknownOrder(ClientOrderID)
    /// Refused by a policy outside this module.
    case policy(code: String, message: String)

    /// A stable short code for the refusal (`insufficient_balance`, `instrument_rule`, …), carried by
    /// ``OrderUpdate/reason``.
    public var code: String {
        switch self {
        case .invalidOrder: "invalid_order"
        case .instrumentRule: "instrument_rule"
        case .insufficientBalance: "insufficient_balance"
        case .insufficientMargin: "insufficient_margin"
        case .reduceOnlyWithoutPosition: "reduce_only_no_position"
        case .reduceOnlyWouldIncrease: "reduce_only_increase"
        case .reduceOnlyExceedsPosition: "reduce_only_exceeds"
        case .spotShortSale: "spot_short_sale"
        case .noMarketPrice: "no_market_price"
        case .staleMarket: "stale_market"
        case .tradingHalted: "trading_halted"
        case .tradingReducing: "trading_reducing"
        case .strategyPaused: "strategy_paused"
        case .unknownOrder: "unknown_order"
        case .policy(let code, _): code
        }
    }

    public var description: String {
        switch self {
        case .invalidOrder(let message): "invalid order: \(message)"
        case .instrumentRule(let violation): "instrument rule: \(violation)"
        case .insufficientBalance(let required, let available):
            "insufficient balance: requires \(required), available \(available)"
        case .insufficientMargin(let required, let available):
            "insufficient margin: requires \(required), available \(available)"
        case .reduceOnlyWithoutPosition: "reduce-only order without an open position"
        case .reduceOnlyWouldIncrease: "reduce-only order would increase the position"
        case .reduceOnlyExceedsPosition(let position): "reduce-only order exceeds the position of \(position)"
        case .spotShortSale(let available): "spot sell exceeds the available \(available)"
        case .noMarketPrice: "no market price yet to value the order"
        case .staleMarket: "the market is stale (venue disconnected or a stream gap): only orders that reduce risk"
        case .tradingHalted(let reason): "trading halted: \(reason)"
        case .tradingReducing(let reason): "only reduce-only orders while reducing: \(reason)"
        case .strategyPaused: "strategy is paused"
        case .unknownOrder(let id): "unknown order \(id)"
        case .policy(let code, let message): "\(code): \(message)"
        }
    }
}
