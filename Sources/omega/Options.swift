import ArgumentParser
import TradingBacktest
import TradingCore
import TradingEngine

/// `--fill`: when a market order placed at a bar's close fills.
enum FillOption: String, ExpressibleByArgument, CaseIterable {
    case nextOpen = "next_open"
    case close

    var rule: BarFillRule { self == .close ? .close : .nextOpen }
}

/// `--limit-fill`: when resting limit orders fill.
enum LimitFillOption: String, ExpressibleByArgument, CaseIterable {
    case touch
    case through

    var rule: LimitFillRule { self == .through ? .through : .touch }
}

/// Spot or perpetual, for `--market`.
enum MarketOption: String, ExpressibleByArgument, CaseIterable {
    case spot
    case perp

    var kind: InstrumentKind { self == .spot ? .spot : .linearPerpetual }
}

/// Parsing helpers that turn flag text into exact values, with messages that name the flag.
enum OptionParsing {
    static func decimal(_ text: String, flag: String) throws -> Ratio {
        do {
            return try Ratio(text)
        } catch {
            throw ValidationError("\(flag) \(text): expected a decimal number (\(error))")
        }
    }

    /// Basis points within `range`, as a fraction.
    static func basisPoints(_ text: String, flag: String, range: ClosedRange<Int>, meaning: String) throws -> Ratio {
        let bps = try decimal(text, flag: flag)
        guard bps >= Ratio(range.lowerBound), bps <= Ratio(range.upperBound) else {
            throw ValidationError("\(flag) \(text): must be within \(range.lowerBound)...\(range.upperBound) bps (\(meaning))")
        }
        return Ratio.basisPoints(bps)
    }

    static func time(_ text: String, flag: String) throws -> Timestamp {
        do {
            return try Timestamp(parsing: text)
        } catch {
            throw ValidationError("\(flag): \(error)")
        }
    }

    /// `all_in`, `fraction:0.5`, `quote:1000` or `qty:0.01`.
    static func sizing(_ text: String, currency: Currency?) throws -> PositionSizing {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        let invalid = ValidationError("--sizing \(text): expected all_in, fraction:F (0 < F ≤ 1), quote:AMOUNT or qty:QUANTITY")
        switch parts[0] {
        case "all_in":
            guard parts.count == 1 else { throw invalid }
            return .allIn
        case "fraction":
            guard parts.count == 2, let fraction = try? Ratio(parts[1]), fraction.raw > 0, fraction <= .one else { throw invalid }
            return .fractionOfEquity(fraction)
        case "quote":
            guard parts.count == 2, let amount = try? Ratio(parts[1]), amount.raw > 0 else { throw invalid }
            return .quoteAmount(Money(raw: amount.raw, currency: currency ?? .usdt))
        case "qty", "quantity":
            guard parts.count == 2, let quantity = try? Quantity(parts[1]), quantity.raw > 0 else { throw invalid }
            return .baseQuantity(quantity)
        default:
            throw invalid
        }
    }
}
