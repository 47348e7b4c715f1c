import Crypto
public import TradingCore

/// Checks a SIGNED request as Binance does, and says which account sent it:
/// - the `X-MBX-APIKEY` header names a known key (-2014 when missing or malformed, -2015 when unknown);
/// - `signature` is the hex HMAC-SHA256, under the account's secret, of the raw query string followed by
///   the raw body with no separator, the `signature` parameter itself left out; it is compared
///   case-insensitively (-1022 when it does not match, -1102 when missing);
/// - `timestamp` (milliseconds, or microseconds when it has 16 digits) lies within `recvWindow` (default
///   5,000 ms, at most 60,000) before the server's wall time and at most 1,000 ms after it (-1021).
public struct RequestAuthenticator: Sendable {
    public let accounts: [SimAccount]
    /// Per API key, its account and an HMAC already keyed with its secret (copied for each request, so the
    /// key schedule is not worked out again every time).
    private let keyed: [String: (account: SimAccount, mac: KeyedMAC)]

    /// An HMAC keyed once. `HMAC` is a value whose hash state is copied on write, so each request's copy
    /// is its own and the shared original is only read: safe to share across threads.
    struct KeyedMAC: @unchecked Sendable {
        let mac: HMAC<SHA256>
    }

    public init(accounts: [SimAccount]) {
        self.accounts = accounts
        var keyed: [String: (account: SimAccount, mac: KeyedMAC)] = [:]
        for account in accounts where keyed[account.apiKey] == nil {
            let mac = HMAC<SHA256>(key: SymmetricKey(data: Array(account.secret.utf8)))
            keyed[account.apiKey] = (account, KeyedMAC(mac: mac))
        }
        self.keyed = keyed
    }

    /// The account that signed the request.
    public func verify(
        apiKey: String?,
        rawQuery: String,
        rawBody: String,
        wall: Timestamp
    ) throws(BinanceError) -> SimAccount {
        try verified(apiKey: apiKey, rawQuery: rawQuery, rawBody: rawBody, wall: wall).account
    }

    /// The account that signed the request, and the request's parameters (query and body), read once.
    public func verified(
        apiKey: String?,
        rawQuery: String,
        rawBody: String,
        wall: Timestamp
    ) throws(BinanceError) -> (account: SimAccount, parameters: QueryParameters) {
        guard let apiKey, !apiKey.isEmpty, apiKey.utf8.count <= 128 else {
            throw BinanceError(status: 401, code: -2014, message: "API-key format invalid.")
        }
        guard let (account, keyedMAC) = keyed[apiKey] else {
            throw BinanceError(status: 401, code: -2015, message: "Invalid API-key, IP, or permissions for action.")
        }
        let (query, querySignature) = Self.removingSignature(rawQuery)
        let (body, bodySignature) = Self.removingSignature(rawBody)
        guard let signature = querySignature ?? bodySignature, !signature.isEmpty else {
            throw .mandatory("signature")
        }
        var mac = keyedMAC.mac
        for part in [query, body] where !part.isEmpty {
            var part = part
            part.withUTF8 { bytes in mac.update(data: UnsafeRawBufferPointer(bytes)) }
        }
        guard Self.matches(hex: signature, mac.finalize()) else {
            throw BinanceError(code: -1022, message: "Signature for this request is not valid.")
        }
        let parameters = try QueryParameters(raw: rawQuery + (rawQuery.isEmpty || rawBody.isEmpty ? "" : "&") + rawBody)
        guard let timestampText = parameters.optional("timestamp") else { throw .mandatory("timestamp") }
        guard timestampText.utf8.count <= 20, timestampText.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let raw = Int64(timestampText)
        else { throw .notANumber("timestamp") }
        // 16 digits: microseconds (Binance accepts both).
        let timestamp = timestampText.count >= 16 ? raw / 1_000 : raw
        let window = try parameters.integer("recvWindow", in: 0...60_000) ?? 5_000
        let server = wall.milliseconds
        if timestamp > server + 1_000 {
            throw BinanceError(
                code: -1021,
                message: "Timestamp for this request was 1000ms ahead of the server's time."
            )
        }
        if server - timestamp > window {
            throw BinanceError(code: -1021, message: "Timestamp for this request is outside of the recvWindow.")
        }
        return (account, parameters)
    }

    /// Lower-case hex HMAC-SHA256 of `payload` under `secret`.
    public static func signature(of payload: String, secret: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(
            for: Array(payload.utf8),
            using: SymmetricKey(data: Array(secret.utf8))
        )
        let digits: [Character] = Array("0123456789abcdef")
        var text = ""
        text.reserveCapacity(64)
        for byte in code {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return text
    }

    /// Whether `hex` (either case) spells the bytes of `code`.
    static func matches(hex: Substring, _ code: HashedAuthenticationCode<SHA256>) -> Bool {
        var digits = hex.utf8.makeIterator()
        func nibble(_ byte: UInt8?) -> UInt8? {
            switch byte {
            case .some(let b) where b >= 0x30 && b <= 0x39: return b - 0x30
            case .some(let b) where b >= 0x61 && b <= 0x66: return b - 0x61 + 10
            case .some(let b) where b >= 0x41 && b <= 0x46: return b - 0x41 + 10
            default: return nil
            }
        }
        for byte in code {
            guard let high = nibble(digits.next()), let low = nibble(digits.next()), high << 4 | low == byte else {
                return false
            }
        }
        return digits.next() == nil
    }

    /// Whether a parameter of `text` starts with `prefix` (bytes), found in one pass.
    static func hasParameter(_ text: Substring, _ prefix: [UInt8]) -> Bool {
        var atStart = true
        var matched = 0
        for byte in text.utf8 {
            if atStart || matched > 0 {
                if byte == prefix[matched] {
                    matched += 1
                    if matched == prefix.count { return true }
                    atStart = false
                    continue
                }
                matched = 0
            }
            atStart = byte == 0x26
        }
        return false
    }

    /// `raw` without its `signature=…` parameter, and the signature's (still encoded) value.
    static func removingSignature(_ raw: String) -> (rest: Substring, signature: Substring?) {
        // The usual case: the signature is the last parameter, and no other one is called that.
        let prefix = Array("signature=".utf8)
        if let ampersand = raw.utf8.lastIndex(of: 0x26) {
            let head = raw[..<ampersand]
            let last = raw[raw.index(after: ampersand)...]
            if last.utf8.starts(with: prefix) && !Self.hasParameter(head, prefix) {
                return (head, last.dropFirst(prefix.count))
            }
        }
        guard Self.hasParameter(raw[...], prefix) else { return (raw[...], nil) }
        var kept: [Substring] = []
        var signature: Substring?
        for pair in raw.split(separator: "&", omittingEmptySubsequences: false) {
            if pair.hasPrefix("signature=") {
                signature = pair.dropFirst("signature=".count)
            } else {
                kept.append(pair)
            }
        }
        return (kept.joined(separator: "&")[...], signature)
    }
}
