public import TradingCore

/// The engine's record of one order and everything that happened to it.
public struct Order: Sendable, Hashable {
    public let clientOrderID: ClientOrderID
    public let strategyID: StrategyID
    public let instrument: InstrumentIndex
    public let side: OrderSide
    public let type: OrderType
    /// What was asked for: a base quantity, or a quote amount whose quantity is known after the fill.
    public let requestedQuantity: OrderQuantity
    /// The base quantity: as requested, as amended, or (for quote-sized orders) as filled.
    public internal(set) var quantity: Quantity
    public internal(set) var price: Price?
    public internal(set) var triggerPrice: Price?
    public let trailingOffset: TrailingOffset?
    public let timeInForce: TimeInForce
    public let reduceOnly: Bool
    /// The engine's label (`entry`, `stop_loss`); exits relabel their stop as it becomes a break-even or trailing stop.
    public internal(set) var tag: ShortText?
    /// The parent order of a bracket exit.
    public let parentID: ClientOrderID?
    /// Links to other orders of the same list.
    public let contingency: Contingency

    public internal(set) var status: OrderStatus
    /// The status before a pending cancel or update, to return to if the venue refuses it.
    public internal(set) var restingStatus: OrderStatus
    public internal(set) var venueOrderID: VenueOrderID?
    public internal(set) var filledQuantity: Quantity
    /// `Σ fill quantity × fill price`, in raw units, for the average fill price.
    public internal(set) var filledNotionalRaw: Int128
    public internal(set) var fees: Money?
    public internal(set) var fillCount: Int
    public let createdAt: Timestamp
    public internal(set) var updatedAt: Timestamp
    /// A short code or the start of the last reason given for a denial, rejection or cancellation; the
    /// full text is ``OrderStore/reason(of:)``. Kept inline so the order stays plain data.
    public internal(set) var reasonCode: ShortText?

    init(
        clientOrderID: ClientOrderID,
        strategyID: StrategyID,
        spec: OrderSpec,
        parentID: ClientOrderID?,
        contingency: Contingency,
        createdAt: Timestamp
    ) {
        self.clientOrderID = clientOrderID
        self.strategyID = strategyID
        instrument = spec.instrument
        side = spec.side
        type = spec.type
        requestedQuantity = spec.quantity
        if case .base(let quantity) = spec.quantity { self.quantity = quantity } else { self.quantity = .zero }
        price = spec.price
        triggerPrice = spec.triggerPrice
        trailingOffset = spec.trailingOffset
        timeInForce = spec.timeInForce
        reduceOnly = spec.reduceOnly
        tag = spec.tag
        self.parentID = parentID
        self.contingency = contingency
        status = .initialized
        restingStatus = .initialized
        filledQuantity = .zero
        filledNotionalRaw = 0
        fillCount = 0
        self.createdAt = createdAt
        updatedAt = createdAt
    }

    /// The quantity still to fill (zero for quote-sized orders, whose quantity the venue decides).
    public var leavesQuantity: Quantity {
        quantity > filledQuantity ? quantity - filledQuantity : .zero
    }

    /// The volume-weighted average fill price, rounded half to even, or `nil` before the first fill.
    public var averageFillPrice: Price? {
        guard filledQuantity.raw > 0 else { return nil }
        return Price(raw: FixedPoint.divide(filledNotionalRaw, filledQuantity.raw, rounding: .toNearestOrEven))
    }

    /// Whether the fields fit the order type: ``OrderSpec/shapeProblem`` without building the spec.
    @inline(__always)
    var shapeProblem: String? {
        OrderSpec.shapeProblem(
            type: type,
            quantity: requestedQuantity,
            price: price,
            triggerPrice: triggerPrice,
            trailingOffset: trailingOffset,
            timeInForce: timeInForce
        )
    }

    /// The order as a spec, for re-submission and for the venue.
    public var spec: OrderSpec {
        OrderSpec(
            instrument: instrument,
            side: side,
            type: type,
            quantity: requestedQuantity,
            price: price,
            triggerPrice: triggerPrice,
            trailingOffset: trailingOffset,
            timeInForce: timeInForce,
            reduceOnly: reduceOnly,
            tag: tag
        )
    }

    /// Moves the order through the lifecycle table.
    /// Adds a fill's quantity, notional and fee; an order sized in quote currency learns its quantity.
    mutating func record(_ fill: OrderFilled) {
        record(fill, notionalRaw: FixedPoint.multiply(fill.quantity.raw, fill.price.raw, rounding: .toNearestOrEven))
    }

    /// ``record(_:)`` with `quantity × price` (rounded half to even) already computed.
    mutating func record(_ fill: OrderFilled, notionalRaw: Int128) {
        filledQuantity = filledQuantity + fill.quantity
        filledNotionalRaw += notionalRaw
        fees = (fees ?? .zero(fill.fee.currency)) + fill.fee
        fillCount += 1
        if case .quote = requestedQuantity { quantity = filledQuantity + fill.leavesQuantity }
    }

    mutating func apply(_ transition: OrderTransition, at time: Timestamp) throws(InvalidOrderTransition) {
        let next = try status.transition(on: transition, restingStatus: restingStatus)
        if next == .pendingCancel || next == .pendingUpdate {
            if status != .pendingCancel && status != .pendingUpdate { restingStatus = status }
        }
        status = next
        updatedAt = time
    }
}
