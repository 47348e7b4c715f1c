/// One HTTP request to a venue, exactly as it goes on the wire: the adapter builds it, signs it and shows it
/// (``description``) with the secret-bearing headers redacted.
public struct VenueRequest: Sendable, Hashable, CustomStringConvertible {
    public enum Method: String, Sendable, Hashable {
        case get = "GET"
        case post = "POST"
        case put = "PUT"
        case delete = "DELETE"
    }

    public var method: Method
    /// The path from the base URL, starting with `/`.
    public var path: String
    /// The encoded query string without `?` (empty when there is none).
    public var query: String
    /// The encoded body (form or JSON), empty when there is none.
    public var body: String
    /// Headers in the order they are sent.
    public var headers: [(name: String, value: String)]
    /// The request weight the venue charges, for the rate governor.
    public var weight: Int

    public init(
        method: Method,
        path: String,
        query: String = "",
        body: String = "",
        headers: [(name: String, value: String)] = [],
        weight: Int = 1
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.headers = headers
        self.weight = weight
    }

    /// The path with its query string.
    public var target: String { query.isEmpty ? path : "\(path)?\(query)" }

    /// The value of the header `name` (case-insensitive), if sent.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Headers that carry a credential: shown as `<redacted>` by ``description``.
    static let credentialHeaders: Set<String> = [
        "x-mbx-apikey", "x-bapi-api-key", "ok-access-key", "ok-access-passphrase", "access-key",
        "access-passphrase",
    ]

    public var description: String {
        var text = "\(method.rawValue) \(target)"
        for (name, value) in headers {
            let shown = Self.credentialHeaders.contains(name.lowercased()) ? "<redacted>" : value
            text += "\n\(name): \(shown)"
        }
        if !body.isEmpty { text += "\n\n\(body)" }
        return text
    }

    public static func == (lhs: VenueRequest, rhs: VenueRequest) -> Bool {
        lhs.method == rhs.method && lhs.path == rhs.path && lhs.query == rhs.query && lhs.body == rhs.body
            && lhs.headers.map { "\($0.name)\u{0}\($0.value)" } == rhs.headers.map { "\($0.name)\u{0}\($0.value)" }
            && lhs.weight == rhs.weight
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(method)
        hasher.combine(path)
        hasher.combine(query)
        hasher.combine(body)
    }
}
