import TradingCore
import TradingEngine

/// An order as the simulated venue holds it.
struct VenueOrder: Sendable {
    let ticket: OrderTicket
    let venueOrderID: VenueOrderID
    /// Time priority: lower fills first among equals; renewed when an amendment loses priority.
    var priority: UInt64
    /// Base quantity; for quote-sized orders set when the fill price is known.
    var quantity: Quantity
    var filled: Quantity = .zero
    var price: Price?
    var trigger: Price?
    /// A stop-limit whose trigger was reached now works as a limit order.
    var triggered = false
    /// The order takes part in matching from this time (arrival, or a bracket parent's fill).
    var activeFrom: Timestamp
    /// A bracket exit waiting for its parent to fill.
    var held: Bool
    /// Quantity resting ahead of this order at its price, when a book is known.
    var queueAhead: Int128?
    /// Best price since a trailing stop became active.
    var trailingExtreme: Price?
    /// A quote-sized order whose base quantity was fixed before its first fill (a book walk).
    var budgetResolved = false

    var id: ClientOrderID { ticket.clientOrderID }
    var side: OrderSide { ticket.spec.side }
    var type: OrderType { ticket.spec.type }
    var timeInForce: TimeInForce { ticket.spec.timeInForce }
    var reduceOnly: Bool { ticket.spec.reduceOnly }
    var leaves: Quantity { quantity > filled ? quantity - filled : .zero }
    var quoteBudget: Money? {
        if case .quote(let money) = ticket.spec.quantity, filled.isZero, !budgetResolved { return money }
        return nil
    }

    /// Whether the order currently works as a limit order at ``price``.
    /// Records a fill: the order's (possibly resized) quantity and its filled total.
    @inline(__always)
    mutating func recordFill(quantity: Quantity, filled: Quantity) {
        self.quantity = quantity
        self.filled = filled
    }

    var worksAsLimit: Bool { type == .limit || (type == .stopLimit && triggered) }

    /// Whether the order is a market order, or a stop that becomes one when triggered.
    var isMarket: Bool { type == .market }
}
