public import TradingCore

/// One instrument's net position as a ledger books it: signed quantity, cost basis and isolated margin.
///
/// This is the part of a position that both a venue and the engine keep; ``Position`` adds the round
/// trip's statistics. Quantities are signed (positive long, negative short); the cost basis is the exact
/// quote value paid for the open quantity, so average prices and PnL carry no drift.
public struct NetPosition: Sendable, Hashable {
    /// Signed open quantity in raw units (positive long, negative short, zero flat).
    public internal(set) var signedQuantityRaw: Int128 = 0
    /// Exact quote value of the open quantity at entry prices (`Σ q × p × multiplier`), always ≥ 0.
    public internal(set) var costBasisRaw: Int128 = 0
    /// Isolated margin held for the position (perpetuals; zero for spot).
    public internal(set) var isolatedMarginRaw: Int128 = 0
    /// The leverage the position was opened with (1 for spot).
    public internal(set) var leverage: Ratio = .one

    public init() {}

    /// Whether any quantity is open.
    @inlinable
    public var isOpen: Bool { signedQuantityRaw != 0 }

    /// The open quantity (absolute).
    @inlinable
    public var quantity: Quantity { Quantity(raw: abs(signedQuantityRaw)) }

    /// Long, short or flat.
    @inlinable
    public var side: PositionSide { signedQuantityRaw > 0 ? .long : signedQuantityRaw < 0 ? .short : .flat }

    /// PnL of the open quantity at `mark`, exact: `±(quantity × multiplier × mark − cost basis)`.
    public func unrealizedRaw(at mark: Price, multiplier: Ratio) -> Int128 {
        guard signedQuantityRaw != 0 else { return 0 }
        let contracts = Self.contractValue(abs(signedQuantityRaw), multiplier: multiplier)
        let value = FixedPoint.multiply(contracts, mark.raw, rounding: .toNearestOrEven)
        return signedQuantityRaw > 0 ? value - costBasisRaw : costBasisRaw - value
    }

    /// The mark price at which the isolated margin is used up down to the maintenance margin, for a
    /// linear perpetual: long `(C − M) / (Q (1 − mmr))`, short `(C + M) / (Q (1 + mmr))`, where `C` is the
    /// cost basis, `M` the isolated margin and `Q` the contract value. `nil` for flat positions and longs
    /// whose margin covers the whole cost.
    public func liquidationPrice(maintenanceMarginRate mmr: Ratio, multiplier: Ratio) -> Price? {
        guard signedQuantityRaw != 0 else { return nil }
        let contracts = Self.contractValue(abs(signedQuantityRaw), multiplier: multiplier)
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

    /// This position backed by `margin` instead of its own isolated margin: what a cross-margined venue
    /// computes a liquidation price from (the account's margin balance that backs it).
    package func backed(byMargin margin: Int128) -> NetPosition {
        var position = self
        position.isolatedMarginRaw = margin
        return position
    }

    /// `quantity × multiplier` in raw units.
    @inlinable
    public static func contractValue(_ quantityRaw: Int128, multiplier: Ratio) -> Int128 {
        multiplier == .one ? quantityRaw : FixedPoint.multiply(quantityRaw, multiplier.raw, rounding: .toNearestOrEven)
    }

    // MARK: Booking

    /// Opens a flat position with a fill worth `notional`.
    mutating func open(signedFill: Int128, notional: Int128, leverage: Ratio, perpetual: Bool) {
        signedQuantityRaw = signedFill
        costBasisRaw = notional
        self.leverage = leverage
        isolatedMarginRaw = perpetual ? FixedPoint.divide(notional, leverage.raw, rounding: .up) : 0
    }

    /// Adds a fill in the position's direction.
    mutating func add(signedFill: Int128, notional: Int128, perpetual: Bool) {
        signedQuantityRaw += signedFill
        costBasisRaw += notional
        if perpetual { isolatedMarginRaw += FixedPoint.divide(notional, leverage.raw, rounding: .up) }
    }

    /// Reduces the position by `closingRaw` worth `closingNotional` at the fill price; returns the gross
    /// realised PnL (average-cost accounting: the released cost is proportional to the closed quantity).
    mutating func reduce(closingRaw: Int128, closingNotional: Int128, perpetual: Bool) -> Int128 {
        let openQuantity = abs(signedQuantityRaw)
        let releasedCost =
            closingRaw == openQuantity
            ? costBasisRaw
            : FixedPoint.multiplyDivide(costBasisRaw, closingRaw, openQuantity, rounding: .toNearestOrEven)
        let long = signedQuantityRaw > 0
        costBasisRaw -= releasedCost
        signedQuantityRaw += long ? -closingRaw : closingRaw
        if perpetual {
            isolatedMarginRaw =
                signedQuantityRaw == 0
                ? 0
                : isolatedMarginRaw
                    - FixedPoint.multiplyDivide(isolatedMarginRaw, closingRaw, openQuantity, rounding: .toNearestOrEven)
        }
        return long ? closingNotional - releasedCost : releasedCost - closingNotional
    }
}
