/// Why text could not be used as an identifier.
public struct IdentifierError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of identifier, e.g. `"instrument ID"`.
    public let kind: String
    /// The rejected text.
    public let text: String
    /// What rule the text broke.
    public let reason: String

    public init(kind: String, text: String, reason: String) {
        self.kind = kind
        self.text = text
        self.reason = reason
    }

    public var description: String { "invalid \(kind) '\(text)': \(reason)" }

    /// Checks the rules every inline identifier shares and returns its storage.
    static func shortText(
        _ text: String,
        kind: String,
        maxLength: Int = ShortText.capacity
    ) throws(IdentifierError) -> ShortText {
        try validate(text, kind: kind, maxLength: min(maxLength, ShortText.capacity))
        guard let short = ShortText(exactly: text) else {
            throw IdentifierError(kind: kind, text: text, reason: "longer than \(ShortText.capacity) bytes")
        }
        return short
    }

    /// Checks the rules every identifier shares: 1 to `maxLength` printable ASCII characters, no spaces.
    static func validate(_ text: String, kind: String, maxLength: Int = 64) throws(IdentifierError) {
        guard !text.isEmpty else { throw IdentifierError(kind: kind, text: text, reason: "empty") }
        guard text.utf8.count <= maxLength else {
            throw IdentifierError(kind: kind, text: text, reason: "longer than \(maxLength) characters")
        }
        for byte in text.utf8 where byte <= 0x20 || byte >= 0x7F {
            throw IdentifierError(kind: kind, text: text, reason: "only printable ASCII without spaces is allowed")
        }
    }
}
