/// One typed, documented parameter of a strategy.
public struct StrategyParameter: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case integer(ClosedRange<Int>)
        case decimal(ClosedRange<Double>)
        case choice([String])
        /// A comma-separated list of distinct values from the options (`members=macd_trend,supertrend`).
        case list([String])
        /// A comma-separated list of positive numbers (`weights=2,1,1`).
        case numbers
    }

    public let name: String
    public let kind: Kind
    public let defaultValue: String
    public let summary: String

    public init(name: String, kind: Kind, defaultValue: String, summary: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.summary = summary
    }

    /// `integer in 2...1000`, `decimal in 0.0...100.0`, `one of long_only, long_short`.
    public var kindDescription: String {
        switch kind {
        case .integer(let range): "integer in \(range.lowerBound)...\(range.upperBound)"
        case .decimal(let range): "decimal in \(range.lowerBound)...\(range.upperBound)"
        case .choice(let options): "one of \(options.joined(separator: ", "))"
        case .list(let options): "a comma-separated list of \(options.joined(separator: ", "))"
        case .numbers: "a comma-separated list of positive numbers"
        }
    }

    /// Parses and range-checks a value for this parameter.
    func parse(_ text: String, strategy: String) throws(StrategyParameterError) -> ParameterValue {
        let invalid = StrategyParameterError.invalidValue(
            strategy: strategy,
            parameter: name,
            value: text,
            expected: kindDescription
        )
        switch kind {
        case .integer(let range):
            guard let value = Int(text), range.contains(value) else { throw invalid }
            return .integer(value)
        case .decimal(let range):
            guard let value = Double(text), value.isFinite, range.contains(value) else { throw invalid }
            return .decimal(value)
        case .choice(let options):
            guard options.contains(text) else { throw invalid }
            return .choice(text)
        case .list(let options):
            let items = text.split(separator: ",").map { String($0).trimmingSpaces }
            guard !items.isEmpty, items.allSatisfy(options.contains), Set(items).count == items.count else {
                throw invalid
            }
            return .list(items)
        case .numbers:
            let items = text.split(separator: ",").map { String($0).trimmingSpaces }
            guard !items.isEmpty, items.allSatisfy({ Double($0).map { $0 > 0 && $0.isFinite } ?? false }) else {
                throw invalid
            }
            return .list(items)
        }
    }
}

/// A parsed parameter value.
public enum ParameterValue: Sendable, Hashable, CustomStringConvertible {
    case integer(Int)
    case decimal(Double)
    case choice(String)
    case list([String])

    public var description: String {
        switch self {
        case .integer(let value): String(value)
        case .decimal(let value): String(value)
        case .choice(let value): value
        case .list(let items): items.joined(separator: ",")
        }
    }
}

/// The full, validated parameter set of one strategy instance: every parameter has a value.
public struct ParameterValues: Sendable, Hashable {
    public let values: [String: ParameterValue]
    /// Parameter names in their declared order, for display.
    public let order: [String]

    public func integer(_ name: String) -> Int {
        guard case .integer(let value) = values[name] else {
            preconditionFailure("Invariant: \(name) is an integer parameter")
        }
        return value
    }

    public func decimal(_ name: String) -> Double {
        guard case .decimal(let value) = values[name] else {
            preconditionFailure("Invariant: \(name) is a decimal parameter")
        }
        return value
    }

    public func choice(_ name: String) -> String {
        guard case .choice(let value) = values[name] else {
            preconditionFailure("Invariant: \(name) is a choice parameter")
        }
        return value
    }

    public func list(_ name: String) -> [String] {
        guard case .list(let items) = values[name] else {
            preconditionFailure("Invariant: \(name) is a list parameter")
        }
        return items
    }

    /// `fast=12, slow=26`.
    public var summary: String {
        order.compactMap { name in values[name].map { "\(name)=\($0)" } }.joined(separator: ", ")
    }
}

/// Why a strategy could not be built from a name and parameters.
public enum StrategyParameterError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownStrategy(String, available: [String])
    case unknownParameter(strategy: String, parameter: String, known: [String])
    case invalidValue(strategy: String, parameter: String, value: String, expected: String)
    case malformed(String)
    case constraint(strategy: String, message: String)

    public var description: String {
        switch self {
        case .unknownStrategy(let name, let available):
            "unknown strategy '\(name)'; available: \(available.joined(separator: ", "))"
        case .unknownParameter(let strategy, let parameter, let known):
            "strategy \(strategy): unknown parameter '\(parameter)'; known: \(known.joined(separator: ", "))"
        case .invalidValue(let strategy, let parameter, let value, let expected):
            "strategy \(strategy): parameter '\(parameter)': expected \(expected), got '\(value)'"
        case .malformed(let text):
            "malformed parameter '\(text)': expected key=value"
        case .constraint(let strategy, let message):
            "strategy \(strategy): \(message)"
        }
    }
}
