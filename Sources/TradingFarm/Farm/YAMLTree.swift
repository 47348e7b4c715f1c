import Foundation
import TradingCore
import Yams

/// A composed YAML document as plain values (`String`, `Int`, `Double`, `Bool`, `NSNull`, `[Any]`,
/// `[String: Any]`), read without Yams' constructors, which trap on some documents (a mapping key that is
/// not text, a sexagesimal integer that overflows).
///
/// Plain scalars are read as YAML 1.2's core schema reads them: `true`/`false`, `null`/`~`/empty, decimal
/// integers that fit in `Int`, and finite decimal numbers; everything else, and every quoted scalar, is text.
/// Mapping keys must be text; `<<` merges a mapping (or a list of them) into the one it is in.
enum YAMLTree {
    static func value(_ node: Node, at path: String, source: String) throws(FarmError) -> Any {
        switch node {
        case .scalar(let scalar):
            return scalarValue(scalar)
        case .sequence(let sequence):
            var items: [Any] = []
            for (index, item) in sequence.enumerated() {
                items.append(try value(item, at: "\(path)[\(index)]", source: source))
            }
            return items
        case .mapping(let mapping):
            var result: [String: Any] = [:]
            var merged: [String: Any] = [:]
            for (key, item) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw FarmError("\(source): \(path.isEmpty ? "the document" : path): a mapping key must be text")
                }
                let name = keyScalar.string
                let inner = path.isEmpty ? name : "\(path).\(name)"
                if name == "<<" && keyScalar.style == .plain {
                    let bases: [Node]
                    switch item {
                    case .mapping: bases = [item]
                    case .sequence(let list): bases = Array(list)
                    default: throw FarmError("\(source): \(inner): merges a mapping or a list of mappings")
                    }
                    for base in bases {
                        guard case .mapping = base,
                            let values = try value(base, at: inner, source: source) as? [String: Any]
                        else { throw FarmError("\(source): \(inner): merges a mapping or a list of mappings") }
                        merged.merge(values) { first, _ in first }
                    }
                    continue
                }
                result[name] = try value(item, at: inner, source: source)
            }
            return result.merging(merged) { own, _ in own }
        case .alias:
            throw FarmError("\(source): \(path): an alias the document does not define")
        }
    }

    static func scalarValue(_ scalar: Node.Scalar) -> Any {
        let text = scalar.string
        guard scalar.style == .plain || scalar.style == .any else { return text }
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        case "", "~", "null", "Null", "NULL": return NSNull()
        default: break
        }
        let bytes = Array(text.utf8)
        let digits = bytes.drop { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }
        guard bytes.count - digits.count <= 1, !digits.isEmpty else { return text }
        if digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return Int(text) ?? text
        }
        let numeric = digits.allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e")
                || $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+")
        }
        if numeric, let number = Double(text), number.isFinite { return number }
        return text
    }
}
