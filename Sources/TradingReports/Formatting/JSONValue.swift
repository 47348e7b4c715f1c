import TradingCore

/// A JSON document built in a fixed key order and written byte-for-byte deterministically.
public indirect enum JSONValue: Sendable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    /// A number as JSON text, written as is.
    case number(String)
    case bool(Bool)
    case null

    /// A `Double` as its shortest round-trip text; `null` for `nil`, NaN and infinities.
    public static func double(_ value: Double?) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        if value == 0 { return .number("0") }
        return .number(value.description)
    }

    public static func int(_ value: Int) -> JSONValue { .number(String(value)) }

    /// An exact fixed-point value (raw × 10⁻¹⁸) as decimal text.
    public static func exact(_ raw: Int128) -> JSONValue { .number(FixedPoint.format(raw)) }

    /// The document as text; pretty-printed with two-space indentation unless `compact`.
    public func serialized(compact: Bool = false) -> String {
        var output = ""
        write(into: &output, depth: 0, compact: compact)
        return output
    }

    private func write(into output: inout String, depth: Int, compact: Bool) {
        switch self {
        case .object(let members):
            if members.isEmpty {
                output += "{}"
                return
            }
            output += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { output += "," }
                newline(&output, depth + 1, compact)
                JSONValue.appendQuoted(member.0, to: &output)
                output += compact ? ":" : ": "
                member.1.write(into: &output, depth: depth + 1, compact: compact)
            }
            newline(&output, depth, compact)
            output += "}"
        case .array(let items):
            if items.isEmpty {
                output += "[]"
                return
            }
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                newline(&output, depth + 1, compact)
                item.write(into: &output, depth: depth + 1, compact: compact)
            }
            newline(&output, depth, compact)
            output += "]"
        case .string(let text): JSONValue.appendQuoted(text, to: &output)
        case .number(let text): output += text
        case .bool(let value): output += value ? "true" : "false"
        case .null: output += "null"
        }
    }

    private func newline(_ output: inout String, _ depth: Int, _ compact: Bool) {
        guard !compact else { return }
        output += "\n"
        output += String(repeating: "  ", count: depth)
    }

    /// Appends `text` as a JSON string literal: as it is when nothing in it needs escaping (the usual case,
    /// checked byte by byte), else through ``quoted(_:)``.
    static func appendQuoted(_ text: String, to output: inout String) {
        let plain = text.utf8.allSatisfy { $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        if plain {
            output += "\""
            output += text
            output += "\""
        } else {
            output += quoted(text)
        }
    }

    /// A JSON string literal with the required escapes.
    public static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
