/// How an order executes.
///
/// | type | needs | behaviour |
/// | --- | --- | --- |
/// | `market` | quantity | fills immediately at the best available prices |
/// | `limit` | price | fills at `price` or better; rests otherwise |
/// | `stopMarket` | trigger | becomes a market order when the price reaches the trigger against the position (buy: at or above; sell: at or below) |
/// | `stopLimit` | trigger, price | becomes a limit order at `price` when triggered like `stopMarket` |
/// | `takeProfitMarket` | trigger | becomes a market order when the price reaches the trigger in favour (buy: at or below; sell: at or above) |
/// | `trailingStopMarket` | trailing offset | a stop whose trigger follows the best price since activation at a fixed distance |
public enum OrderType: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case market
    case limit
    case stopMarket = "stop_market"
    case stopLimit = "stop_limit"
    case takeProfitMarket = "take_profit_market"
    case trailingStopMarket = "trailing_stop_market"

    /// Whether the order waits for a trigger before it can fill.
    @inlinable
    public var isConditional: Bool {
        switch self {
        case .market, .limit: false
        case .stopMarket, .stopLimit, .takeProfitMarket, .trailingStopMarket: true
        }
    }

    /// Whether the order carries a limit price.
    @inlinable
    public var hasLimitPrice: Bool { self == .limit || self == .stopLimit }

    public var description: String { rawValue }
}
