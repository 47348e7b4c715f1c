import ArgumentParser
import TradingCore
import TradingEngine
import TradingMarketData
import TradingResearch

/// A command-line value with a parser whose error says what was expected. Each type here conforms to
/// `ExpressibleByArgument`; options declare them with `transform: T.parse`, so a bad value is refused while
/// the command line is parsed (exit 64), with the reason after ArgumentParser's "The value 'x' is invalid
/// for '--flag'".
protocol ParsedArgument: ExpressibleByArgument {
    /// - Throws: ``ArgumentError`` saying what was expected.
    static func parse(_ text: String) throws(ArgumentError) -> Self
}

extension ParsedArgument {
    init?(argument: String) {
        guard let value = try? Self.parse(argument) else { return nil }
        self = value
    }
}

/// Why a command-line value was refused (the part after the value and the flag).
struct ArgumentError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// An exact decimal number (`10000`, `0.5`, `-3.25`).
struct DecimalArgument: ParsedArgument, CustomStringConvertible {
    let value: Ratio
    let text: String

    static func parse(_ text: String) throws(ArgumentError) -> Self {
        do {
            return DecimalArgument(value: try Ratio(text), text: text)
        } catch {
            throw ArgumentError("expected a decimal number (\(error))")
        }
    }

    var description: String { text }
}

/// Basis points (`10` = 0.1 %), as a fraction.
struct BasisPoints: ParsedArgument, CustomStringConvertible {
    let bps: Ratio
    var fraction: Ratio { Ratio.basisPoints(bps) }

    static func parse(_ text: String) throws(ArgumentError) -> Self {
        BasisPoints(bps: try DecimalArgument.parse(text).value)
    }

    /// This value, when it lies within `range`.
    func within(_ range: ClosedRange<Int>, flag: String, meaning: String) throws -> Ratio {
        guard bps >= Ratio(range.lowerBound), bps <= Ratio(range.upperBound) else {
            throw ValidationError(
                "\(flag) \(bps): must be within \(range.lowerBound)...\(range.upperBound) bps (\(meaning))"
            )
        }
        return fraction
    }

    var description: String { bps.description }
}

/// A fraction written as a percentage or a decimal: `5%` or `0.05`.
struct Fraction: ParsedArgument, CustomStringConvertible {
    let value: Ratio
    let text: String

    static func parse(_ text: String) throws(ArgumentError) -> Self {
        do throws(ExitPlanError) {
            return Fraction(value: try ExitRuleText.fraction(text, field: ""), text: text)
        } catch {
            throw ArgumentError("expected a percentage or a fraction (5% or 0.05)")
        }
    }

    var description: String { text }
}

/// A length of time with a unit: `90s`, `30m`, `24h`, `2d`.
struct DurationArgument: ParsedArgument, CustomStringConvertible {
    let value: Duration
    let text: String

    static func parse(_ text: String) throws(ArgumentError) -> Self {
        do throws(ExitPlanError) {
            return DurationArgument(value: try ExitRuleText.duration(text, field: ""), text: text)
        } catch {
            throw ArgumentError(error.reason)
        }
    }

    var description: String { text }
}

/// An instant in UTC: `2024-01-01`, `2024-01-01T12:00`, `2024-01-01 12:00:00Z` or Unix milliseconds.
struct TimeArgument: ParsedArgument, CustomStringConvertible {
    let value: Timestamp

    static func parse(_ text: String) throws(ArgumentError) -> Self {
        do {
            return TimeArgument(value: try Timestamp(parsing: text))
        } catch {
            throw ArgumentError("\(error)")
        }
    }

    var description: String { value.iso8601 }
}

/// A bar length: `30s`, `1m`, `15m`, `1h`, `4h`, `1d`, `1w`, `1M` (months).
struct TimeframeArgument: ParsedArgument, CustomStringConvertible {
    let value: Timeframe

    static func parse(_ text: String) throws(ArgumentError) -> Self {
        guard let value = Timeframe(text) else {
            throw ArgumentError("expected a number and s, m, h, d, w or M (1m, 4h, 1d)")
        }
        return TimeframeArgument(value: value)
    }

    var description: String { value.description }
}

/// How entries are sized: `all_in`, `fraction:F` (0 < F ≤ 1), `quote:AMOUNT` or `qty:QUANTITY`.
struct SizingArgument: ParsedArgument, CustomStringConvertible {
    /// A quote amount is in the account currency, known once the instruments are: see ``sizing(currency:)``.
    let text: String
    private let rule: Rule

    private enum Rule {
        case allIn
        case fraction(Ratio)
        case quote(Ratio)
        case quantity(Quantity)
    }

    static func parse(_ text: String) throws(ArgumentError) -> Self {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        let invalid = ArgumentError("expected all_in, fraction:F (0 < F ≤ 1), quote:AMOUNT or qty:QUANTITY")
        switch parts.first {
        case "all_in" where parts.count == 1: return SizingArgument(text: text, rule: .allIn)
        case "fraction" where parts.count == 2:
            guard let fraction = try? Ratio(parts[1]), fraction.raw > 0, fraction <= .one else { throw invalid }
            return SizingArgument(text: text, rule: .fraction(fraction))
        case "quote" where parts.count == 2:
            guard let amount = try? Ratio(parts[1]), amount.raw > 0 else { throw invalid }
            return SizingArgument(text: text, rule: .quote(amount))
        case "qty" where parts.count == 2, "quantity" where parts.count == 2:
            guard let quantity = try? Quantity(parts[1]), quantity.raw > 0 else { throw invalid }
            return SizingArgument(text: text, rule: .quantity(quantity))
        default: throw invalid
        }
    }

