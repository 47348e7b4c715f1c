/// A JSON object written in insertion order with no spaces, as the venues' signatures cover the exact bytes
/// sent (`{"symbol":"BTCUSDT","qty":"0.01"}`). Numbers and prices go as strings, as every venue's v5/v2
/// API takes them; booleans as `true`/`false`.
public struct JSONText: Sendable, Hashable {
    private var members: [String] = []

    public init() {}

    public mutating func append(_ name: String, _ value: String) {
        members.append("\(Self.quoted(name)):\(Self.quoted(value))")
    }

    public mutating func append(_ name: String, _ value: String?) {
        if let value { append(name, value) }
    }

    public mutating func append(_ name: String, _ value: Bool) {
        members.append("\(Self.quoted(name)):\(value ? "true" : "false")")
    }

    public var isEmpty: Bool { members.isEmpty }

    /// `{…}`.
    public var object: String { "{" + members.joined(separator: ",") + "}" }

    /// `[{…}]`: one object in an array (OKX's batch endpoints).
    public var arrayOfOne: String { "[" + object + "]" }

    /// `text` as a JSON string literal.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
