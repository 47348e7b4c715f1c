/// Credentials with their signer prepared, and the receive window a venue allows for clock skew.
public struct RequestAuthentication: Sendable {
    public let credentials: Credentials
    public let signer: Signer

    /// - Throws: ``SigningError`` when the key does not parse.
    public init(_ credentials: Credentials) throws(SigningError) {
        self.credentials = credentials
        self.signer = try Signer(credentials.key)
    }

    var apiKey: String { credentials.apiKey.revealed }
    var passphrase: String { credentials.passphrase?.revealed ?? "" }
}
