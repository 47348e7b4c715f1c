public import TradingCore

/// The exits working on one open position: where its stop is, what its R is, which take-profits are done,
/// and the orders that carry them. Part of the engine state.
public struct PositionExits: Sendable, Hashable {
    /// The strategy that opened the position; exit orders are its orders.
    public let owner: StrategyID
    public let plan: ExitPlan
    public let side: PositionSide
    /// Whether the exits rest at the venue (``ExitPlacement/native``) or the engine emulates them.
    public internal(set) var native: Bool
    public let openedAt: Timestamp
    /// The average entry price (updated when the position grows).
    public internal(set) var entryPrice: Price
    /// The largest quantity the position has had: take-profit fractions are of this.
    public internal(set) var initialQuantity: Quantity
    /// The initial risk per unit: entry to the first stop. `nil` until the stop is known.
    public internal(set) var riskPerUnit: Price?
    /// The current stop level; it only tightens.
    public internal(set) var stop: Price?
    /// Why the stop is where it is: `stop_loss`, `break_even` or `trailing_stop` (the exit order's tag).
    public internal(set) var stopReason: ShortText = "stop_loss"
    /// The best price since entry: the highest high of a long, the lowest low of a short.
    public internal(set) var bestPrice: Price
    /// Take-profit levels already taken (or placed, when native).
    public internal(set) var takeProfitsDone = 0
    public internal(set) var trailingActive: Bool
    /// The resting stop order (native placement).
    public internal(set) var stopOrder: ClientOrderID?
    /// The resting take-profit orders, one per level (native placement).
    public internal(set) var takeProfitOrders: [ClientOrderID] = []
    /// An emulated exit sent and not yet finished: no other is sent meanwhile.
    public internal(set) var pendingExit: ClientOrderID?

    init(
        owner: StrategyID,
        plan: ExitPlan,
        side: PositionSide,
        native: Bool,
        entryPrice: Price,
        quantity: Quantity,
        at time: Timestamp
    ) {
        self.owner = owner
        self.plan = plan
        self.side = side
        self.native = native
        openedAt = time
        self.entryPrice = entryPrice
        initialQuantity = quantity
        bestPrice = entryPrice
        trailingActive = plan.trailing != nil && plan.trailingAfter == nil
    }

    var isLong: Bool { side == .long }

    /// How far `price` is from the entry, in R (positive in favour); `nil` without a known R.
    func progress(at price: Price) -> Ratio? {
        guard let risk = riskPerUnit, risk.raw > 0 else { return nil }
        let move = isLong ? price.raw - entryPrice.raw : entryPrice.raw - price.raw
        return Ratio(raw: FixedPoint.divide(move, risk.raw, rounding: .towardZero))
    }

    /// The price `multiple` R in favour of the entry.
    func target(rMultiple multiple: Ratio) -> Price? {
        guard let risk = riskPerUnit else { return nil }
        let distance = risk.multiplied(by: multiple, rounding: .up)
        return isLong ? entryPrice + distance : entryPrice - distance
    }

    /// The price of the next take-profit level not yet taken, if the plan has one and R is known.
    public var nextTarget: Price? {
        guard takeProfitsDone < plan.takeProfits.count else { return nil }
        return target(rMultiple: plan.takeProfits[takeProfitsDone].rMultiple)
    }

    /// Whether `candidate` is a tighter stop than the current one.
    func tightens(to candidate: Price) -> Bool {
        guard let stop else { return true }
        return isLong ? candidate > stop : candidate < stop
    }
}
