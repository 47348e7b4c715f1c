public import TradingCore

/// The engine's orders: every open order, and the most recent closed ones.
///
/// Open orders sit in a small array in submission order (strategies hold a handful at a time, where a
/// linear search beats hashing) and are changed in place. Closed orders are kept in a ring of
/// ``closedHistoryLimit`` entries so memory stays flat over long backtests; the audit facts keep the full
/// record. Orders are plain data; the full text of reasons lives in a side table.
public struct OrderStore: Sendable {
    /// Open orders, in submission order.
    public private(set) var openOrders: ScratchBuffer<Order> = []
    /// The ring of recently closed orders, oldest at `closedStart`.
    private var closed: [Order] = []
    private var closedStart = 0
    /// Full reasons of the open and remembered orders that have one.
    private var reasons: [ClientOrderID: String] = [:]
    /// How many closed orders are remembered.
    public let closedHistoryLimit: Int
    /// What the open orders commit, kept as they change.
    public private(set) var commitments: OpenCommitments

    init(instruments: [Instrument], closedHistoryLimit: Int = 1_000) {
        self.closedHistoryLimit = max(1, closedHistoryLimit)
        commitments = OpenCommitments(instruments: instruments)
    }

    /// How many orders are open.
    public var openCount: Int { openOrders.count }

    /// The open order with this ID.
    public func open(_ id: ClientOrderID) -> Order? { openIndex(of: id).map { openOrders[$0] } }

    /// The order with this ID, open or recently closed.
    public subscript(id: ClientOrderID) -> Order? {
        if let order = open(id) { return order }
        return closed.last { $0.clientOrderID == id }
    }

    /// The full reason given for the order's last denial, rejection or cancellation.
    public func reason(of id: ClientOrderID) -> String? { reasons[id] }

    /// Recently closed orders, oldest first.
    public var recentlyClosed: [Order] { Array(closed[closedStart...] + closed[..<closedStart]) }

    /// Open orders of one instrument, in submission order.
    public func openOrders(instrument: InstrumentIndex) -> [Order] {
        openOrders.filter { $0.instrument == instrument }
    }

    /// Open orders of one strategy, in submission order.
    public func openOrders(strategy: StrategyID) -> [Order] {
        openOrders.filter { $0.strategyID == strategy }
    }

    /// Whether any open order belongs to `strategy` on `instrument`.
    public func hasOpenOrders(strategy: StrategyID, instrument: InstrumentIndex) -> Bool {
        // Read where the orders lie: a bot asks on every bar, and an order is a few hundred bytes.
        openOrders.withUnsafeBufferPointer { orders in
            for index in orders.indices
            where orders[index].instrument == instrument && orders[index].strategyID == strategy {
                return true
            }
            return false
        }
    }

    mutating func insert(_ order: Order, reason: String? = nil) {
        if let reason { reasons[order.clientOrderID] = reason }
        if order.status.isClosed {
            withUnsafePointer(to: order) {
                Self.remember($0, in: &closed, start: &closedStart, reasons: &reasons, limit: closedHistoryLimit)
            }
        } else {
            commitments.apply(order, sign: 1)
            openOrders.append(order)
        }
    }

    /// Stores a new open order and submits it where it lies (one copy of the order, into the store).
    mutating func insertSubmitting(_ order: Order, at time: Timestamp) throws(InvalidOrderTransition) {
        commitments.apply(order, sign: 1)
        openOrders.append(order)
        try openOrders[openOrders.count - 1].apply(.submit, at: time)
    }

    /// Records the full reason of an order's latest status change.
    mutating func setReason(_ reason: String, for id: ClientOrderID) { reasons[id] = reason }

    /// Changes an order in place and moves it to the closed history when its status closes it. An order
    /// found only among the closed ones (a late fill) is changed and reopened if its status says so.
    /// - Returns: what `body` returned, or `nil` for an unknown order.
    mutating func modify<Result>(_ id: ClientOrderID, _ body: (inout Order) -> Result) -> Result? {
        if let index = openIndex(of: id) {
            commitments.apply(openOrders[index], sign: -1)
            let result = body(&openOrders[index])
            if openOrders[index].status.isClosed {
                moveToHistory(at: index)
            } else {
                commitments.apply(openOrders[index], sign: 1)
            }
            return result
        }
        guard let index = closed.lastIndex(where: { $0.clientOrderID == id }) else { return nil }
        let result = body(&closed[index])
        if !closed[index].status.isClosed {
            commitments.apply(closed[index], sign: 1)
            openOrders.append(closed[index])
        }
        return result
    }

    /// The position of an open order in ``openOrders``.
    @inline(__always)
    func openIndex(of id: ClientOrderID) -> Int? {
        openOrders.withUnsafeBufferPointer { orders in
            for index in orders.indices where orders[index].clientOrderID == id { return index }
            return nil
        }
    }

