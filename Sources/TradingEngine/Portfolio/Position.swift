public import TradingCore

/// A net position in one instrument, from the fill that opened it to the fill that closes it.
///
/// Quantities are signed in ``signedQuantityRaw`` (positive long, negative short). The cost basis is the
/// exact quote value paid for the open quantity, so the average entry price and PnL carry no drift.
public struct Position: Sendable, Hashable {
    public let instrument: InstrumentIndex
    public let kind: InstrumentKind
    public let settlement: Currency
    public let contractMultiplier: Ratio
    /// Signed open quantity in raw units (positive long, negative short).
    public internal(set) var signedQuantityRaw: Int128
    /// Exact quote value of the open quantity at entry prices (`Σ q × p × multiplier`), always ≥ 0.
    public internal(set) var costBasisRaw: Int128
    /// Gross PnL realised by reducing fills in this round trip.
    public internal(set) var realizedRaw: Int128
    /// Fees paid in this round trip (negative for net rebates).
    public internal(set) var feesRaw: Int128
    /// Funding received (positive) or paid (negative) in this round trip.
    public internal(set) var fundingRaw: Int128
    /// Isolated margin held for the position (perpetuals; zero for spot).
    public internal(set) var isolatedMarginRaw: Int128
    /// The leverage the position was opened with (1 for spot).
    public internal(set) var leverage: Ratio
    public internal(set) var openedAt: Timestamp
    public internal(set) var updatedAt: Timestamp
    /// Totals over the round trip, for the trade record.
    public internal(set) var entryQuantityRaw: Int128
    public internal(set) var entryNotionalRaw: Int128
    public internal(set) var exitQuantityRaw: Int128
    public internal(set) var exitNotionalRaw: Int128
    /// `Σ quantity × price` of entry and exit fills, exact, for average prices rounded once; and the single
    /// price of all entries (exits) while they were all at one price, to skip the division.
    var entryPriceSum = WideProductSum()
    var exitPriceSum = WideProductSum()
    var uniformEntryPrice: Price?
    var uniformExitPrice: Price?
    var entryFills = 0
    var exitFills = 0
    public internal(set) var maxQuantityRaw: Int128
    public internal(set) var fillCount: Int
    /// The strategy whose fill opened the position.
    public internal(set) var strategyID: StrategyID?
    public internal(set) var entryTag: ShortText?
    public internal(set) var exitTag: ShortText?
    /// The side of the fill that opened the position.
    public let entrySide: PositionSide

    /// A new position from its opening fill.
    init(
        instrument: Instrument, index: InstrumentIndex, signedQuantityRaw: Int128, costBasisRaw: Int128, feesRaw: Int128,
        leverage: Ratio, at time: Timestamp, strategy: StrategyID?, tag: ShortText?
    ) {
        self.instrument = index
        kind = instrument.kind
        settlement = instrument.settlementCurrency
        contractMultiplier = instrument.contractMultiplier
        self.signedQuantityRaw = signedQuantityRaw
        self.costBasisRaw = costBasisRaw
        realizedRaw = 0
        self.feesRaw = feesRaw
        fundingRaw = 0
        isolatedMarginRaw = instrument.kind == .linearPerpetual
            ? FixedPoint.divide(costBasisRaw, leverage.raw, rounding: .up) : 0
        self.leverage = leverage
        openedAt = time
        updatedAt = time
        entryQuantityRaw = abs(signedQuantityRaw)
        entryNotionalRaw = costBasisRaw
        exitQuantityRaw = 0
        exitNotionalRaw = 0
        maxQuantityRaw = abs(signedQuantityRaw)
        fillCount = 1
        strategyID = strategy
        entryTag = tag
        exitTag = nil
        entrySide = signedQuantityRaw > 0 ? .long : .short
    }

