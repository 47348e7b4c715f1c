import Foundation

/// Turns a venue's HTTP reply or a transport failure into a ``VenueFailure`` (or `nil` for success).
///
/// - HTTP 429 and Binance's 418 (IP ban) are rate limits; `Retry-After` (seconds) sets the wait.
/// - Any 5xx, and a reply that is not the venue's JSON, is an unknown outcome: the request may have taken
///   effect.
/// - Otherwise the venue's code decides, by ``VenueErrorTable``; a code not in the table is a rejection
///   for an invalid request (definite: the venue answered), except Binance's `-2010`, whose message says
///   whether it was funds, post-only or another rule.
public enum VenueErrorClassifier {
    public static func classify(
        _ exchange: ExchangeName,
        status: Int,
        headers: [(name: String, value: String)],
        body: [UInt8]
    ) -> VenueFailure? {
        let retryAfter = headers.first { $0.name.lowercased() == "retry-after" }.flatMap { Int($0.value) }.map {
            Duration.seconds($0)
        }
        // Binance answers every refusal with a 4xx or 5xx status: a 2xx reply is a success, read no further.
        if exchange == .binance && (200..<300).contains(status) { return nil }
        let text = String(decoding: body.prefix(300), as: UTF8.self)
        if status == 429 || (exchange == .binance && status == 418) {
            return .rateLimited(retryAfter: retryAfter, banned: status == 418, message: text)
        }
        if status >= 500 { return .unknownOutcome("HTTP \(status): \(text)") }
        let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
        guard let (code, message) = codeAndMessage(exchange, object) else {
            if (200..<300).contains(status) { return nil }
            return .unknownOutcome("HTTP \(status) without the venue's error body: \(text)")
        }
        if (200..<300).contains(status) && isSuccess(exchange, code) { return nil }
        return failure(exchange, code: code, message: message, retryAfter: retryAfter)
    }

    /// A failure for a venue code and message, by the table.
    public static func failure(
        _ exchange: ExchangeName,
        code: String,
        message: String,
        retryAfter: Duration? = nil
    )
        -> VenueFailure
    {
        if exchange == .binance && code == "-2010" {
            let lower = message.lowercased()
            if lower.contains("immediately match") {
                return .rejected(.postOnlyWouldTake, code: code, message: message)
            }
            if lower.contains("insufficient") { return .rejected(.insufficientFunds, code: code, message: message) }
            return .rejected(.invalidRequest, code: code, message: message)
        }
        switch VenueErrorTable.entries(exchange).first(where: { $0.code == code })?.outcome {
        case .rejected(let reason): return .rejected(reason, code: code, message: message)
        case .unknownOutcome: return .unknownOutcome("\(code) \(message)")
        case .rateLimited: return .rateLimited(retryAfter: retryAfter, banned: false, message: "\(code) \(message)")
        case .authentication(let problem): return .authentication(problem, code: code, message: message)
        case nil: return .rejected(.invalidRequest, code: code, message: message)
        }
    }

    /// A request that failed in transport: before it was sent it is safe to send again (`nil`: retry);
    /// after, its outcome is unknown.
    public static func transport(_ error: any Error, sent: Bool) -> VenueFailure? {
        sent ? .unknownOutcome("connection failed after the request was sent: \(error)") : nil
    }

    static func codeAndMessage(_ exchange: ExchangeName, _ object: [String: Any]?) -> (String, String)? {
        guard let object else { return nil }
        let fields = JSONFields(object, exchange.rawValue)
        switch exchange {
        case .binance:
            guard let code = fields.string("code") else { return nil }
            return (code, fields.string("msg") ?? "")
        case .bybit:
            guard let code = fields.string("retCode") else { return nil }
            return (code, fields.string("retMsg") ?? "")
        case .okx, .bitget:
            guard let code = fields.string("code") else { return nil }
            // OKX reports a failed order inside data[0] (`sCode`, `sMsg`) with code 1.
            if exchange == .okx, code != "0", let first = (object["data"] as? [[String: Any]])?.first,
                let inner = first["sCode"].map({ "\($0)" }), inner != "0"
            {
                return (inner, first["sMsg"] as? String ?? "")
            }
            return (code, fields.string("msg") ?? "")
        }
    }

    static func isSuccess(_ exchange: ExchangeName, _ code: String) -> Bool {
        switch exchange {
        case .binance: code == "200" || code == "0"
        case .bybit, .okx: code == "0"
        case .bitget: code == "00000"
        }
    }
}
