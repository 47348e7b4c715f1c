public import TradingCore

/// One of the account's fills, as the venue reports it.
public struct VenueTrade: Sendable, Hashable {
    public var id: String
    public var orderID: String?
    public var symbol: String
    public var side: OrderSide
    public var price: Price
    public var amount: Quantity
    public var cost: Price?
    public var feeCost: Price?
    public var feeCurrency: String?
    /// `maker` or `taker`.
    public var takerOrMaker: String?
    public var timestamp: Int64

    public init(id: String, symbol: String, side: OrderSide, price: Price, amount: Quantity, timestamp: Int64) {
        self.id = id
        self.symbol = symbol
        self.side = side
        self.price = price
        self.amount = amount
        self.timestamp = timestamp
    }

    public var unified: UnifiedValue {
        var fee: UnifiedValue = .null
        if let feeCost { fee = .object([.init("cost", .of(feeCost)), .init("currency", .of(feeCurrency))]) }
        return .object([
            .init("id", .string(id)), .init("order", .of(orderID)), .init("timestamp", .integer(timestamp)),
            .init("datetime", .datetime(timestamp)), .init("symbol", .string(symbol)),
            .init("side", .string(side.rawValue)),
            .init("takerOrMaker", .of(takerOrMaker)), .init("price", .of(price)), .init("amount", .of(amount)),
            .init("cost", .of(cost)), .init("fee", fee),
        ])
    }
}
