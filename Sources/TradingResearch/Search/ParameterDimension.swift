public import TradingStrategies

/// The values one strategy parameter takes in a search: `fast=5..30:1` (a range with a step), `fast=5,8,13`
/// (a list), `mode=long_only,long_short` (choices) or, for random search only, `stop_loss=0.01..0.05` (a
/// decimal range without a step, sampled continuously).
public struct ParameterDimension: Sendable, Hashable {
    public enum Values: Sendable, Hashable {
        /// Explicit values, as the parameter's text.
        case list([String])
        /// A continuous decimal range (random search only).
        case continuous(ClosedRange<Double>)
    }

    public let name: String
    public let values: Values

    /// The most values one dimension may list, to catch a step typo before it builds a huge grid.
    public static let maximumValues = 100_000

    /// Parses `name=spec` for `parameter`.
    /// - Throws: ``SearchSpecError`` naming the text and what is wrong.
    public init(parsing text: String, strategy: StrategyDescriptor) throws(SearchSpecError) {
        guard let equals = text.firstIndex(of: "=") else {
            throw SearchSpecError(
                text: text,
                reason: "expected name=range, for example fast=5..30:1 or mode=long_only,long_short"
            )
        }
        let name = String(text[..<equals])
        let spec = String(text[text.index(after: equals)...])
        guard let parameter = strategy.parameters.first(where: { $0.name == name }) else {
            throw SearchSpecError(
                text: text,
                reason:
                    "\(strategy.name) has no parameter '\(name)'; its parameters are \(strategy.parameters.map(\.name).joined(separator: ", "))"
            )
        }
        self.name = name
        switch parameter.kind {
        case .list, .numbers:
            throw SearchSpecError(text: text, reason: "\(name) is a list parameter; fix it with --param instead")
        default: break
        }
        if spec.contains("..") {
            values = try Self.range(spec, parameter: parameter, text: text)
        } else {
            let items = spec.split(separator: ",").map(String.init)
            guard !items.isEmpty else { throw SearchSpecError(text: text, reason: "no values") }
            for item in items { try Self.check(item, parameter: parameter, text: text) }
            values = .list(items)
        }
    }

    /// How many values a grid takes from this dimension (`nil` for a continuous range).
    public var count: Int? {
        if case .list(let items) = values { return items.count }
        return nil
    }

    private static func range(
        _ spec: String,
        parameter: StrategyParameter,
        text: String
    ) throws(SearchSpecError) -> Values {
        let stepParts = spec.split(separator: ":", omittingEmptySubsequences: false)
        guard stepParts.count <= 2 else { throw SearchSpecError(text: text, reason: "expected LOW..HIGH[:STEP]") }
        let rangeText = stepParts[0]
        guard let dots = rangeText.firstRange(of: ".."), let low = Double(rangeText[..<dots.lowerBound]),
            let high = Double(rangeText[dots.upperBound...]), low <= high
        else {
            throw SearchSpecError(text: text, reason: "expected LOW..HIGH[:STEP] with LOW ≤ HIGH")
        }
        let step: Double? = stepParts.count == 2 ? Double(stepParts[1]) : nil
        if stepParts.count == 2, !(step.map { $0 > 0 && $0.isFinite } ?? false) {
            throw SearchSpecError(text: text, reason: "the step must be a positive number")
        }
        switch parameter.kind {
        case .choice(let options):
            throw SearchSpecError(
                text: text,
                reason: "\(parameter.name) is a choice; list values: \(options.joined(separator: ","))"
            )
        case .list, .numbers:
            throw SearchSpecError(text: text, reason: "\(parameter.name) is a list parameter")
        case .integer(let allowed):
            // Int(exactly:) refuses fractions, infinities and values past Int's range alike.
            guard let lowValue = Int(exactly: low), let highValue = Int(exactly: high),
                let stepValue = Int(exactly: step ?? 1)
            else {
                throw SearchSpecError(text: text, reason: "\(parameter.name) is an integer; use whole bounds and step")
            }
            guard allowed.contains(lowValue), allowed.contains(highValue) else {
                throw SearchSpecError(
                    text: text,
                    reason: "\(parameter.name) must stay within \(allowed.lowerBound)...\(allowed.upperBound)"
                )
            }
            // Both bounds lie in `allowed`, so the span fits an Int; count before building anything.
            let (span, overflow) = highValue.subtractingReportingOverflow(lowValue)
            guard !overflow, span / stepValue < maximumValues else {
                throw SearchSpecError(text: text, reason: "more than \(maximumValues) values")
            }
            return .list(stride(from: lowValue, through: highValue, by: stepValue).map(String.init))
        case .decimal(let allowed):
            guard allowed.contains(low), allowed.contains(high) else {
                throw SearchSpecError(
                    text: text,
                    reason: "\(parameter.name) must stay within \(allowed.lowerBound)...\(allowed.upperBound)"
                )
            }
            guard let step else { return .continuous(low...high) }
            // Counted in Double first: a tiny step or a wide range gives a count past Int's range.
            let steps = ((high - low) / step + 1e-9).rounded(.down)
            guard steps.isFinite, steps < Double(maximumValues) else {
                throw SearchSpecError(text: text, reason: "more than \(maximumValues) values")
            }
            let count = Int(steps) + 1
            // Values from the index, not by repeated addition, so 0.1 steps do not drift.
            return .list((0..<count).map { index in Self.decimalText(low + Double(index) * step) })
        }
    }

    private static func check(_ item: String, parameter: StrategyParameter, text: String) throws(SearchSpecError) {
        switch parameter.kind {
        case .integer(let allowed):
            guard let value = Int(item), allowed.contains(value) else {
                throw SearchSpecError(
                    text: text,
                    reason: "'\(item)' is not an integer in \(allowed.lowerBound)...\(allowed.upperBound)"
                )
            }
        case .decimal(let allowed):
            guard let value = Double(item), allowed.contains(value) else {
                throw SearchSpecError(
                    text: text,
                    reason: "'\(item)' is not a decimal in \(allowed.lowerBound)...\(allowed.upperBound)"
                )
            }
        case .choice(let options):
            guard options.contains(item) else {
                throw SearchSpecError(text: text, reason: "'\(item)' is not one of \(options.joined(separator: ", "))")
            }
        case .list, .numbers:
            throw SearchSpecError(text: text, reason: "\(parameter.name) is a list parameter")
        }
    }

    /// A decimal rounded to 12 significant places, written shortest.
    static func decimalText(_ value: Double) -> String {
        let rounded = (value * 1e12).rounded() / 1e12
        return rounded.description
    }
}

/// A search dimension or plan that cannot be built.
public struct SearchSpecError: Error, Sendable, Hashable, CustomStringConvertible {
    public let text: String
    public let reason: String

    public var description: String { "'\(text)': \(reason)" }
}
