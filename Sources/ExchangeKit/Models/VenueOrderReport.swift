public import TradingCore

/// An order as a venue reports it (an acknowledgement, a query, a list of open orders), in unified terms.
///
/// Fields the venue did not send are `nil`. An acknowledgement carries little (the IDs); the adapter fills
/// in what it sent, and lists those fields in ``echoedFromRequest`` so a reader can tell what the venue
/// confirmed from what Omega asked for.
public struct VenueOrderReport: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        case open, closed, canceled, expired, rejected
    }

    public var id: String?
    public var clientOrderID: String?
    /// When the venue created the order (epoch ms).
    public var timestamp: Int64?
    public var lastTradeTimestamp: Int64?
    public var lastUpdateTimestamp: Int64?
    public var symbol: String?
    /// `market` or `limit` (a stop is a market or limit order with a ``triggerPrice``).
    public var type: String?
    public var timeInForce: String?
    public var postOnly: Bool?
    public var reduceOnly: Bool?
    public var side: OrderSide?
    public var price: Price?
    public var triggerPrice: Price?
    public var takeProfitPrice: Price?
    public var stopLossPrice: Price?
    public var amount: Quantity?
    public var filled: Quantity?
    public var remaining: Quantity?
    /// Filled value in the quote currency.
    public var cost: Price?
    /// Average fill price.
    public var average: Price?
    public var status: Status?
    public var feeCost: Price?
    public var feeCurrency: String?
    /// The fields set from the request rather than the venue's reply.
    public var echoedFromRequest: Set<String> = []

    public init() {}

    /// Unified JSON (ccxt's order structure, without its `info` echo of the raw reply).
    public var unified: UnifiedValue {
        var fee: UnifiedValue = .null
        if let feeCost {
            fee = .object([.init("cost", .of(feeCost)), .init("currency", .of(feeCurrency))])
        }
        return .object([
            .init("id", .of(id)), .init("clientOrderId", .of(clientOrderID)),
            .init("timestamp", .of(milliseconds: timestamp)), .init("datetime", .datetime(timestamp)),
            .init("lastTradeTimestamp", .of(milliseconds: lastTradeTimestamp)),
            .init("lastUpdateTimestamp", .of(milliseconds: lastUpdateTimestamp)), .init("symbol", .of(symbol)),
            .init("type", .of(type)), .init("timeInForce", .of(timeInForce)), .init("postOnly", .of(postOnly)),
            .init("reduceOnly", .of(reduceOnly)), .init("side", .of(side?.rawValue)), .init("price", .of(price)),
            .init("triggerPrice", .of(triggerPrice)), .init("stopPrice", .of(triggerPrice)),
            .init("takeProfitPrice", .of(takeProfitPrice)), .init("stopLossPrice", .of(stopLossPrice)),
            .init("amount", .of(amount)), .init("filled", .of(filled)), .init("remaining", .of(remaining)),
            .init("cost", .of(cost)), .init("average", .of(average)), .init("status", .of(status?.rawValue)),
            .init("fee", fee), .init("trades", .array([])), .init("fees", fee == .null ? .array([]) : .array([fee])),
        ])
    }
}
