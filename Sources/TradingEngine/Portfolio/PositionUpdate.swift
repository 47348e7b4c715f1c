public import TradingCore

/// A snapshot of an open position after a fill: the compact event that audit facts carry. The full
/// ``Position`` stays in the portfolio.
public struct PositionUpdate: Sendable, Hashable {
    public let instrument: InstrumentIndex
    public let side: PositionSide
    /// Signed open quantity in raw units (positive long).
    public let signedQuantityRaw: Int128
    public let costBasisRaw: Int128
    public let realizedRaw: Int128
    public let feesRaw: Int128
    public let fundingRaw: Int128
    public let isolatedMarginRaw: Int128
    public let strategyID: StrategyID?
    public let time: Timestamp

    init(instrument: InstrumentIndex, net: NetPosition, record: PositionRecord) {
        self.instrument = instrument
        side = net.side
        signedQuantityRaw = net.signedQuantityRaw
        costBasisRaw = net.costBasisRaw
        realizedRaw = record.realizedRaw
        feesRaw = record.feesRaw
        fundingRaw = record.fundingRaw
        isolatedMarginRaw = net.isolatedMarginRaw
        strategyID = record.strategyID
        time = record.updatedAt
    }

    public var quantity: Quantity { Quantity(raw: abs(signedQuantityRaw)) }
}
