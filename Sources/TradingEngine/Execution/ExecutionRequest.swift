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
            clientOrderID: entryID, spec: entry,
            contingency: children.isEmpty ? .none : .oneTriggersOther(children: OrderLinks(children)))
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
                spec.instrument, side, quantity, trigger: stopLoss.price, reduceOnly: true, tag: "stop_loss")
            exit.quantity = .base(quantity)
            let linked = takeProfit.map { [$0.clientOrderID] } ?? []
            tickets.append(
                OrderTicket(clientOrderID: stopLoss.clientOrderID, spec: exit, contingency: .oneCancelsOther(linked: OrderLinks(linked))))
        }
        if let takeProfit {
            var exit = OrderSpec.limit(spec.instrument, side, quantity, price: takeProfit.price, reduceOnly: true, tag: "take_profit")
            exit.quantity = .base(quantity)
            let linked = stopLoss.map { [$0.clientOrderID] } ?? []
            tickets.append(
                OrderTicket(clientOrderID: takeProfit.clientOrderID, spec: exit, contingency: .oneCancelsOther(linked: OrderLinks(linked))))
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

extension RiskApproved where Value == ExecutionRequest {
    /// Whether an approved `.submit` request's memory starts with its ticket, byte for byte, as the compiler
    /// lays the enum out today. Checked once, at run time, on a probe, so that a venue may read the ticket
    /// where the request lies (``withSubmitTicket(at:_:)``) and binds the case (a copy) otherwise.
    @usableFromInline static let submitLiesAtStart: Bool = {
        guard MemoryLayout<RiskApproved<ExecutionRequest>>.size >= MemoryLayout<OrderTicket>.size,
            let id = try? ClientOrderID("O-probe-12345678"), let tag = ShortText(exactly: "probe-tag")
        else { return false }
        let spec = OrderSpec(
            instrument: InstrumentIndex(0x0102_0304), side: .sell, type: .stopLimit,
            quantity: .base(Quantity(raw: 0x1112_1314_1516_1718 << 48 | 0x8171_6151)),
            price: Price(raw: 0x2122_2324_2526_2728 << 48 | 0x8272_6252), triggerPrice: Price(raw: 0x3132_3334 << 40),
            timeInForce: .ioc, reduceOnly: true, tag: tag)
        let probe = OrderTicket(clientOrderID: id, spec: spec, contingency: .oneCancelsOther(linked: OrderLinks([id])))
        var request = RiskApproved(ExecutionRequest.submit(probe))
        return withUnsafePointer(to: &request) { pointer in
            UnsafeRawPointer(pointer).withMemoryRebound(to: OrderTicket.self, capacity: 1) { $0.pointee == probe }
        }
    }()

    /// Calls `body` with the ticket of the approved `.submit` request at `request`, read where it lies,
    /// without copying the request (about 500 bytes) or the ticket out of it; returns `false`, without
    /// calling it, for other requests or when the layout does not allow it.
    @inlinable @inline(__always)
    public static func withSubmitTicket(
        at request: UnsafePointer<RiskApproved<ExecutionRequest>>, _ body: (UnsafePointer<OrderTicket>) -> Void
    ) -> Bool {
        guard case .submit = request.pointee.value, submitLiesAtStart else { return false }
        UnsafeRawPointer(request).withMemoryRebound(to: OrderTicket.self, capacity: 1) { body($0) }
        return true
    }
}
