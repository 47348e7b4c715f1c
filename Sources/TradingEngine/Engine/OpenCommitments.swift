public import TradingCore

/// Running totals of what open orders commit, per instrument and side, kept up to date as orders open,
/// change and close: a funds check then costs the same with one open order or a farm's thousand.
///
/// Orders with a price (limits, and stops at their trigger) add their exact notional and taker fee. Orders
/// without one (market orders) add their leaves quantity, which is valued at the last price when asked.
/// Sizing by quote amount adds the amount until the first fill. Bracket children and reduce-only orders
/// commit no funds; every open sell counts against the base currency it sells.
public struct OpenCommitments: Sendable, Hashable {
    /// The totals of one instrument and side.
    public struct Totals: Sendable, Hashable {
        /// Quote amounts of quote-sized orders that have not filled yet.
        public internal(set) var quoteRaw: Int128 = 0
        /// `Σ notional(leaves, price)` of priced orders.
        public internal(set) var pricedNotionalRaw: Int128 = 0
        /// `Σ taker fee on that notional`, each rounded up.
        public internal(set) var pricedFeeRaw: Int128 = 0
        /// `Σ leaves` of orders without a price.
        public internal(set) var pricelessLeavesRaw: Int128 = 0

        /// Whether nothing is committed.
        public var isEmpty: Bool {
            quoteRaw == 0 && pricedNotionalRaw == 0 && pricedFeeRaw == 0 && pricelessLeavesRaw == 0
        }
    }

    private let instruments: [Instrument]
    /// Funds totals, two per instrument: buys at `2i`, sells at `2i + 1`.
    private var totals: [Totals]
    /// `Σ leaves` of every open sell, per instrument.
    private var sellLeaves: [Int128]

    init(instruments: [Instrument]) {
        self.instruments = instruments
        totals = Array(repeating: Totals(), count: instruments.count * 2)
        sellLeaves = Array(repeating: 0, count: instruments.count)
    }

    /// The funds totals of one instrument and side.
    public func totals(_ instrument: InstrumentIndex, _ side: OrderSide) -> Totals {
        totals[instrument.int * 2 + (side == .buy ? 0 : 1)]
    }

    /// `Σ leaves` of the open sells of one instrument.
    public func sellLeavesRaw(_ instrument: InstrumentIndex) -> Int128 { sellLeaves[instrument.int] }

    /// Adds (`sign` 1) or removes (`sign` −1) an open order's commitment.
    @inline(__always)
    mutating func apply(_ order: Order, sign: Int128) {
        apply(Fixed(order), as: Inputs(order), sign: sign)
    }

    /// ``apply(_:sign:)`` for an order whose fixed fields are `order` and whose changing fields were
    /// `inputs` (to remove what it committed before a change, without keeping a copy of the whole order).
    @inline(__always)
    mutating func apply(_ order: Fixed, as inputs: Inputs, sign: Int128) {
        // Nothing left to fill commits nothing (a quote-sized order commits its amount until the first
        // fill): a filled order's commitment is added after its fill and removed at its close, both zero.
        if inputs.leaves.raw == 0, !(inputs.filledQuantity.isZero && order.requestedQuantity.isQuote) { return }
        let index = order.instrument.int
        guard index < instruments.count else { return }
        if order.side == .sell { sellLeaves[index] += sign * inputs.leaves.raw }
        Self.add(
            order,
            as: inputs,
            instrument: instruments[index],
            sign: sign,
            to: &totals[index * 2 + (order.side == .buy ? 0 : 1)]
        )
    }

    /// The fields of an order that its commitment depends on and that stay as they were at submission:
    /// a few bytes, read once, where passing the order itself (over 600 bytes) made the optimizer copy it.
    struct Fixed {
        let instrument: InstrumentIndex
        let side: OrderSide
        let requestedQuantity: OrderQuantity
        /// Neither a bracket child nor reduce-only: the order commits funds.
        let commitsFunds: Bool

        @inline(__always)
        init(_ order: Order) {
            instrument = order.instrument
            side = order.side
            requestedQuantity = order.requestedQuantity
            commitsFunds = order.parentID == nil && !order.reduceOnly
        }
    }

    /// The fields of an order that can change while it is open and that its commitment depends on (the
    /// others are fixed at submission).
    struct Inputs: Equatable {
        let quantity: Quantity
        let filledQuantity: Quantity
        let price: Price?
        let triggerPrice: Price?

        @inline(__always)
        init(_ order: Order) {
            quantity = order.quantity
            filledQuantity = order.filledQuantity
            price = order.price
            triggerPrice = order.triggerPrice
        }

        @inline(__always)
        static func == (lhs: Inputs, rhs: Inputs) -> Bool {
            lhs.quantity == rhs.quantity && lhs.filledQuantity == rhs.filledQuantity && lhs.price == rhs.price
                && lhs.triggerPrice == rhs.triggerPrice
        }

        /// ``Order/leavesQuantity`` for these fields.
        var leaves: Quantity { quantity > filledQuantity ? quantity - filledQuantity : .zero }
    }

    /// Adds an order's funds commitment to the totals of its instrument and side.
    @inline(__always)
    static func add(_ order: Order, instrument: Instrument, sign: Int128, to totals: inout Totals) {
        add(Fixed(order), as: Inputs(order), instrument: instrument, sign: sign, to: &totals)
    }

    @inline(__always)
    static func add(_ order: Fixed, as inputs: Inputs, instrument: Instrument, sign: Int128, to totals: inout Totals) {
        guard order.commitsFunds else { return }
        switch order.requestedQuantity {
        case .quote(let amount):
            if inputs.filledQuantity.isZero { totals.quoteRaw += sign * amount.raw }
        case .base:
            let leaves = inputs.leaves
            guard leaves.raw > 0 else { return }
            if let price = inputs.price ?? inputs.triggerPrice {
                let notional = instrument.notional(of: leaves, at: price)
                totals.pricedNotionalRaw += sign * notional.raw
                totals.pricedFeeRaw += sign * notional.multiplied(by: instrument.takerFee, rounding: .up).raw
            } else {
                totals.pricelessLeavesRaw += sign * leaves.raw
            }
        }
    }
}
