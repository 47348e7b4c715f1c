public import TradingCore

/// Exit rules written as text, for command lines and bot configs:
///
/// | rule | text |
/// | --- | --- |
/// | stop | `2%`, `percent:0.02`, `atr:14:2` (period, multiple), `structure:20:0.1%` (lookback, buffer) |
/// | trailing | `1%`, `percent:1%`, `atr:14:3`, `chandelier:22:3` |
/// | R multiple | `1R`, `1.5` |
/// | take-profit | `1R:50%` (R multiple, fraction of the initial quantity) |
/// | duration | `90s`, `30m`, `24h`, `2d` |
public enum ExitRuleText {
    /// Parses a stop rule.
    public static func stop(_ text: String) throws(ExitPlanError) -> StopRule {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch parts[0] {
        case "percent" where parts.count == 2: return .percent(try fraction(parts[1], field: "stop"))
        case "atr" where parts.count == 3:
            return .averageTrueRange(
                multiple: try decimal(parts[2], field: "stop"),
                period: try period(parts[1], field: "stop")
            )
        case "structure" where parts.count == 3:
            return .structure(
                lookback: try period(parts[1], field: "stop"),
                buffer: try fraction(parts[2], field: "stop")
            )
        default:
            guard parts.count == 1, let value = try? fraction(text, field: "stop") else {
                throw ExitPlanError(
                    field: "stop",
                    reason: "expected 2%, percent:F, atr:PERIOD:MULTIPLE or structure:LOOKBACK:BUFFER, got '\(text)'"
                )
            }
            return .percent(value)
        }
    }

    /// Parses a trailing rule.
    public static func trailing(_ text: String) throws(ExitPlanError) -> TrailingRule {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch parts[0] {
        case "percent" where parts.count == 2: return .percent(try fraction(parts[1], field: "trailing"))
        case "atr" where parts.count == 3:
            return .averageTrueRange(
                multiple: try decimal(parts[2], field: "trailing"),
                period: try period(parts[1], field: "trailing")
            )
        case "chandelier" where parts.count == 3:
            return .chandelier(
                multiple: try decimal(parts[2], field: "trailing"),
                period: try period(parts[1], field: "trailing")
            )
        default:
            guard parts.count == 1, let value = try? fraction(text, field: "trailing") else {
                throw ExitPlanError(
                    field: "trailing",
                    reason: "expected 1%, percent:F, atr:PERIOD:MULTIPLE or chandelier:PERIOD:MULTIPLE, got '\(text)'"
                )
            }
            return .percent(value)
        }
    }

    /// Parses an R multiple (`1R`, `1.5`).
    public static func rMultiple(_ text: String, field: String) throws(ExitPlanError) -> Ratio {
        let body = text.hasSuffix("R") || text.hasSuffix("r") ? String(text.dropLast()) : text
        return try decimal(body, field: field)
    }

    /// Parses a take-profit level (`1R:50%`).
    public static func takeProfit(_ text: String) throws(ExitPlanError) -> TakeProfitLevel {
        let parts = text.split(separator: ":").map(String.init)
        guard parts.count == 2 else {
            throw ExitPlanError(field: "take_profit", reason: "expected R:FRACTION such as 1R:50%, got '\(text)'")
        }
        return TakeProfitLevel(
            rMultiple: try rMultiple(parts[0], field: "take_profit"),
            fraction: try fraction(parts[1], field: "take_profit")
        )
    }

    /// Parses a duration with a unit: `s`, `m`, `h` or `d`.
    public static func duration(_ text: String, field: String) throws(ExitPlanError) -> Duration {
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]
        guard let unit = text.last, let seconds = units[unit], let count = Int64(text.dropLast()), count > 0,
            count < 100_000_000
        else {
            throw ExitPlanError(
                field: field,
                reason: "expected a positive whole number and s, m, h or d (90s, 24h), got '\(text)'"
            )
        }
        return .seconds(count * seconds)
    }

    /// A fraction: `2%` or `0.02`.
    public static func fraction(_ text: String, field: String) throws(ExitPlanError) -> Ratio {
        if text.hasSuffix("%") {
            let value = try decimal(String(text.dropLast()), field: field)
            return value.divided(by: Ratio(100), rounding: .toNearestOrEven)
        }
        return try decimal(text, field: field)
    }

    private static func decimal(_ text: String, field: String) throws(ExitPlanError) -> Ratio {
        do {
            return try Ratio(text)
        } catch {
            throw ExitPlanError(field: field, reason: "'\(text)' is not a decimal number")
        }
    }

    private static func period(_ text: String, field: String) throws(ExitPlanError) -> Int {
        guard let value = Int(text) else {
            throw ExitPlanError(field: field, reason: "'\(text)' is not a whole number of bars")
        }
        return value
    }
}
