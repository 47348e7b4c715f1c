public import TradingCore

/// The round trip of an open position beyond its ledger state: realised PnL, fees, funding, entry and
/// exit totals, tags and times. ``Portfolio`` keeps one per open position next to the ``Ledger``'s
/// ``NetPosition``; together they make a ``Position``.
public struct PositionRecord: Sendable, Hashable {
    /// Gross PnL realised by reducing fills in this round trip.
    public internal(set) var realizedRaw: Int128 = 0
    /// Fees paid in this round trip (negative for net rebates).
    public internal(set) var feesRaw: Int128
    /// Funding received (positive) or paid (negative) in this round trip.
    public internal(set) var fundingRaw: Int128 = 0
    public internal(set) var openedAt: Timestamp
    public internal(set) var updatedAt: Timestamp
    /// Totals over the round trip, for the trade record.
    public internal(set) var entryQuantityRaw: Int128 = 0
    public internal(set) var entryNotionalRaw: Int128 = 0
    public internal(set) var exitQuantityRaw: Int128 = 0
    public internal(set) var exitNotionalRaw: Int128 = 0
    /// `Σ quantity × price` of entry and exit fills, exact, for average prices rounded once; and the single
    /// price of all entries (exits) while they were all at one price, to skip the division.
    var entryPriceSum = WideProductSum()
    var exitPriceSum = WideProductSum()
    var uniformEntryPrice: Price?
    var uniformExitPrice: Price?
    var entryFills = 0
    var exitFills = 0
    public internal(set) var maxQuantityRaw: Int128 = 0
    public internal(set) var fillCount = 0
    /// The strategy whose fill opened the position.
    public internal(set) var strategyID: StrategyID?
    public internal(set) var entryTag: ShortText?
    public internal(set) var exitTag: ShortText?
    /// The side the round trip opened on.
    public let entrySide: PositionSide

    /// An empty record, for instruments without an open position.
    init() {
        feesRaw = 0
        openedAt = .zero
        updatedAt = .zero
        entrySide = .flat
    }

    /// The record of a position opened by a fill of `quantityRaw` worth `notionalRaw`.
    init(
        side: PositionSide,
        quantityRaw: Int128,
        notionalRaw: Int128,
        price: Price,
        feeRaw: Int128,
        at time: Timestamp,
        strategy: StrategyID?,
        tag: ShortText?
    ) {
        entrySide = side
        feesRaw = feeRaw
        openedAt = time
        updatedAt = time
        strategyID = strategy
        entryTag = tag
        addEntry(quantityRaw: quantityRaw, notionalRaw: notionalRaw, price: price)
        maxQuantityRaw = quantityRaw
        fillCount = 1
    }

    /// Records a fill that added `quantityRaw` to a position now `openRaw` in size.
    mutating func add(
        quantityRaw: Int128,
        notionalRaw: Int128,
        price: Price,
        feeRaw: Int128,
        openRaw: Int128,
        at time: Timestamp
    ) {
        addEntry(quantityRaw: quantityRaw, notionalRaw: notionalRaw, price: price)
        feesRaw += feeRaw
        fillCount += 1
        maxQuantityRaw = max(maxQuantityRaw, openRaw)
        updatedAt = time
    }

    /// Records the reducing part of a fill.
    mutating func reduce(_ booking: FillBooking, price: Price, tag: ShortText?, at time: Timestamp) {
        realizedRaw += booking.realizedRaw
        feesRaw += booking.closingFeeRaw
        exitQuantityRaw += booking.closingRaw
        exitNotionalRaw += booking.closingNotionalRaw
        exitPriceSum.add(booking.closingRaw, times: price.raw)
        uniformExitPrice = exitFills == 0 || uniformExitPrice == price ? price : nil
        exitFills += 1
        fillCount += 1
        updatedAt = time
        if tag != nil { exitTag = tag }
    }

    private mutating func addEntry(quantityRaw: Int128, notionalRaw: Int128, price: Price) {
        entryQuantityRaw += quantityRaw
        entryNotionalRaw += notionalRaw
        entryPriceSum.add(quantityRaw, times: price.raw)
        uniformEntryPrice = entryFills == 0 || uniformEntryPrice == price ? price : nil
        entryFills += 1
    }

    /// The volume-weighted price of the entry fills, rounded once half to even.
    var roundTripEntryPrice: Price? {
        if let uniformEntryPrice { return uniformEntryPrice }
        return entryPriceSum.divided(by: entryQuantityRaw, rounding: .toNearestOrEven).map(Price.init(raw:))
    }

    /// The volume-weighted price of the exit fills so far, rounded once; `nil` before any exit.
    var averageExitPrice: Price? {
        if let uniformExitPrice { return uniformExitPrice }
        return exitPriceSum.divided(by: exitQuantityRaw, rounding: .toNearestOrEven).map(Price.init(raw:))
    }
}
