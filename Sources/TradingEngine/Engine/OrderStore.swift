public import TradingCore
public import OrderedCollections

/// The engine's orders: every open order, and the most recent closed ones.
///
/// Closed orders are kept in a ring of ``closedHistoryLimit`` entries so that memory stays flat over long
/// backtests; the audit facts keep the full record. Open orders are changed in place.
public struct OrderStore: Sendable {
    /// Open orders (not yet closed), in submission order.
    public private(set) var open: OrderedDictionary<ClientOrderID, Order> = [:]
    /// The ring of recently closed orders, oldest at `closedStart`.
    private var closed: [Order] = []
    private var closedStart = 0
    /// How many closed orders are remembered.
    public let closedHistoryLimit: Int

    init(closedHistoryLimit: Int = 1_000) {
        self.closedHistoryLimit = max(1, closedHistoryLimit)
    }

    /// The open orders, in submission order.
    public var openOrders: [Order] { Array(open.values) }

    /// How many orders are open.
    public var openCount: Int { open.count }

    /// The order with this ID, open or recently closed.
    public subscript(id: ClientOrderID) -> Order? {
        if let order = open[id] { return order }
        return closed.last { $0.clientOrderID == id }
    }

    /// Recently closed orders, oldest first.
    public var recentlyClosed: [Order] { Array(closed[closedStart...] + closed[..<closedStart]) }

    /// Open orders of one instrument, in submission order.
    public func openOrders(instrument: InstrumentIndex) -> [Order] {
        open.values.filter { $0.instrument == instrument }
    }

    /// Open orders of one strategy, in submission order.
    public func openOrders(strategy: StrategyID) -> [Order] {
        open.values.filter { $0.strategyID == strategy }
    }

    /// Whether any open order belongs to `strategy` on `instrument`.
    public func hasOpenOrders(strategy: StrategyID, instrument: InstrumentIndex) -> Bool {
        open.values.contains { $0.strategyID == strategy && $0.instrument == instrument }
    }

    mutating func insert(_ order: Order) {
        if order.status.isClosed { remember(order) } else { open[order.clientOrderID] = order }
    }

    /// Changes an order in place and moves it to the closed history when its status closes it. An order
    /// found only among the closed ones (a late fill) is changed and reopened if its status says so.
    /// - Returns: what `body` returned, or `nil` for an unknown order.
    mutating func modify<Result>(_ id: ClientOrderID, _ body: (inout Order) -> Result) -> Result? {
        if let index = open.index(forKey: id) {
            let result = body(&open.values[index])
            if open.values[index].status.isClosed {
                let order = open.values[index]
                open.remove(at: index)
                remember(order)
            }
            return result
        }
        guard let index = closed.lastIndex(where: { $0.clientOrderID == id }) else { return nil }
        let result = body(&closed[index])
        if !closed[index].status.isClosed { open[id] = closed[index] }
        return result
    }

    private mutating func remember(_ order: Order) {
        if closed.count < closedHistoryLimit {
            closed.append(order)
        } else {
            closed[closedStart] = order
            closedStart = (closedStart + 1) % closedHistoryLimit
        }
    }
}
