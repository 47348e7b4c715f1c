public import TradingCore

/// A new order as the venue sees it.
public struct OrderTicket: Sendable, Hashable {
    public let clientOrderID: ClientOrderID
    public let spec: OrderSpec
    public let contingency: Contingency

    public init(clientOrderID: ClientOrderID, spec: OrderSpec, contingency: Contingency = .none) {
        self.clientOrderID = clientOrderID
        self.spec = spec
        self.contingency = contingency
    }
}

/// A bracket as the venue receives it: the entry and the prices and IDs of its exits.
///
/// The exits are a reduce-only stop-market (`stop_loss`) and a reduce-only limit (`take_profit`) on the
/// other side, which one-cancels-the-other; the venue holds them until the entry fills and places them
/// for the filled quantity. ``exitTickets`` spells them out, for the engine's records and the venue alike.
public struct BracketTicket: Sendable, Hashable {
    /// The exit of a bracket: its ID and its trigger (stop-loss) or limit (take-profit) price.
    public struct Exit: Sendable, Hashable {
        public let clientOrderID: ClientOrderID
        public let price: Price

        public init(clientOrderID: ClientOrderID, price: Price) {
            self.clientOrderID = clientOrderID
            self.price = price
        }
    }

    public let entry: OrderTicket
    public let stopLoss: Exit?
    public let takeProfit: Exit?

    /// A bracket with the entry's one-triggers-other link to its exits filled in.
    public init(entryID: ClientOrderID, entry: OrderSpec, stopLoss: Exit?, takeProfit: Exit?) {
        let children = [stopLoss?.clientOrderID, takeProfit?.clientOrderID].compactMap { $0 }
        self.entry = OrderTicket(
            clientOrderID: entryID,
            spec: entry,
            contingency: children.isEmpty ? .none : .oneTriggersOther(children: OrderLinks(children))
        )
        self.stopLoss = stopLoss
        self.takeProfit = takeProfit
    }

    /// The exits as tickets, stop-loss first, each for the entry's base quantity (zero for an entry sized
    /// in the quote currency: the venue sets it when the entry fills).
    public var exitTickets: [OrderTicket] {
        let spec = entry.spec
        var quantity = Quantity.zero
        if case .base(let base) = spec.quantity { quantity = base }
        let side = spec.side.opposite
        var tickets: [OrderTicket] = []
        if let stopLoss {
            var exit = OrderSpec.stopMarket(
                spec.instrument,
                side,
                quantity,
                trigger: stopLoss.price,
                reduceOnly: true,
                tag: "stop_loss"
            )
            exit.quantity = .base(quantity)
            let linked = takeProfit.map { [$0.clientOrderID] } ?? []
            tickets.append(
                OrderTicket(
                    clientOrderID: stopLoss.clientOrderID,
                    spec: exit,
                    contingency: .oneCancelsOther(linked: OrderLinks(linked))
                )
            )
        }
        if let takeProfit {
            var exit = OrderSpec.limit(
                spec.instrument,
                side,
                quantity,
                price: takeProfit.price,
                reduceOnly: true,
                tag: "take_profit"
            )
            exit.quantity = .base(quantity)
            let linked = stopLoss.map { [$0.clientOrderID] } ?? []
            tickets.append(
                OrderTicket(
                    clientOrderID: takeProfit.clientOrderID,
                    spec: exit,
                    contingency: .oneCancelsOther(linked: OrderLinks(linked))
                )
            )
        }
        return tickets
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
    /// An entry with exits the venue holds until it fills (see ``BracketTicket``).
    case submitBracket(BracketTicket)
    case cancel(instrument: InstrumentIndex, clientOrderID: ClientOrderID)
    case modify(instrument: InstrumentIndex, clientOrderID: ClientOrderID, amendment: OrderAmendment)

    public var instrument: InstrumentIndex {
        switch self {
        case .submit(let ticket): ticket.spec.instrument
        case .submitBracket(let bracket): bracket.entry.spec.instrument
        case .cancel(let instrument, _): instrument
        case .modify(let instrument, _, _): instrument
        }
    }
}