    /// Adds an opening fill to the position in place.
    mutating func add(
        quantityRaw: Int128, signedFill: Int128, notional: Int128, price: Price, feeRaw: Int128, at time: Timestamp
    ) {
        signedQuantityRaw += signedFill
        costBasisRaw += notional
        entryQuantityRaw += quantityRaw
        entryNotionalRaw += notional
        addEntry(quantityRaw: quantityRaw, price: price)
        feesRaw += feeRaw
        fillCount += 1
        maxQuantityRaw = max(maxQuantityRaw, abs(signedQuantityRaw))
        updatedAt = time
        if kind == .linearPerpetual {
            isolatedMarginRaw += FixedPoint.divide(notional, leverage.raw, rounding: .up)
        }
    }

    /// Books a reducing fill in place at average cost.
    /// - Returns: the gross PnL it realised.
    mutating func reduce(
        closingRaw: Int128, closingNotional: Int128, closingFee: Int128, price: Price, tag: ShortText?, at time: Timestamp
    ) -> Int128 {
        let openQuantity = abs(signedQuantityRaw)
        let releasedCost = closingRaw == openQuantity
            ? costBasisRaw : FixedPoint.multiplyDivide(costBasisRaw, closingRaw, openQuantity, rounding: .toNearestOrEven)
        let realized = signedQuantityRaw > 0 ? closingNotional - releasedCost : releasedCost - closingNotional
        realizedRaw += realized
        feesRaw += closingFee
        costBasisRaw -= releasedCost
        signedQuantityRaw += signedQuantityRaw > 0 ? -closingRaw : closingRaw
        exitQuantityRaw += closingRaw
        exitNotionalRaw += closingNotional
        addExit(quantityRaw: closingRaw, price: price)
        fillCount += 1
        updatedAt = time
        if tag != nil { exitTag = tag }
        if kind == .linearPerpetual {
            isolatedMarginRaw = signedQuantityRaw == 0
                ? 0 : isolatedMarginRaw - FixedPoint.multiplyDivide(isolatedMarginRaw, closingRaw, openQuantity, rounding: .toNearestOrEven)
        }
        return realized
    }

    /// Records an opening fill's price for the average entry price.
    mutating func addEntry(quantityRaw: Int128, price: Price) {
        entryPriceSum.add(quantityRaw, times: price.raw)
        uniformEntryPrice = entryFills == 0 || uniformEntryPrice == price ? price : nil
        entryFills += 1
    }

    /// Records a closing fill's price for the average exit price.
    mutating func addExit(quantityRaw: Int128, price: Price) {
        exitPriceSum.add(quantityRaw, times: price.raw)
        uniformExitPrice = exitFills == 0 || uniformExitPrice == price ? price : nil
        exitFills += 1
    }

    /// The volume-weighted entry price over every entry of the round trip.
    var roundTripEntryPrice: Price? {
        if let uniformEntryPrice { return uniformEntryPrice }
        return entryPriceSum.divided(by: entryQuantityRaw, rounding: .toNearestOrEven).map(Price.init(raw:))
    }

    public var side: PositionSide {
        signedQuantityRaw > 0 ? .long : signedQuantityRaw < 0 ? .short : .flat
    }

    /// The open quantity (absolute).
    public var quantity: Quantity { Quantity(raw: abs(signedQuantityRaw)) }

    public var isOpen: Bool { signedQuantityRaw != 0 }

    /// The volume-weighted price of the entry fills, rounded once half to even (exactly the fill price
    /// for a single fill); `nil` when flat. Reducing fills do not change it (average-cost accounting).
    public var averageEntryPrice: Price? {
        guard signedQuantityRaw != 0 else { return nil }
        return roundTripEntryPrice
    }

    /// The volume-weighted price of the exit fills so far, rounded once; `nil` before any exit.
    public var averageExitPrice: Price? {
        if let uniformExitPrice { return uniformExitPrice }
        return exitPriceSum.divided(by: exitQuantityRaw, rounding: .toNearestOrEven).map(Price.init(raw:))
    }

