import ExchangeKit
import Foundation
import Testing

/// Compares Omega's unified JSON with a response case's `expected_parsed_fields` (ccxt's unified output):
/// every expected key must be present with the same value; numbers are equal to within one part in 10⁹
/// (ccxt computes some in binary floating point, Omega in exact decimals).
enum UnifiedComparison {
    /// The differences, as `path: expected X, got Y`; empty when equal.
    static func differences(
        _ ours: UnifiedValue,
        _ expected: Any,
        path: String = "",
        allowedExtra: Set<String> = []
    )
        -> [String]
    {
        switch (ours, expected) {
        case (.null, is NSNull):
            return []
        case (_, let object as [String: Any]):
            var found: [String] = []
            for (key, value) in object.sorted(by: { $0.key < $1.key }) {
                guard let mine = ours[key] else {
                    found.append("\(path).\(key): missing")
                    continue
                }
                if value is NSNull, mine != .null, allowedExtra.contains(key) { continue }
                found += differences(mine, value, path: "\(path).\(key)", allowedExtra: allowedExtra)
            }
            return found
        case (.array(let mine), let array as [Any]):
            guard mine.count == array.count else {
                return ["\(path): \(array.count) items expected, got \(mine.count)"]
            }
            return zip(mine, array).enumerated().flatMap { index, pair in
                differences(pair.0, pair.1, path: "\(path)[\(index)]", allowedExtra: allowedExtra)
            }
        case (.bool(let mine), let number as NSNumber):
            return mine == number.boolValue ? [] : ["\(path): expected \(number.boolValue), got \(mine)"]
        case (.string(let mine), let text as String):
            return mine == text ? [] : ["\(path): expected \(text), got \(mine)"]
        case (.decimal(let text), let number as NSNumber), (.string(let text), let number as NSNumber):
            return close(Double(text), number.doubleValue) ? [] : ["\(path): expected \(number), got \(text)"]
        case (.integer(let value), let number as NSNumber):
            return value == number.int64Value ? [] : ["\(path): expected \(number), got \(value)"]
        default:
            return ["\(path): expected \(expected), got \(ours.json)"]
        }
    }

    static func close(_ a: Double?, _ b: Double) -> Bool {
        guard let a else { return false }
        return a == b || abs(a - b) <= 1e-9 * max(abs(a), abs(b))
    }

    static func check(
        _ ours: UnifiedValue,
        against vector: VectorCase,
        allowedExtra: Set<String> = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let found = differences(ours, vector["expected_parsed_fields"] ?? NSNull(), allowedExtra: allowedExtra)
        #expect(found.isEmpty, "\(found.joined(separator: "; "))", sourceLocation: sourceLocation)
    }

    /// The raw response of a case as bytes, as the venue would send it.
    static func raw(_ vector: VectorCase) throws -> [UInt8] {
        Array(
            try JSONSerialization.data(withJSONObject: vector["raw_response"] ?? NSNull(), options: [.fragmentsAllowed])
        )
    }
}
