import Foundation
import Synchronization

/// Sends one venue's REST requests: under its rate governor, signed with the server-time offset, and
/// classified into the four outcomes (``VenueFailure``).
///
/// - A rate limit pauses every request of the session for the venue's `Retry-After` (a minute without one
///   on a Binance 418 ban, a second otherwise) and tries again, up to ``maximumRateLimitWaits`` times.
/// - A clock error resyncs the offset from the venue's server time once, then fails.
/// - A transport failure before the request could have left is retried with backoff; after, the outcome
///   is unknown and the caller settles it by querying the client order ID.
/// - Binance's `X-MBX-USED-WEIGHT-1M` header slows the session down near the limit.
public final class VenueSession: Sendable {
    public let exchange: ExchangeName
    public let baseURL: String
    public let authentication: RequestAuthentication?
    let transport: any HTTPTransport
    let limiter: RateLimiter
    let timeout: Duration
    let clockOffset = ClockOffset()
    let wallClock: @Sendable () -> Int64
    let sent = SentRequests()
    public let maximumRateLimitWaits = 3

    /// - Parameters:
    ///   - wallClock: epoch milliseconds now; injected so tests drive time.
    public init(
        exchange: ExchangeName,
        baseURL: String,
        transport: any HTTPTransport,
        authentication: RequestAuthentication?,
        limiter: RateLimiter,
        timeout: Duration = .seconds(10),
        wallClock: @escaping @Sendable () -> Int64 = VenueSession.systemMilliseconds
    ) {
        self.exchange = exchange
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.transport = transport
        self.authentication = authentication
        self.limiter = limiter
        self.timeout = timeout
        self.wallClock = wallClock
    }

    /// The system clock in epoch milliseconds: the default wall clock.
    public static let systemMilliseconds: @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1_000) }

    /// The venue's time as this session estimates it (epoch ms).
    public func venueTime() -> Int64 { wallClock() + clockOffset.milliseconds }

    /// The requests sent so far, as sent (secret headers redacted when printed).
    public func sentRequests() -> [VenueRequest] { sent.all }

    /// The credentials, or an authentication failure saying the command needs keys.
    public func requireAuthentication() throws -> RequestAuthentication {
        guard let authentication else {
            throw VenueFailure.authentication(
                .credentials,
                code: "",
                message:
                    "no API key for \(exchange): set \(exchange.environmentPrefix)API_KEY and \(exchange.environmentPrefix)API_SECRET"
            )
        }
        return authentication
    }

    /// Sends the request `build` makes for a timestamp (the venue's time), and returns the successful reply.
    /// - Throws: ``VenueFailure``, or ``TransportError`` when the venue could not be reached at all.
    public func send(weight: Int = 1, _ build: (Int64) throws -> VenueRequest) async throws -> HTTPResponse {
        var rateLimitWaits = 0
        var clockResynced = false
        var connectAttempts = 0
        while true {
            try await limiter.acquire(weight)
            let request = try build(venueTime())
            sent.append(request)
            let response: HTTPResponse
            do {
                response = try await transport.send(request, baseURL: baseURL, timeout: timeout)
            } catch let failure as TransportError {
                if failure.mayHaveBeenSent && request.method != .get {
                    throw VenueFailure.unknownOutcome("\(request.method.rawValue) \(request.path): \(failure)")
                }
                connectAttempts += 1
                guard failure.retryable, connectAttempts < 3 else { throw failure }
                try await Task.sleep(for: .milliseconds(250 << connectAttempts))
                continue
            }
            if exchange == .binance, let used = response.headers["x-mbx-used-weight-1m"].flatMap(Int.init) {
                limiter.observeUsedWeight(used, limit: Int(limiter.capacity))
            }
            let headers = response.headers.map { (name: $0.key, value: $0.value) }
            guard
                let failure = VenueErrorClassifier.classify(
                    exchange,
                    status: response.status,
                    headers: headers,
                    body: response.body
                )
            else { return response }
            switch failure {
            case .rateLimited(let after, let banned, _) where rateLimitWaits < maximumRateLimitWaits:
                rateLimitWaits += 1
                limiter.pause(for: after ?? (banned ? .seconds(60) : .seconds(1)))
            case .authentication(.clock, _, _) where !clockResynced:
                clockResynced = true
                try await syncClock()
            default:
                throw failure
            }
        }
    }

    /// Measures the offset between the venue's clock and ours from its server-time endpoint (the midpoint
    /// of the round trip).
    public func syncClock() async throws {
        let request: VenueRequest
        switch exchange {
        case .binance: request = BinanceREST().serverTime(.spot)
        case .bybit: request = BybitREST().serverTime()
        case .okx: request = OKXREST().serverTime()
        case .bitget: request = BitgetREST().serverTime()
        }
        let before = wallClock()
        let response = try await transport.send(request, baseURL: baseURL, timeout: timeout)
        let after = wallClock()
        guard let server = ServerTime.milliseconds(exchange, response.body) else {
            throw ResponseFormatError("\(exchange) server time: unreadable reply")
        }
        clockOffset.set(server - (before + after) / 2)
    }
}

/// The venue's clock minus ours, in milliseconds.
final class ClockOffset: Sendable {
    private let value = Mutex<Int64>(0)
    var milliseconds: Int64 { value.withLock { $0 } }
    func set(_ milliseconds: Int64) { value.withLock { $0 = milliseconds } }
}

/// The requests a session sent, kept for `--verbose` output and tests (the last 1 000).
final class SentRequests: Sendable {
    private let requests = Mutex<[VenueRequest]>([])
    var all: [VenueRequest] { requests.withLock { $0 } }
    func append(_ request: VenueRequest) {
        requests.withLock { all in
            if all.count >= 1_000 { all.removeFirst(all.count - 999) }
            all.append(request)
        }
    }
}

/// Each venue's server-time reply.
enum ServerTime {
    static func milliseconds(_ exchange: ExchangeName, _ body: [UInt8]) -> Int64? {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else { return nil }
        switch exchange {
        case .binance: return JSONFields(object, "time").int64("serverTime")
        case .bybit:
            let result = JSONFields(object["result"] as? [String: Any] ?? [:], "time")
            return result.int64("timeNano").map { $0 / 1_000_000 } ?? result.int64("timeSecond").map { $0 * 1_000 }
        case .okx: return ((object["data"] as? [[String: Any]])?.first).flatMap { JSONFields($0, "time").int64("ts") }
        case .bitget: return (object["data"] as? [String: Any]).flatMap { JSONFields($0, "time").int64("serverTime") }
        }
    }
}
