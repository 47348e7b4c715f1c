/// A parsed indicator spec, `name:arg:arg` (for example `ema:12`, `macd:12:26:9`, `obv`): an indicator
/// from ``IndicatorCatalog`` with its arguments. Missing trailing arguments take their defaults.
public struct IndicatorSpec: Sendable, Hashable, CustomStringConvertible {
    /// The spec as written, which names its output columns.
    public let text: String
    public let kind: IndicatorKind
    /// One value per parameter of ``kind``, defaults filled in.
    public let arguments: [Double]

    /// Parses and validates a spec.
    /// - Throws: ``IndicatorSpecError`` naming the spec and what is wrong with it.
    public init(parsing text: String) throws(IndicatorSpecError) {
        let trimmed = text.trimmingWhitespace
        let parts = trimmed.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard let name = parts.first, !name.isEmpty else {
            throw IndicatorSpecError(spec: text, reason: "empty indicator name; valid names: \(IndicatorCatalog.names)")
        }
        guard let kind = IndicatorCatalog.kind(named: name.lowercased()) else {
            throw IndicatorSpecError(
                spec: text,
                reason: "unknown indicator '\(name)'; valid names: \(IndicatorCatalog.names)"
            )
        }
        let given = Array(parts.dropFirst())
        guard given.count <= kind.parameters.count else {
            let expected = kind.parameters.isEmpty ? "no arguments" : "at most \(kind.parameters.count) (\(kind.usage))"
            throw IndicatorSpecError(spec: text, reason: "\(kind.name) takes \(expected), got \(given.count)")
        }
        var arguments: [Double] = []
        for (index, parameter) in kind.parameters.enumerated() {
            guard index < given.count else {
                arguments.append(parameter.defaultValue)
                continue
            }
            let field = given[index]
            guard let value = Double(field), value.isFinite else {
                throw IndicatorSpecError(
                    spec: text,
                    reason: "\(parameter.name) must be a number, got '\(field)' (\(kind.usage))"
                )
            }
            if parameter.isInteger && value.rounded() != value {
                throw IndicatorSpecError(spec: text, reason: "\(parameter.name) must be a whole number, got '\(field)'")
            }
            guard parameter.range.contains(value) else {
                throw IndicatorSpecError(
                    spec: text,
                    reason:
                        "\(parameter.name) must be in \(Self.format(parameter.range.lowerBound))…\(Self.format(parameter.range.upperBound)), got \(field)"
                )
            }
            arguments.append(value)
        }
        if let problem = kind.validate(arguments) { throw IndicatorSpecError(spec: text, reason: problem) }
        self.text = trimmed
        self.kind = kind
        self.arguments = arguments
    }

    public var description: String { text }

    /// The CSV column names: the spec itself for one output, `spec.output` for several.
    public var columns: [String] {
        kind.outputs.count == 1 ? [text] : kind.outputs.map { "\(text).\($0)" }
    }

    /// A fresh indicator for this spec.
    public func makeIndicator() -> any CandleIndicator { kind.make(arguments) }

    private static func format(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

/// A spec that does not parse or does not validate.
public struct IndicatorSpecError: Error, Sendable, Hashable, CustomStringConvertible {
    public let spec: String
    public let reason: String

    public var description: String { "indicator '\(spec)': \(reason)" }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