    /// The strategy of the open order at `index`, read where it lies.
    @inline(__always)
    func strategyID(at index: Int) -> StrategyID { openOrders.withUnsafeBufferPointer { $0[index].strategyID } }

    /// The status the open order at `index` would move to on `transition`, or `nil` if the lifecycle
    /// table does not allow it.
    @inline(__always)
    func nextStatus(at index: Int, on transition: OrderTransition) -> OrderStatus? {
        openOrders.withUnsafeBufferPointer { orders in
            try? orders[index].status.transition(on: transition, restingStatus: orders[index].restingStatus)
        }
    }

    /// ``modifyOpen(at:_:)`` with the engine's audit trail alongside, for a change that is digested as
    /// it is made. With `keepsCommitment`, the caller promises that `body` leaves every input of the order's
    /// commitment (its quantity, filled quantity, price and trigger) as it was, and the commitment is not
    /// looked at (debug builds check the promise).
    @inline(__always)
    static func modifyOpen(
        _ store: inout OrderStore,
        at index: Int,
        audit: inout AuditTrail,
        keepsCommitment: Bool,
        _ body: (inout Order, inout AuditTrail) -> Void
    ) {
        guard keepsCommitment else {
            modify(&store.openOrders[index], commitments: &store.commitments) { order in body(&order, &audit) }
            return
        }
        #if DEBUG
        let before = OpenCommitments.Inputs(store.openOrders[index])
        #endif
        body(&store.openOrders[index], &audit)
        #if DEBUG
        assert(
            OpenCommitments.Inputs(store.openOrders[index]) == before,
            "Invariant: the change kept the order's commitment"
        )
        #endif
    }

    /// Changes the open order at `index` in place.
    @inline(__always)
    mutating func modifyOpen<Result>(at index: Int, _ body: (inout Order) -> Result) -> Result {
        // One exclusive access to the element: the commitment is updated from the order where it lies,
        // without copying it out of the array (an order is over 600 bytes).
        Self.modify(&openOrders[index], commitments: &commitments, body)
    }

    /// Runs `body` on an open order and keeps the commitments up to date. Most changes (acceptance, a
    /// trigger, a pending cancel) leave every input of the order's commitment as it was, and then the
    /// commitment is not recomputed.
    @inline(__always)
    private static func modify<Result>(
        _ order: inout Order,
        commitments: inout OpenCommitments,
        _ body: (inout Order) -> Result
    ) -> Result {
        let fixed = OpenCommitments.Fixed(order)
        let before = OpenCommitments.Inputs(order)
        let result = body(&order)
        let after = OpenCommitments.Inputs(order)
        if after != before {
            commitments.apply(fixed, as: before, sign: -1)
            commitments.apply(fixed, as: after, sign: 1)
        }
        return result
    }

    /// Moves the open order at `index` to the closed history if its status closes it.
    @inline(__always)
    mutating func closeIfDone(at index: Int) {
        let closing: (OpenCommitments.Fixed, OpenCommitments.Inputs)? = openOrders.withUnsafeBufferPointer { orders in
            guard orders[index].status.isClosed else { return nil }
            return (OpenCommitments.Fixed(orders[index]), OpenCommitments.Inputs(orders[index]))
        }
        guard let (fixed, inputs) = closing else { return }
        commitments.apply(fixed, as: inputs, sign: -1)
        moveToHistory(at: index)
    }

    /// Moves the open order at `index` to the closed history, copied once straight from where it lies
    /// (`remove(at:)` would first copy the 600-byte order out).
    private mutating func moveToHistory(at index: Int) {
        // The open orders are read under an exclusive access, and the history written through its own stored
        // properties: a plain read of them while `self` is mutated retained and released their storage.
        openOrders.withExclusiveBufferPointer { orders in
            Self.remember(
                orders.baseAddress! + index,
                in: &closed,
                start: &closedStart,
                reasons: &reasons,
                limit: closedHistoryLimit
            )
        }
        removeOpen(at: index)
    }

    /// Removes an open order without copying it out: the later ones move down a slot.
    @inline(__always)
    private mutating func removeOpen(at index: Int) { openOrders.remove(at: index) }

    private static func remember(
        _ order: UnsafePointer<Order>,
        in closed: inout [Order],
        start closedStart: inout Int,
        reasons: inout [ClientOrderID: String],
        limit: Int
    ) {
        if closed.count < limit {
            closed.append(order.pointee)
        } else {
            let evicted = closed[closedStart].clientOrderID
            let slot = closedStart
            closed.withUnsafeMutableBufferPointer { ring in
                // Orders are plain data (`PlainDataTests`): their bytes are the order.
                UnsafeMutableRawPointer(ring.baseAddress! + slot).copyMemory(
                    from: order,
                    byteCount: MemoryLayout<Order>.size
                )
            }
            closedStart = (closedStart + 1) % limit
            if !reasons.isEmpty { reasons.removeValue(forKey: evicted) }
        }
    }

}
