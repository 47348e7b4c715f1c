import ExchangeKit
import Foundation
import Testing
import TradingTestSupport

/// Every case of `../shared/vectors/signing_vectors.json`: the documented examples (Binance HMAC, Ed25519
/// and RSA; Bybit, OKX and Bitget HMAC, REST and WebSocket login) and the requests captured from ccxt,
/// python-binance and pybit, whose signatures are recomputed from the prehash each venue defines.
@Suite("Signing vectors", .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason)))
struct SigningVectorTests {
    static let vectors = VectorCase.all("signing_vectors.json", "vectors")

    @Test("the file has every venue's vectors")
    func coverage() {
        let venues = Set(Self.vectors.compactMap { $0["exchange"] as? String })
        #expect(venues == ["binance", "bybit", "okx", "bitget"])
        #expect(Self.vectors.count >= 26)
    }

    @Test("each vector signs to its expected value", arguments: vectors)
    func signs(_ vector: VectorCase) throws {
        let key: SigningKey
        if let pem = vector["private_key_pem_pkcs8"] as? String {
            key = (vector["id"] as? String ?? "").contains("rsa") ? .rsa(pem: Secret(pem)) : .ed25519(pem: Secret(pem))
        } else {
            key = .hmac(Secret(try vector.string("secret")))
        }
        let signer = try Signer(key)
        let (message, expected) = try Self.messageAndSignature(vector)
        let isHex = expected.count == 64 && expected.allSatisfy(\.isHexDigit)
        // Hex is case-insensitive (Binance); base64 is exact.
        let signature = isHex ? try signer.hex(of: message) : try signer.base64(of: message)
        #expect(isHex ? signature == expected.lowercased() : signature == expected)
        if let encoded = vector["expected_url_encoded"] as? String {
            #expect(FormEncoding.escape(signature) == encoded)
        }
        if let sent = vector["sent_body"] as? String {
            #expect(sent == message + "&signature=" + FormEncoding.escape(signature))
        }
    }

    /// The prehash and the expected signature of a vector: its `message` where it gives one, otherwise
    /// rebuilt from the captured request as the venue defines it.
    static func messageAndSignature(_ vector: VectorCase) throws -> (String, String) {
        let expected = try vector.string("expected")
        if let message = vector["message"] as? String { return (message, expected) }
        let headers = vector["headers"] as? [String: String] ?? [:]
        let body = vector["body"] as? String ?? ""
        let method = try vector.string("http_method")
        let target: String
        if let url = vector["url"] as? String, let parsed = URLComponents(string: url) {
            target = parsed.percentEncodedPath + (parsed.percentEncodedQuery.map { "?\($0)" } ?? "")
        } else {
            let query = vector["query"] as? String ?? ""
            target = try vector.string("path") + (query.isEmpty ? "" : "?\(query)")
        }
        switch try vector.string("exchange") {
        case "bybit":
            let query = target.split(separator: "?", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
            let message = Prehash.bybit(
                timestamp: Int64(headers["X-BAPI-TIMESTAMP"] ?? "") ?? 0,
                apiKey: try vector.string("api_key"),
                recvWindow: Int(headers["X-BAPI-RECV-WINDOW"] ?? "") ?? 0,
                payload: method == "GET" ? query : body
            )
            return (message, headers["X-BAPI-SIGN"] ?? expected)
        case "okx":
            let message = Prehash.okx(
                timestamp: headers["OK-ACCESS-TIMESTAMP"] ?? "",
                method: method,
                target: target,
                body: body
            )
            return (message, headers["OK-ACCESS-SIGN"] ?? expected)
        case "bitget":
            let message = Prehash.bitget(
                timestamp: Int64(headers["ACCESS-TIMESTAMP"] ?? "") ?? 0,
                method: method,
                target: target,
                body: body
            )
            return (message, headers["ACCESS-SIGN"] ?? expected)
        default:
            throw VectorError("\(vector.testDescription): no message and no rule to rebuild one")
        }
    }

    @Test("OKX's ISO timestamp of epoch milliseconds")
    func isoTimestamps() {
        #expect(Prehash.isoTimestamp(milliseconds: 1_700_000_000_000) == "2023-11-14T22:13:20.000Z")
        #expect(Prehash.isoTimestamp(milliseconds: 1_607_418_537_715) == "2020-12-08T09:08:57.715Z")
        #expect(Prehash.isoTimestamp(milliseconds: 0) == "1970-01-01T00:00:00.000Z")
        #expect(Prehash.isoTimestamp(milliseconds: 951_782_400_000) == "2000-02-29T00:00:00.000Z")
    }

    @Test("a secret never shows in descriptions, reflection or errors")
    func secretsStayHidden() throws {
        let credentials = Credentials(apiKey: "key-visible-nowhere", secret: "s3cr3t-value", passphrase: "pass-phrase")
        for text in [
            "\(credentials)", String(reflecting: credentials), "\(credentials.key)", "\(Secret("s3cr3t-value"))",
            String(reflecting: Secret("s3cr3t-value")),
            "\(Mirror(reflecting: Secret("s3cr3t-value")).children.map { $0 })",
        ] {
            #expect(!text.contains("s3cr3t"))
            #expect(!text.contains("key-visible"))
            #expect(!text.contains("pass-phrase"))
        }
        #expect(throws: SigningError.self) { try Signer(.ed25519(pem: Secret("not a pem s3cr3t"))) }
        do { _ = try Signer(.ed25519(pem: Secret("not a pem s3cr3t"))) } catch {
            #expect(!"\(error)".contains("s3cr3t"))
        }
    }
}