    public var realizedPnL: Money { Money(raw: realizedRaw, currency: settlement) }
    public var fees: Money { Money(raw: feesRaw, currency: settlement) }
    public var funding: Money { Money(raw: fundingRaw, currency: settlement) }
    public var isolatedMargin: Money { Money(raw: isolatedMarginRaw, currency: settlement) }

    /// PnL of the open quantity at `mark`, exact: `±(quantity × multiplier × mark − cost basis)`.
    public func unrealizedPnL(at mark: Price) -> Money {
        Money(raw: unrealizedRaw(at: mark), currency: settlement)
    }

    func unrealizedRaw(at mark: Price) -> Int128 {
        guard signedQuantityRaw != 0 else { return 0 }
        let contracts = Position.contractValue(abs(signedQuantityRaw), multiplier: contractMultiplier)
        let value = FixedPoint.multiply(contracts, mark.raw, rounding: .toNearestOrEven)
        return signedQuantityRaw > 0 ? value - costBasisRaw : costBasisRaw - value
    }

    /// The mark price at which the isolated margin is used up down to the maintenance margin, for a
    /// linear perpetual: long `(C − M) / (Q (1 − mmr))`, short `(C + M) / (Q (1 + mmr))`, where `C` is the
    /// cost basis, `M` the isolated margin and `Q` the contract value. `nil` for spot positions, flat
    /// positions and longs whose margin covers the whole cost.
    public func liquidationPrice(maintenanceMarginRate mmr: Ratio) -> Price? {
        guard kind == .linearPerpetual, signedQuantityRaw != 0 else { return nil }
        let contracts = Position.contractValue(abs(signedQuantityRaw), multiplier: contractMultiplier)
        if signedQuantityRaw > 0 {
            let numerator = costBasisRaw - isolatedMarginRaw
            guard numerator > 0 else { return nil }
            let denominator = FixedPoint.multiply(contracts, (Ratio.one - mmr).raw, rounding: .toNearestOrEven)
            guard denominator > 0 else { return nil }
            return Price(raw: FixedPoint.divide(numerator, denominator, rounding: .up))
        } else {
            let numerator = costBasisRaw + isolatedMarginRaw
            let denominator = FixedPoint.multiply(contracts, (Ratio.one + mmr).raw, rounding: .toNearestOrEven)
            return Price(raw: FixedPoint.divide(numerator, denominator, rounding: .down))
        }
    }

    /// `quantity × multiplier` in raw units.
    @inlinable
    static func contractValue(_ quantityRaw: Int128, multiplier: Ratio) -> Int128 {
        multiplier == .one ? quantityRaw : FixedPoint.multiply(quantityRaw, multiplier.raw, rounding: .toNearestOrEven)
    }
}

/// A position's whole round trip, from open to flat: one row of the trade list.
public struct ClosedPosition: Sendable, Hashable {
    /// The round trip of a position that has just become flat.
    init(_ position: Position, at time: Timestamp, liquidated: Bool) {
        let currency = position.settlement
        instrument = position.instrument
        side = position.entrySide
        strategyID = position.strategyID
        openedAt = position.openedAt
        closedAt = time
        entryQuantity = Quantity(raw: position.entryQuantityRaw)
        exitQuantity = Quantity(raw: position.exitQuantityRaw)
        maxQuantity = Quantity(raw: position.maxQuantityRaw)
        averageEntryPrice = position.roundTripEntryPrice ?? .zero
        averageExitPrice = position.averageExitPrice ?? .zero
        grossPnL = Money(raw: position.realizedRaw, currency: currency)
        fees = Money(raw: position.feesRaw, currency: currency)
        funding = Money(raw: position.fundingRaw, currency: currency)
        netPnL = Money(raw: position.realizedRaw - position.feesRaw + position.fundingRaw, currency: currency)
        entryNotional = Money(raw: position.entryNotionalRaw, currency: currency)
        entryTag = position.entryTag
        exitTag = position.exitTag
        wasLiquidated = liquidated
        fillCount = position.fillCount
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
