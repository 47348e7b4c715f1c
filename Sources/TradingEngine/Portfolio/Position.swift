public import TradingCore

/// A net position in one instrument, from the fill that opened it to the fill that closes it: its ledger
/// state (``NetPosition``) and its round trip so far (``PositionRecord``).
///
/// Quantities are signed in ``signedQuantityRaw`` (positive long, negative short). The cost basis is the
/// exact quote value paid for the open quantity, so the average entry price and PnL carry no drift.
public struct Position: Sendable, Hashable {
    public let instrument: InstrumentIndex
    public let kind: InstrumentKind
    public let settlement: Currency
    public let contractMultiplier: Ratio
    /// Quantity, cost basis, margin and leverage, as the ledger books them.
    public let net: NetPosition
    /// Realised PnL, fees, funding and the entry and exit totals of the round trip.
    public let record: PositionRecord

    init(instrument: InstrumentIndex, definition: Instrument, net: NetPosition, record: PositionRecord) {
        self.instrument = instrument
        kind = definition.kind
        settlement = definition.settlementCurrency
        contractMultiplier = definition.contractMultiplier
        self.net = net
        self.record = record
    }

    /// Signed open quantity in raw units (positive long, negative short).
    public var signedQuantityRaw: Int128 { net.signedQuantityRaw }
    /// Exact quote value of the open quantity at entry prices (`Σ q × p × multiplier`), always ≥ 0.
    public var costBasisRaw: Int128 { net.costBasisRaw }
    /// Isolated margin held for the position (perpetuals; zero for spot).
    public var isolatedMarginRaw: Int128 { net.isolatedMarginRaw }
    /// The leverage the position was opened with (1 for spot).
    public var leverage: Ratio { net.leverage }
    /// Gross PnL realised by reducing fills in this round trip.
    public var realizedRaw: Int128 { record.realizedRaw }
    /// Fees paid in this round trip (negative for net rebates).
    public var feesRaw: Int128 { record.feesRaw }
    /// Funding received (positive) or paid (negative) in this round trip.
    public var fundingRaw: Int128 { record.fundingRaw }
    public var openedAt: Timestamp { record.openedAt }
    public var updatedAt: Timestamp { record.updatedAt }
    /// Totals over the round trip, for the trade record.
    public var entryQuantityRaw: Int128 { record.entryQuantityRaw }
    public var entryNotionalRaw: Int128 { record.entryNotionalRaw }
    public var exitQuantityRaw: Int128 { record.exitQuantityRaw }
    public var exitNotionalRaw: Int128 { record.exitNotionalRaw }
    public var maxQuantityRaw: Int128 { record.maxQuantityRaw }
    public var fillCount: Int { record.fillCount }
    /// The strategy whose fill opened the position.
    public var strategyID: StrategyID? { record.strategyID }
    public var entryTag: ShortText? { record.entryTag }
    public var exitTag: ShortText? { record.exitTag }
    /// The side the round trip opened on.
    public var entrySide: PositionSide { record.entrySide }

    public var side: PositionSide { net.side }

    /// The open quantity (absolute).
    public var quantity: Quantity { net.quantity }

    public var isOpen: Bool { net.isOpen }

    /// The volume-weighted price of the entry fills, rounded once half to even (exactly the fill price
    /// for a single fill); `nil` when flat. Reducing fills do not change it (average-cost accounting).
    public var averageEntryPrice: Price? {
        guard net.isOpen else { return nil }
        return record.roundTripEntryPrice
    }

    /// The volume-weighted price of the exit fills so far, rounded once; `nil` before any exit.
    public var averageExitPrice: Price? { record.averageExitPrice }

    public var realizedPnL: Money { Money(raw: realizedRaw, currency: settlement) }
    public var fees: Money { Money(raw: feesRaw, currency: settlement) }
    public var funding: Money { Money(raw: fundingRaw, currency: settlement) }
    public var isolatedMargin: Money { Money(raw: isolatedMarginRaw, currency: settlement) }

    /// PnL of the open quantity at `mark`, exact: `±(quantity × multiplier × mark − cost basis)`.
    public func unrealizedPnL(at mark: Price) -> Money {
        Money(raw: net.unrealizedRaw(at: mark, multiplier: contractMultiplier), currency: settlement)
    }

    /// The mark price at which the isolated margin is used up down to the maintenance margin (see
    /// ``NetPosition/liquidationPrice(maintenanceMarginRate:multiplier:)``); `nil` for spot positions.
    public func liquidationPrice(maintenanceMarginRate mmr: Ratio) -> Price? {
        guard kind == .linearPerpetual else { return nil }
        return net.liquidationPrice(maintenanceMarginRate: mmr, multiplier: contractMultiplier)
    }
}

/// A position's whole round trip, from open to flat: one row of the trade list.
public struct ClosedPosition: Sendable, Hashable {
    /// No round trip: what a portfolio holds before its first close.
    static let none = ClosedPosition(
        PositionRecord(),
        instrument: InstrumentIndex(0),
        currency: .usdt,
        at: .zero,
        liquidated: false
    )

    /// The round trip of a position that has just become flat.
    init(
        _ record: PositionRecord,
        instrument: InstrumentIndex,
        currency: Currency,
        at time: Timestamp,
        liquidated: Bool
    ) {
        self.instrument = instrument
        side = record.entrySide
        strategyID = record.strategyID
        openedAt = record.openedAt
        closedAt = time
        entryQuantity = Quantity(raw: record.entryQuantityRaw)
        exitQuantity = Quantity(raw: record.exitQuantityRaw)
        maxQuantity = Quantity(raw: record.maxQuantityRaw)
        averageEntryPrice = record.roundTripEntryPrice ?? .zero
        averageExitPrice = record.averageExitPrice ?? .zero
        grossPnL = Money(raw: record.realizedRaw, currency: currency)
        fees = Money(raw: record.feesRaw, currency: currency)
        funding = Money(raw: record.fundingRaw, currency: currency)
        netPnL = Money(raw: record.realizedRaw - record.feesRaw + record.fundingRaw, currency: currency)
        entryNotional = Money(raw: record.entryNotionalRaw, currency: currency)
        entryTag = record.entryTag
        exitTag = record.exitTag
        wasLiquidated = liquidated
        fillCount = record.fillCount
    }

    public let instrument: InstrumentIndex
    public let side: PositionSide
    public let strategyID: StrategyID?
    public let openedAt: Timestamp
    public let closedAt: Timestamp
    /// Total quantity bought (long) or sold (short) to open and add to the position.
    public let entryQuantity: Quantity
    public let exitQuantity: Quantity
    public let maxQuantity: Quantity
    public let averageEntryPrice: Price
    public let averageExitPrice: Price
    /// Gross PnL of the round trip (before fees and funding).
    public let grossPnL: Money
    public let fees: Money
    public let funding: Money
    /// `gross − fees + funding`.
    public let netPnL: Money
    /// Quote value committed at entry (`Σ entry q × p × multiplier`).
    public let entryNotional: Money
    public let entryTag: ShortText?
    public let exitTag: ShortText?
    public let wasLiquidated: Bool
    public let fillCount: Int

    /// Net PnL as a fraction of the entry notional.
    public var returnOnNotional: Double {
        entryNotional.raw == 0 ? 0 : netPnL.doubleValue / entryNotional.doubleValue
    }
}
