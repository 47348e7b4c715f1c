import Crypto
import _CryptoExtras

/// Signs a venue's prehash string with a ``SigningKey``.
///
/// | venue | prehash | key | output |
/// | --- | --- | --- | --- |
/// | Binance | query string + body, no separator | HMAC / Ed25519 / RSA | hex (HMAC) or base64 |
/// | Bybit v5 | timestamp + api key + recv window + (query or body) | HMAC | hex |
/// | OKX v5 | ISO timestamp + METHOD + path(?query) + body | HMAC | base64 |
/// | Bitget v2 | ms timestamp + METHOD + path(?query) + body | HMAC | base64 |
///
/// A signer is built once per account: the PEM is parsed and the HMAC key set up here, so a bad key is
/// an error when the adapter starts, not on the first order.
public struct Signer: Sendable {
    private enum Prepared {
        case hmac(SymmetricKey)
        case ed25519(Curve25519.Signing.PrivateKey)
        case rsa(_RSA.Signing.PrivateKey)
    }

    /// The prepared key. swift-crypto's key types are immutable values without a `Sendable` conformance on
    /// Linux; nothing here mutates them after `init`, and signing only reads them, so sharing is safe.
    private final class Box: @unchecked Sendable {
        let prepared: Prepared
        init(_ prepared: Prepared) { self.prepared = prepared }
    }

    private let box: Box
    private var prepared: Prepared { box.prepared }

    /// - Throws: ``SigningError`` when a PEM key does not parse (the message never quotes the key).
    public init(_ key: SigningKey) throws(SigningError) {
        switch key {
        case .hmac(let secret):
            box = Box(.hmac(SymmetricKey(data: Array(secret.revealed.utf8))))
        case .ed25519(let pem):
            // PKCS #8 for Ed25519 (RFC 8410) is 48 bytes: a fixed 16-byte header, then the 32-byte seed.
            let header: [UInt8] = [
                0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
            ]
            guard let der = PEM.decode(pem.revealed, label: "PRIVATE KEY"), der.count == 48,
                Array(der.prefix(16)) == header,
                let parsed = try? Curve25519.Signing.PrivateKey(rawRepresentation: der.suffix(32))
            else {
                throw SigningError("the Ed25519 private key is not a PKCS #8 PEM (-----BEGIN PRIVATE KEY-----)")
            }
            box = Box(.ed25519(parsed))
        case .rsa(let pem):
            do {
                box = Box(.rsa(try _RSA.Signing.PrivateKey(pemRepresentation: pem.revealed)))
            } catch {
                throw SigningError("the RSA private key is not a PEM private key of at least 2048 bits")
            }
        }
    }

    /// Whether the key is an HMAC secret (Binance then sends hex; other keys are sent as base64).
    public var isHMAC: Bool {
        if case .hmac = prepared { return true }
        return false
    }

    /// The raw signature of `message`'s UTF-8 bytes.
    /// - Throws: ``SigningError`` if the crypto library fails (never for HMAC).
    public func signature(of message: String) throws(SigningError) -> [UInt8] {
        let bytes = Array(message.utf8)
        switch prepared {
        case .hmac(let key):
            return Array(HMAC<SHA256>.authenticationCode(for: bytes, using: key))
        case .ed25519(let key):
            // Ed25519 (RFC 8032, pure) is deterministic on Linux (BoringSSL), so a message always signs the same.
            do { return Array(try key.signature(for: bytes)) } catch {
                throw SigningError("Ed25519 signing failed: \(error)")
            }
        case .rsa(let key):
            do { return Array(try key.signature(for: bytes, padding: .insecurePKCS1v1_5).rawRepresentation) } catch {
                throw SigningError("RSA signing failed: \(error)")
            }
        }
    }

    /// The signature as lower-case hex.
    public func hex(of message: String) throws(SigningError) -> String { Hex.encode(try signature(of: message)) }

    /// The signature as standard base64 (with `+`, `/` and `=` padding).
    public func base64(of message: String) throws(SigningError) -> String {
        Base64.encode(try signature(of: message))
    }
}

/// A key that cannot be used to sign.
public struct SigningError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
