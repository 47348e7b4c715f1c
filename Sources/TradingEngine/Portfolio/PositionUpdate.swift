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

    init(_ position: Position) {
        instrument = position.instrument
        side = position.side
        signedQuantityRaw = position.signedQuantityRaw
        costBasisRaw = position.costBasisRaw
        realizedRaw = position.realizedRaw
        feesRaw = position.feesRaw
        fundingRaw = position.fundingRaw
        isolatedMarginRaw = position.isolatedMarginRaw
        strategyID = position.strategyID
        time = position.updatedAt
    }

    public var quantity: Quantity { Quantity(raw: abs(signedQuantityRaw)) }
}
