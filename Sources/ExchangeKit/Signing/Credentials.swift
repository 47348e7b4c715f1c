/// What a venue needs to sign requests for one account.
///
/// Binance accepts an HMAC secret or an Ed25519 or RSA private key (PEM, PKCS #8) registered with the key;
/// OKX and Bitget add a passphrase. ``description`` names which parts are present, never their values.
public struct Credentials: Sendable, Hashable, CustomStringConvertible {
    /// The API key, sent in a header. Not a secret on its own, but kept out of logs all the same.
    public let apiKey: Secret
    /// How requests are signed.
    public let key: SigningKey
    /// The passphrase chosen when the key was created (OKX, Bitget).
    public let passphrase: Secret?

    public init(apiKey: String, key: SigningKey, passphrase: String? = nil) {
        self.apiKey = Secret(apiKey)
        self.key = key
        self.passphrase = passphrase.map(Secret.init)
    }

    /// An HMAC key pair: the common case on every venue.
    public init(apiKey: String, secret: String, passphrase: String? = nil) {
        self.init(apiKey: apiKey, key: .hmac(Secret(secret)), passphrase: passphrase)
    }

    public var description: String {
        "credentials (api key <redacted>, \(key), passphrase \(passphrase == nil ? "none" : "<redacted>"))"
    }
}

/// The key a request is signed with.
public enum SigningKey: Sendable, Hashable, CustomStringConvertible {
    /// An HMAC-SHA256 secret.
    case hmac(Secret)
    /// An Ed25519 private key in PEM (`-----BEGIN PRIVATE KEY-----`, PKCS #8), Binance only.
    case ed25519(pem: Secret)
    /// An RSA private key in PEM (PKCS #8 or PKCS #1), Binance only; signed with RSASSA-PKCS1-v1_5 SHA-256.
    case rsa(pem: Secret)

    public var description: String {
        switch self {
        case .hmac: "HMAC secret <redacted>"
        case .ed25519: "Ed25519 key <redacted>"
        case .rsa: "RSA key <redacted>"
        }
    }
}
