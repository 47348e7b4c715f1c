public import TradingCore

/// How big an entry is, picked by name in a strategy's or bot's configuration (``init(parsing:)``):
///
/// | spec | size |
/// | --- | --- |
/// | `fixed_quantity:0.5` | always 0.5 of the base asset (or contracts) |
/// | `fixed_notional:1000` | 1,000 of the quote currency at the entry price |
/// | `percent_equity:10` | 10 % of equity at the entry price |
/// | `risk:1` | loses 1 % of equity if the stop is hit: equity × 1 % / (entry − stop) |
/// | `kelly:0.5` | half the Kelly fraction `W − (1 − W) / R` of equity, from the last closed trades |
/// | `volatility:1:2` | loses 1 % of equity on a move of 2 ATR: equity × 1 % / (2 × ATR) |
///
/// Every size is rounded down to the lot step and refused when it falls below the instrument's minimum
/// quantity or minimum notional. The arithmetic is exact (fixed point); Kelly's statistics are the only
/// floating-point input, turned into a fraction before any quantity is computed.
public enum PositionSizer: Sendable, Hashable, CustomStringConvertible {
    case fixedQuantity(Quantity)
    case fixedNotional(Ratio)
    case percentOfEquity(Ratio)
    case fixedFractionalRisk(Ratio)
    case kelly(multiplier: Ratio, lookback: Int, cap: Ratio)
    case volatilityTarget(risk: Ratio, atrMultiple: Ratio)

    /// The fewest closed trades Kelly sizes from.
    public static let kellyMinimumTrades = 20

    public var description: String {
        switch self {
        case .fixedQuantity(let quantity): "fixed_quantity:\(quantity)"
        case .fixedNotional(let amount): "fixed_notional:\(amount)"
        case .percentOfEquity(let percent):
            "percent_equity:\(percent.multiplied(by: Ratio(100), rounding: .toNearestOrEven))"
        case .fixedFractionalRisk(let fraction):
            "risk:\(fraction.multiplied(by: Ratio(100), rounding: .toNearestOrEven))"
        case .kelly(let multiplier, let lookback, let cap): "kelly:\(multiplier):\(lookback):\(cap)"
        case .volatilityTarget(let risk, let multiple):
            "volatility:\(risk.multiplied(by: Ratio(100), rounding: .toNearestOrEven)):\(multiple)"
        }
    }

    /// The names, for messages.
    public static let names = ["fixed_quantity", "fixed_notional", "percent_equity", "risk", "kelly", "volatility"]

    /// Parses a spec such as `risk:1` or `kelly:0.5:50:0.25` (multiplier, lookback trades, cap on the fraction).
    /// - Throws: ``PositionSizerError`` naming the spec and the valid forms.
    public init(parsing text: String) throws(PositionSizerError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        func decimal(_ index: Int, _ name: String, default value: String? = nil) throws(PositionSizerError) -> Ratio {
            guard index < parts.count || value != nil else {
                throw PositionSizerError(spec: text, reason: "\(name) is missing")
            }
            let field = index < parts.count ? parts[index] : value!
            guard let ratio = try? Ratio(field), ratio.raw > 0 else {
                throw PositionSizerError(spec: text, reason: "\(name) must be a positive decimal, got '\(field)'")
            }
            return ratio
        }
        let hundred = Ratio(100)
        switch parts[0] {
        case "fixed_quantity":
            self = .fixedQuantity(Quantity(raw: try decimal(1, "quantity").raw))
        case "fixed_notional":
            self = .fixedNotional(try decimal(1, "amount"))
        case "percent_equity":
            let percent = try decimal(1, "percent")
            guard percent <= hundred else {
                throw PositionSizerError(spec: text, reason: "percent must be at most 100")
            }
            self = .percentOfEquity(percent.divided(by: hundred, rounding: .toNearestOrEven))
        case "risk":
            let percent = try decimal(1, "risk percent")
            guard percent <= Ratio(20) else {
                throw PositionSizerError(spec: text, reason: "risk percent must be at most 20")
            }
            self = .fixedFractionalRisk(percent.divided(by: hundred, rounding: .toNearestOrEven))
        case "kelly":
            let multiplier = try decimal(1, "Kelly multiplier", default: "0.5")
            guard multiplier <= .one else {
                throw PositionSizerError(spec: text, reason: "the Kelly multiplier must be at most 1")
            }
            let lookbackText = parts.count > 2 ? parts[2] : "50"
            guard let lookback = Int(lookbackText), lookback >= Self.kellyMinimumTrades else {
                throw PositionSizerError(
                    spec: text,
                    reason: "lookback must be a whole number of at least \(Self.kellyMinimumTrades) trades"
                )
            }
            let cap = try decimal(3, "cap", default: "0.25")
            guard cap <= .one else { throw PositionSizerError(spec: text, reason: "cap must be at most 1") }
            self = .kelly(multiplier: multiplier, lookback: lookback, cap: cap)
        case "volatility":
            let percent = try decimal(1, "risk percent")
            guard percent <= Ratio(20) else {
                throw PositionSizerError(spec: text, reason: "risk percent must be at most 20")
            }
            self = .volatilityTarget(
                risk: percent.divided(by: hundred, rounding: .toNearestOrEven),
                atrMultiple: try decimal(2, "ATR multiple", default: "2")
            )
        default:
            throw PositionSizerError(
                spec: text,
                reason: "unknown sizer '\(parts[0])'; valid: \(Self.names.joined(separator: ", "))"
            )
        }
        if parts.count > 4
            || (parts.count > 2 && ["fixed_quantity", "fixed_notional", "percent_equity", "risk"].contains(parts[0]))
        {
            throw PositionSizerError(spec: text, reason: "too many fields")
        }
    }
}

/// A sizer spec that does not parse.
public struct PositionSizerError: Error, Sendable, Hashable, CustomStringConvertible {
    public let spec: String
    public let reason: String

    public var description: String { "sizer '\(spec)': \(reason)" }
}
