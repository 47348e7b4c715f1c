/// What an instrument is, which decides how the ledger books its fills.
public enum InstrumentKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Spot: a buy exchanges quote currency for base currency; no leverage, no shorting.
    case spot
    /// Linear (USDT-margined) perpetual future: margin and PnL in the quote currency, funding every few
    /// hours, leverage with isolated margin, forced liquidation.
    case linearPerpetual = "linear_perpetual"

    public var description: String { rawValue }
}
