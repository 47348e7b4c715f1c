public import TradingCore

/// A new order as the venue sees it.
public struct OrderTicket: Sendable, Hashable {
    public let clientOrderID: ClientOrderID
    public let strategyID: StrategyID
    public let spec: OrderSpec
    public let contingency: Contingency
    /// Set on bracket exits: the venue holds them until the parent fills.
    public let parentID: ClientOrderID?

    public init(
        clientOrderID: ClientOrderID, strategyID: StrategyID, spec: OrderSpec, contingency: Contingency = .none,
        parentID: ClientOrderID? = nil
    ) {
        self.clientOrderID = clientOrderID
        self.strategyID = strategyID
        self.spec = spec
        self.contingency = contingency
        self.parentID = parentID
    }
}

/// A change to a working order's quantity, price or trigger.
public struct OrderAmendment: Sendable, Hashable {
    public var quantity: Quantity?
    public var price: Price?
    public var triggerPrice: Price?

    public init(quantity: Quantity? = nil, price: Price? = nil, triggerPrice: Price? = nil) {
        self.quantity = quantity
        self.price = price
        self.triggerPrice = triggerPrice
    }

    public var isEmpty: Bool { quantity == nil && price == nil && triggerPrice == nil }
}

/// What the engine asks a venue to do. Only ``RiskApproved`` requests reach a venue.
public enum ExecutionRequest: Sendable, Hashable {
    /// Place one order.
    case submit(OrderTicket)
    /// Place an order list atomically: a parent with its contingent children.
    case submitList([OrderTicket])
    case cancel(instrument: InstrumentIndex, clientOrderID: ClientOrderID)
    case modify(instrument: InstrumentIndex, clientOrderID: ClientOrderID, amendment: OrderAmendment)

    public var instrument: InstrumentIndex {
        switch self {
        case .submit(let ticket): ticket.spec.instrument
        case .submitList(let tickets): tickets[0].spec.instrument
        case .cancel(let instrument, _): instrument
        case .modify(let instrument, _, _): instrument
        }
    }
}
