/// How a fixed-point result that falls between two representable values is rounded.
///
/// The cases mirror the standard library's `RoundingRule`; this enum belongs to TradingCore so
/// the ledger's hot arithmetic switches on it directly instead of through a resilient type's witnesses.
public enum RoundingRule: Sendable, Hashable, CaseIterable {
    /// To the nearest value; halves to the even one (banker's rounding).
    case toNearestOrEven
    /// To the nearest value; halves away from zero.
    case toNearestOrAwayFromZero
    /// Towards positive infinity.
    case up
    /// Towards negative infinity.
    case down
    /// Towards zero (truncation).
    case towardZero
    /// Away from zero.
    case awayFromZero
}