    /// The sizing rule for an account in `currency`.
    func sizing(currency: Currency) -> PositionSizing {
        switch rule {
        case .allIn: .allIn
        case .fraction(let fraction): .fractionOfEquity(fraction)
        case .quote(let amount): .quoteAmount(Money(raw: amount.raw, currency: currency))
        case .quantity(let quantity): .baseQuantity(quantity)
        }
    }

    var description: String { text }

    static let allIn = SizingArgument(text: "all_in", rule: .allIn)
}

/// A stop-loss rule: `2%`, `atr:PERIOD:MULTIPLE` or `structure:LOOKBACK:BUFFER`.
struct StopArgument: ParsedArgument {
    let rule: StopRule
    static func parse(_ text: String) throws(ArgumentError) -> Self {
        do throws(ExitPlanError) { return StopArgument(rule: try ExitRuleText.stop(text)) } catch {
            throw ArgumentError(error.reason)
        }
    }
}

/// A trailing stop rule: `1%`, `atr:PERIOD:MULTIPLE` or `chandelier:PERIOD:MULTIPLE`.
struct TrailingArgument: ParsedArgument {
    let rule: TrailingRule
    static func parse(_ text: String) throws(ArgumentError) -> Self {
        do throws(ExitPlanError) {
            return TrailingArgument(rule: try ExitRuleText.trailing(text))
        } catch {
            throw ArgumentError(error.reason)
        }
    }
}

/// A multiple of the initial risk: `1R` or `1.5`.
struct RMultipleArgument: ParsedArgument {
    let value: Ratio
    static func parse(_ text: String) throws(ArgumentError) -> Self {
        do throws(ExitPlanError) {
            return RMultipleArgument(value: try ExitRuleText.rMultiple(text, field: ""))
        } catch {
            throw ArgumentError("expected an R multiple such as 1R or 1.5")
        }
    }
}

/// A partial take-profit: `1R:50%` (R multiple, fraction of the initial quantity).
struct TakeProfitArgument: ParsedArgument {
    let level: TakeProfitLevel
    static func parse(_ text: String) throws(ArgumentError) -> Self {
        do throws(ExitPlanError) {
            return TakeProfitArgument(level: try ExitRuleText.takeProfit(text))
        } catch {
            throw ArgumentError(error.reason)
        }
    }
}

/// Where exit orders rest: `native` (at the venue), `emulated` (in the engine) or `automatic`.
struct ExitPlacementArgument: ParsedArgument, CustomStringConvertible {
    let value: ExitPlacement
    static func parse(_ text: String) throws(ArgumentError) -> Self {
        guard let value = ExitPlacement(rawValue: text) else {
            throw ArgumentError("expected native, emulated or automatic")
        }
        return ExitPlacementArgument(value: value)
    }

    var description: String { value.rawValue }
}

/// A strategy parameter, `name=value`.
struct ParameterArgument: ParsedArgument {
    let name: String
    let value: String
    static func parse(_ text: String) throws(ArgumentError) -> Self {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex,
            text.index(after: equals) != text.endIndex
        else { throw ArgumentError("expected name=value") }
        return ParameterArgument(name: String(text[..<equals]), value: String(text[text.index(after: equals)...]))
    }

    var text: String { "\(name)=\(value)" }
}

/// What an optimisation maximises.
struct ObjectiveArgument: ParsedArgument, CustomStringConvertible {
    let value: Objective
    static func parse(_ text: String) throws(ArgumentError) -> Self {
        guard let value = Objective(rawValue: text) else {
            throw ArgumentError("expected one of \(Objective.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return ObjectiveArgument(value: value)
    }

    var description: String { value.rawValue }
}

/// Walk-forward windows: `train=30d,test=7d` (units m, h, d, w).
struct WalkForwardArgument: ParsedArgument {
    let plan: WalkForwardPlan
    static func parse(_ text: String) throws(ArgumentError) -> Self {
        do {
            return WalkForwardArgument(plan: try WalkForwardPlan(parsing: text))
        } catch {
            throw ArgumentError(error.description)
        }
    }
}

/// A searched parameter: `name=LOW..HIGH:STEP`, `name=LOW..HIGH` (random search) or `name=a,b,c`; checked
/// against the strategy's parameters once the strategy is known.
struct GridArgument: ParsedArgument {
    let name: String
    let spec: String
    static func parse(_ text: String) throws(ArgumentError) -> Self {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex,
            text.index(after: equals) != text.endIndex
        else { throw ArgumentError("expected name=LOW..HIGH:STEP or name=a,b,c, for example fast=5..30:1") }
        return GridArgument(name: String(text[..<equals]), spec: String(text[text.index(after: equals)...]))
    }

    var text: String { "\(name)=\(spec)" }
}
