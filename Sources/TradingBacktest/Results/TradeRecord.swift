public import TradingCore
import TradingEngine

/// One closed round trip in the trade list, compact enough to keep hundreds of thousands in memory.
public struct TradeRecord: Sendable, Hashable {
    public let instrument: InstrumentIndex
    public let side: PositionSide
    /// Time of the first entry fill.
    public let entryTime: Timestamp
    /// Time of the fill that made the position flat.
    public let exitTime: Timestamp
    /// Volume-weighted entry price.
    public let entryPrice: Price
    /// Volume-weighted exit price.
    public let exitPrice: Price
    /// Total quantity bought (long) or sold (short) to open and add to the position.
    public let quantity: Quantity
    public let grossRaw: Int128
    public let feesRaw: Int128
    public let fundingRaw: Int128
    /// `gross − fees + funding`.
    public let netRaw: Int128
    public let entryNotionalRaw: Int128
    public let entryTag: ShortText?
    public let exitTag: ShortText?
    public let liquidated: Bool

    init(_ closed: ClosedPosition) {
        instrument = closed.instrument
        side = closed.side
        entryTime = closed.openedAt
        exitTime = closed.closedAt
        entryPrice = closed.averageEntryPrice
        exitPrice = closed.averageExitPrice
        quantity = closed.entryQuantity
        grossRaw = closed.grossPnL.raw
        feesRaw = closed.fees.raw
        fundingRaw = closed.funding.raw
        netRaw = closed.netPnL.raw
        entryNotionalRaw = closed.entryNotional.raw
        entryTag = closed.entryTag
        exitTag = closed.exitTag
        liquidated = closed.wasLiquidated
    }

    /// Net PnL as a fraction of the entry notional.
    public var returnFraction: Double {
        entryNotionalRaw == 0
            ? 0 : FixedPoint.toDoubleApproximately(netRaw) / FixedPoint.toDoubleApproximately(entryNotionalRaw)
    }

    /// Seconds the position was open.
    public var durationSeconds: Double { Double(exitTime.nanoseconds - entryTime.nanoseconds) / 1e9 }
}
