public import TradingCore
import TradingEngine

/// A new order as a client sent it, checked and translated to the engine's terms: what
/// ``AccountMarket/place(_:at:)`` needs. ``BinanceOrderParser`` builds it from Binance's parameters.
public struct NewOrder: Sendable, Hashable {
    public var symbol: SimSymbol
    public var instrument: InstrumentIndex
    public var side: OrderSide
    /// Binance's type as sent.
    public var binanceType: String
    /// `GTC`, `IOC`, `FOK` or `GTX` as reported back.
    public var timeInForce: String
    /// The engine's type and time in force; a take-profit limit is held by the sim until its trigger and
    /// then placed as a limit order.
    public var type: OrderType
    public var engineTimeInForce: TimeInForce
    public var quantity: Quantity?
    public var quoteOrderQty: Money?
    public var price: Price?
    public var stopPrice: Price?
    public var reduceOnly: Bool
    public var clientOrderId: String
    /// Whether the sim holds it until a trade reaches `stopPrice` (take-profit limits).
    public var awaitsTrigger: Bool
    /// Placed through USD-M's algo-order endpoint.
    public var isAlgo = false
    /// Closes the whole position (`closePosition=true`; the quantity is the position's at placement).
    public var closePosition = false

    public init(
        symbol: SimSymbol,
        instrument: InstrumentIndex,
        side: OrderSide,
        binanceType: String,
        timeInForce: String,
        type: OrderType,
        engineTimeInForce: TimeInForce,
        quantity: Quantity?,
        quoteOrderQty: Money? = nil,
        price: Price? = nil,
        stopPrice: Price? = nil,
        reduceOnly: Bool = false,
        clientOrderId: String,
        awaitsTrigger: Bool = false,
        isAlgo: Bool = false,
        closePosition: Bool = false
    ) {
        self.symbol = symbol
        self.instrument = instrument
        self.side = side
        self.binanceType = binanceType
        self.timeInForce = timeInForce
        self.type = type
        self.engineTimeInForce = engineTimeInForce
        self.quantity = quantity
        self.quoteOrderQty = quoteOrderQty
        self.price = price
        self.stopPrice = stopPrice
        self.reduceOnly = reduceOnly
        self.clientOrderId = clientOrderId
        self.awaitsTrigger = awaitsTrigger
        self.isAlgo = isAlgo
        self.closePosition = closePosition
    }

    /// The engine's order for it (a held take-profit limit becomes a plain limit when released).
    func spec(released: Bool = false) -> OrderSpec {
        let amount: OrderQuantity = quoteOrderQty.map { .quote($0) } ?? .base(quantity ?? .zero)
        if awaitsTrigger || released {
            return OrderSpec(
                instrument: instrument,
                side: side,
                type: .limit,
                quantity: amount,
                price: price,
                timeInForce: engineTimeInForce,
                reduceOnly: reduceOnly
            )
        }
        return OrderSpec(
            instrument: instrument,
            side: side,
            type: type,
            quantity: amount,
            price: type.hasLimitPrice ? price : nil,
            triggerPrice: type.isConditional ? stopPrice : nil,
            timeInForce: type == .market ? .ioc : engineTimeInForce,
            reduceOnly: reduceOnly
        )
    }
}
