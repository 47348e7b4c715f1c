public import TradingCore

/// An exchange's maintenance-margin tiers for one contract: the larger the position's notional, the higher
/// the maintenance margin rate (Binance USD-M "leverage and margin" brackets).
///
/// Each tier's maintenance amount ("cum") follows the published rule
/// `cum(n) = floor(n) × (mmr(n) − mmr(n−1)) + cum(n−1)`, so the maintenance margin
/// `notional × mmr − cum` is continuous across tiers.
public struct MarginTiers: Sendable, Hashable {
    public struct Tier: Sendable, Hashable {
        /// The notional where the tier starts (the first tier starts at 0).
        public let floor: Money
        public let maintenanceMarginRate: Ratio
        /// The maintenance amount, from the rule above.
        public let maintenanceAmount: Money
    }

    public let tiers: [Tier]

    /// Tiers from their starting notionals and rates, in increasing order.
    public init(_ brackets: [(floor: Money, rate: Ratio)]) {
        var tiers: [Tier] = []
        for (floor, rate) in brackets {
            let previous = tiers.last
            let cum: Money
            if let previous {
                let step = FixedPoint.multiply(
                    floor.raw,
                    (rate - previous.maintenanceMarginRate).raw,
                    rounding: .toNearestOrEven
                )
                cum = Money(raw: step + previous.maintenanceAmount.raw, currency: floor.currency)
            } else {
                cum = Money(raw: 0, currency: floor.currency)
            }
            tiers.append(Tier(floor: floor, maintenanceMarginRate: rate, maintenanceAmount: cum))
        }
        self.tiers = tiers
    }

    /// The tier for a position notional.
    public func tier(for notional: Money) -> Tier {
        tiers.last { $0.floor <= notional } ?? tiers[0]
    }

    /// Maintenance margin of a position notional: `notional × mmr − cum`.
    public func maintenanceMargin(notional: Money) -> Money {
        let tier = tier(for: notional)
        let raw =
            FixedPoint.multiply(notional.raw, tier.maintenanceMarginRate.raw, rounding: .toNearestOrEven)
            - tier.maintenanceAmount.raw
        return Money(raw: raw, currency: notional.currency)
    }

    /// Binance USD-M's isolated-margin liquidation price, one-way mode:
    /// `LP = (WB + cum − side × Q × EP) / (Q × MMR − side × Q)` with `side` +1 long, −1 short, taking the
    /// tier of the position's notional at the liquidation price (recomputed when it differs from the tier
    /// at entry, as Binance's note says). `nil` when the position cannot be liquidated (fully funded) or
    /// the price would not be positive.
    ///
    /// For cross margin pass the cross wallet balance less the maintenance margin of the account's other
    /// positions plus their unrealized PnL (`WB − TMM1 + UPNL1` in Binance's formula); see
    /// ``crossLiquidationPrice(walletBalance:otherMaintenance:otherUnrealizedPnL:quantity:entryPrice:long:)``.
    public func liquidationPrice(walletBalance: Money, quantity: Quantity, entryPrice: Price, long: Bool) -> Price? {
        guard quantity.raw > 0 else { return nil }
        let side: Int128 = long ? 1 : -1
        let entryNotional = FixedPoint.multiply(quantity.raw, entryPrice.raw, rounding: .toNearestOrEven)
        var tier = self.tier(for: Money(raw: entryNotional, currency: walletBalance.currency))
        var price: Price?
        for _ in 0..<tiers.count {
            let numerator = walletBalance.raw + tier.maintenanceAmount.raw - side * entryNotional
            let denominator =
                FixedPoint.multiply(quantity.raw, tier.maintenanceMarginRate.raw, rounding: .toNearestOrEven) - side
                * quantity.raw
            guard denominator != 0 else { return nil }
            let raw = FixedPoint.divide(numerator, denominator, rounding: .toNearestOrEven)
            guard raw > 0 else { return nil }
            price = Price(raw: raw)
            let notionalAtLiquidation = Money(
                raw: FixedPoint.multiply(quantity.raw, raw, rounding: .toNearestOrEven),
                currency: walletBalance.currency
            )
            let next = self.tier(for: notionalAtLiquidation)
            if next == tier { break }
            tier = next
        }
        return price
    }

    /// Binance USD-M's cross-margin liquidation price, one-way mode: the isolated formula with the wallet
    /// balance `WB − TMM1 + UPNL1`, where `TMM1` is the maintenance margin and `UPNL1` the unrealized PnL of
    /// every other position in the cross account.
    public func crossLiquidationPrice(
        walletBalance: Money,
        otherMaintenance: Money,
        otherUnrealizedPnL: Money,
        quantity: Quantity,
        entryPrice: Price,
        long: Bool
    ) -> Price? {
        let available = Money(
            raw: walletBalance.raw - otherMaintenance.raw + otherUnrealizedPnL.raw,
            currency: walletBalance.currency
        )
        return liquidationPrice(walletBalance: available, quantity: quantity, entryPrice: entryPrice, long: long)
    }
}
