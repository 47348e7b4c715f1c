import Foundation
import TradingCore

/// Reads the fields of one JSON object of a venue reply. Numbers may come as JSON numbers or strings;
/// an empty string reads as absent. A field that is present but not a number is an error naming it.
struct JSONFields {
    let object: [String: Any]
    let context: String

    init(_ object: [String: Any], _ context: String) {
        self.object = object
        self.context = context
    }

    init(_ value: Any?, _ context: String) throws {
        guard let object = value as? [String: Any] else {
            throw ResponseFormatError("\(context): expected a JSON object")
        }
        self.init(object, context)
    }

    func string(_ key: String) -> String? {
        if let text = object[key] as? String { return text.isEmpty ? nil : text }
        if let number = object[key] as? NSNumber { return number.stringValue }
        return nil
    }

    func decimalText(_ key: String) throws -> String? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        if let text = value as? String { return text.isEmpty ? nil : text }
        if let text = JSONBody.decimal(value) { return text }
        throw ResponseFormatError("\(context): \(key) is not a number")
    }

    func price(_ key: String) throws -> Price? {
        guard let text = try decimalText(key) else { return nil }
        do { return try Price(text) } catch { throw ResponseFormatError("\(context): \(key) \(text) is not a decimal") }
    }

    /// The price, or `nil` for zero (venues send `"0"` for "no price").
    func nonZeroPrice(_ key: String) throws -> Price? {
        guard let value = try price(key), value.raw != 0 else { return nil }
        return value
    }

    func quantity(_ key: String) throws -> Quantity? {
        guard let text = try decimalText(key) else { return nil }
        do { return try Quantity(text.hasPrefix("-") ? String(text.dropFirst()) : text) } catch {
            throw ResponseFormatError("\(context): \(key) \(text) is not a decimal")
        }
    }

    func int64(_ key: String) -> Int64? {
        if let number = object[key] as? NSNumber { return number.int64Value }
        if let text = object[key] as? String { return Int64(text) }
        return nil
    }

    func bool(_ key: String) -> Bool? { object[key] as? Bool }

    func require(_ key: String) throws -> String {
        guard let value = string(key) else { throw ResponseFormatError("\(context): \(key) missing") }
        return value
    }
}
