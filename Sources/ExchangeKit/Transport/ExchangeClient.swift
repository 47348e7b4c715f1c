import Foundation

/// GETs JSON from one exchange under its rate limit, retrying what can be retried:
/// - 429 and 418: waits the `Retry-After` the exchange asks for (or a default), then tries again;
/// - 5xx, timeouts, refused or dropped connections and bodies that do not parse (a truncated response):
///   backs off and tries again, up to the policy's attempts;
/// - a name that does not resolve, a failed TLS handshake or a malformed URL (``TransportError`` not
///   retryable): fails at once;
/// - other 4xx: fails at once with the exchange's message (a wrong symbol will not fix itself).
public struct ExchangeClient: Sendable {
    public let transport: any HTTPTransport
    public let limiter: RateLimiter
    public let policy: RequestPolicy
    /// The header holding the weight used so far in the current window, and the window's limit (Binance).
    public let usedWeightHeader: (name: String, limit: Int)?

    public init(
        transport: any HTTPTransport,
        limiter: RateLimiter,
        policy: RequestPolicy,
        usedWeightHeader: (name: String, limit: Int)? = nil
    ) {
        self.transport = transport
        self.limiter = limiter
        self.policy = policy
        self.usedWeightHeader = usedWeightHeader
    }

    /// Counts of what happened, for reports and tests.
    public struct Counters: Sendable {
        public var requests = 0
        public var rateLimited = 0
        public var retried = 0

        public init() {}
    }

    /// GETs `url` and parses the body with `parse`, which throws on a body it cannot read.
    public func get<Value>(
        _ url: String,
        weight: Int = 1,
        counters: inout Counters,
        parse: ([UInt8]) throws -> Value
    ) async throws -> Value {
        var attempt = 0
        var rateLimitWaits = 0
        var lastProblem = ""
        while true {
            try Task.checkCancellation()
            try await limiter.acquire(weight)
            counters.requests += 1
            let response: HTTPResponse
            do {
                response = try await transport.get(url, headers: [:], timeout: policy.timeout)
            } catch let failure as TransportError where !failure.retryable {
                throw ExchangeRequestError(url: url, message: "\(failure) (not retried: trying again cannot fix it)")
            } catch {
                attempt += 1
                lastProblem = "request failed: \(error)"
                guard attempt < policy.maximumAttempts else { break }
                counters.retried += 1
                try await Task.sleep(for: policy.backoff(after: attempt))
                continue
            }
            if let header = usedWeightHeader, let used = response.headers[header.name.lowercased()].flatMap(Int.init) {
                limiter.observeUsedWeight(used, limit: header.limit)
            }
            switch response.status {
            case 200:
                do {
                    return try parse(response.body)
                } catch {
                    attempt += 1
                    lastProblem = "unreadable response: \(error)"
                    guard attempt < policy.maximumAttempts else { break }
                    counters.retried += 1
                    try await Task.sleep(for: policy.backoff(after: attempt))
                    continue
                }
            case 429, 418:
                rateLimitWaits += 1
                counters.rateLimited += 1
                lastProblem = "rate limited (HTTP \(response.status))"
                guard rateLimitWaits <= policy.maximumRateLimitWaits else { break }
                let wait =
                    response.headers["retry-after"].flatMap(Int.init).map { Duration.seconds($0) }
                    ?? policy.defaultRateLimitWait
                limiter.pause(for: wait)
                continue
            case 500...599:
                attempt += 1
                lastProblem = "server error HTTP \(response.status)"
                guard attempt < policy.maximumAttempts else { break }
                counters.retried += 1
                try await Task.sleep(for: policy.backoff(after: attempt))
                continue
            default:
                let text = String(decoding: response.body.prefix(500), as: UTF8.self)
                throw ExchangeRequestError(url: url, message: "HTTP \(response.status): \(text)")
            }
            break
        }
        throw ExchangeRequestError(
            url: url,
            message: "gave up after \(attempt) attempts and \(rateLimitWaits) rate-limit waits: \(lastProblem)"
        )
    }
}

/// A body that is not the JSON an endpoint returns.
public struct ResponseFormatError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// JSON parsing helpers for exchange bodies.
enum JSONBody {
    static func object(_ body: [UInt8]) throws -> Any {
        do {
            return try JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
        } catch {
            throw ResponseFormatError(
                "not JSON (\(body.count) bytes): \(String(decoding: body.prefix(120), as: UTF8.self))"
            )
        }
    }

    /// A JSON value as decimal text: strings as they are, numbers through their shortest form.
    static func decimal(_ value: Any) -> String? {
        if let text = value as? String { return text }
        if let number = value as? NSNumber { return number.stringValue }
        return nil
    }

    /// Rows of `[openTime, open, high, low, close, volume, …]`, times as numbers or text.
    static func klines(_ rows: [Any]) throws -> [Kline] {
        try rows.map { row in
            guard let fields = row as? [Any], fields.count >= 6, let time = integer(fields[0]),
                let open = decimal(fields[1]),
                let high = decimal(fields[2]), let low = decimal(fields[3]), let close = decimal(fields[4]),
                let volume = decimal(fields[5])
            else { throw ResponseFormatError("unreadable kline row: \(row)") }
            return Kline(openTime: time, open: open, high: high, low: low, close: close, volume: volume)
        }
    }

    static func integer(_ value: Any) -> Int64? {
        if let text = value as? String { return Int64(text) }
        if let number = value as? NSNumber { return number.int64Value }
        return nil
    }
}
