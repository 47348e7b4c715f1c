public import TradingCore

/// What just happened to an order: the compact event that audit facts and strategy callbacks carry.
/// The full ``Order`` stays in ``EngineState/orders``.
public struct OrderUpdate: Sendable, Hashable {
    public let clientOrderID: ClientOrderID
    public let strategyID: StrategyID
    public let instrument: InstrumentIndex
    public let side: OrderSide
    public let type: OrderType
    public let transition: OrderTransition
    /// The order's status after the transition.
    public let status: OrderStatus
    public let quantity: Quantity
    public let filledQuantity: Quantity
    public let price: Price?
    public let triggerPrice: Price?
    public let tag: ShortText?
    /// Why it was denied, rejected or cancelled: the refusal's ``RiskRefusal/code`` for denials, the start
    /// of the venue's message otherwise. The full text is ``OrderStore/reason(of:)``.
    public let reason: ShortText?
    public let time: Timestamp

    init(_ order: Order, transition: OrderTransition, reason: ShortText? = nil) {
        clientOrderID = order.clientOrderID
        strategyID = order.strategyID
        instrument = order.instrument
        side = order.side
        type = order.type
        self.transition = transition
        status = order.status
        quantity = order.quantity
        filledQuantity = order.filledQuantity
        price = order.price
        triggerPrice = order.triggerPrice
        tag = order.tag
        self.reason = reason ?? order.reasonCode
        time = order.updatedAt
    }

    /// What remains to fill.
    public var leavesQuantity: Quantity { quantity > filledQuantity ? quantity - filledQuantity : .zero }
}

/// A new order as it left for the venue: the audit record of a submission (plain data).
public struct OrderSubmitted: Sendable, Hashable {
    public let clientOrderID: ClientOrderID
    public let strategyID: StrategyID
    public let spec: OrderSpec
    public let contingency: Contingency
    public let parentID: ClientOrderID?
    public let time: Timestamp

    init(_ order: Order) {
        clientOrderID = order.clientOrderID
        strategyID = order.strategyID
        spec = order.spec
        contingency = order.contingency
        parentID = order.parentID
        time = order.createdAt
    }
}
