public import TradingCore

/// Up to two linked client order IDs, stored inline so orders and facts stay plain data. A bracket's
/// entry links its two exits; each exit links the other.
public struct OrderLinks: Sendable, Hashable {
    public static let capacity = 2
    private var first: ClientOrderID?
    private var second: ClientOrderID?

    /// - Precondition: at most ``capacity`` IDs.
    public init(_ ids: [ClientOrderID]) {
        precondition(
            ids.count <= OrderLinks.capacity,
            "Invariant: an order links at most \(OrderLinks.capacity) others"
        )
        first = ids.first
        second = ids.count > 1 ? ids[1] : nil
    }

    /// The linked IDs, in order.
    public var ids: [ClientOrderID] { [first, second].compactMap { $0 } }

    public var isEmpty: Bool { first == nil }
}

/// How an order is linked to others in an order list. The venue (or the simulated exchange) enforces it.
public enum Contingency: Sendable, Hashable {
    case none
    /// One-triggers-other: when this (parent) order fills, the children are placed for the filled quantity.
    case oneTriggersOther(children: OrderLinks)
    /// One-cancels-other: when this order fills, the linked orders are cancelled; a partial fill reduces
    /// their quantity to the remaining position (one-updates-other).
    case oneCancelsOther(linked: OrderLinks)

    /// Whether the order stands alone (no linked orders).
    @inlinable
    public var isNone: Bool {
        if case .none = self { return true }
        return false
    }

    public var linkedOrders: [ClientOrderID] {
        switch self {
        case .none: []
        case .oneTriggersOther(let children): children.ids
        case .oneCancelsOther(let linked): linked.ids
        }
    }
}
