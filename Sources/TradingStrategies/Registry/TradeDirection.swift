/// Which sides a strategy may hold.
public enum TradeDirection: String, Sendable, Hashable, CaseIterable {
    /// Long positions only; a sell signal closes the long.
    case longOnly = "long_only"
    /// Long and short positions; an opposite signal closes the position and the next bar re-enters.
    case longShort = "long_short"

    static let parameter = StrategyParameter(
        name: "mode",
        kind: .choice(TradeDirection.allCases.map(\.rawValue)),
        defaultValue: "long_only",
        summary: "long_only, or long_short (shorts need a perpetual or margin instrument)"
    )
}
