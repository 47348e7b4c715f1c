/// The prices and sizes Omega accepts in market data: what real markets quote, with room, and small enough
/// that the engine's 18-decimal fixed-point arithmetic (magnitudes up to 1.7 × 10²⁰) cannot overflow on
/// them. A value outside is a data error naming its file, line and field.
public enum MarketDataLimits {
    /// Prices from 10⁻¹² to 10¹² (a satoshi-priced token to BTC quoted in the weakest currency, with room).
    public static let price: ClosedRange<Int128> = 1_000_000...(1_000_000_000_000 * FixedPoint.scale)
    /// Sizes and volumes up to 10¹⁵ units.
    public static let quantity: ClosedRange<Int128> = 0...(1_000_000_000_000_000 * FixedPoint.scale)
    /// How far the prices of one file may range: the highest at most 10⁷ times the lowest (Bitcoin went from
    /// $0.06 to $100,000, a factor of 1.7 × 10⁶). With notional at most ``maximumNotional`` when a position is
    /// opened, no position can grow past what the ledger holds.
    public static let priceRatio: Int128 = 10_000_000
    /// The largest notional a fill or an account may have: 10¹² in the account currency.
    public static let maximumNotional: Int128 = 1_000_000_000_000 * FixedPoint.scale
}

/// Holds the prices of one data file within ``MarketDataLimits/priceRatio`` of each other.
public struct PriceSpan: Sendable {
    @usableFromInline var lowest: Int128 = .max
    @usableFromInline var highest: Int128 = 0

    public init() {}

    /// Notes `price` (raw); returns a message when the file's prices now range wider than the limit.
    @inlinable
    public mutating func note(_ price: Int128) -> String? {
        if price >= lowest && price <= highest { return nil }
        return widen(price)
    }

    @usableFromInline
    mutating func widen(_ price: Int128) -> String? {
        let low = min(lowest, price)
        let high = max(highest, price)
        guard high / MarketDataLimits.priceRatio <= low else {
            return
                "price \(FixedPoint.format(price)) is more than \(MarketDataLimits.priceRatio)× away from the file's "
                + "other prices (\(FixedPoint.format(low)) to \(FixedPoint.format(high))): wrong units or a corrupt row?"
        }
        lowest = low
        highest = high
        return nil
    }
}
