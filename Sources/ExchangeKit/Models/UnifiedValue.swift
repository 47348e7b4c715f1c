/// A value of the unified JSON Omega prints for venue data (`--json`): the field names and shapes ccxt
/// and freqtrade users know (`id`, `clientOrderId`, `timestamp`, `datetime`, `free`/`used`/`total`, …).
/// Decimals stay exact text; they never pass through `Double`.
public indirect enum UnifiedValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int64)
    /// Exact decimal text, `"0.015771"`.
    case decimal(String)
    case string(String)
    case array([UnifiedValue])
    case object([Member])

    public struct Member: Sendable, Hashable {
        public let name: String
        public let value: UnifiedValue

        public init(_ name: String, _ value: UnifiedValue) {
            self.name = name
            self.value = value
        }
    }

    /// The member `name` of an object, or `nil`.
    public subscript(_ name: String) -> UnifiedValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.name == name }?.value
    }

    /// Compact JSON text, members in order.
    public var json: String {
        switch self {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .integer(let value): String(value)
        case .decimal(let text): text
        case .string(let text): JSONText.quoted(text)
        case .array(let values): "[" + values.map(\.json).joined(separator: ",") + "]"
        case .object(let members):
            "{" + members.map { JSONText.quoted($0.name) + ":" + $0.value.json }.joined(separator: ",") + "}"
        }
    }
}

extension UnifiedValue {
    static func of(_ value: (some CustomStringConvertible)?) -> UnifiedValue {
        value.map { .decimal($0.description) } ?? .null
    }
    static func of(_ value: String?) -> UnifiedValue { value.map(UnifiedValue.string) ?? .null }
    static func of(_ value: Bool?) -> UnifiedValue { value.map(UnifiedValue.bool) ?? .null }
    static func of(milliseconds value: Int64?) -> UnifiedValue { value.map(UnifiedValue.integer) ?? .null }
    static func datetime(_ milliseconds: Int64?) -> UnifiedValue {
        milliseconds.map { .string(Prehash.isoTimestamp(milliseconds: $0)) } ?? .null
    }
}
