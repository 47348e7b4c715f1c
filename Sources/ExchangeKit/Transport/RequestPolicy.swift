/// How hard a client tries: attempts on server errors, timeouts and unreadable bodies, the backoff between
/// them, and how many rate-limit waits (429/418) it accepts before giving up.
public struct RequestPolicy: Sendable {
    public var timeout: Duration
    public var maximumAttempts: Int
    public var initialBackoff: Duration
    public var maximumBackoff: Duration
    public var maximumRateLimitWaits: Int
    /// The wait for a 429 or 418 without a `Retry-After` header.
    public var defaultRateLimitWait: Duration

    public init(
        timeout: Duration = .seconds(10),
        maximumAttempts: Int = 6,
        initialBackoff: Duration = .milliseconds(500),
        maximumBackoff: Duration = .seconds(30),
        maximumRateLimitWaits: Int = 20,
        defaultRateLimitWait: Duration = .seconds(10)
    ) {
        self.timeout = timeout
        self.maximumAttempts = maximumAttempts
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.maximumRateLimitWaits = maximumRateLimitWaits
        self.defaultRateLimitWait = defaultRateLimitWait
    }

    /// The wait before attempt `attempt + 1` (doubling, capped).
    public func backoff(after attempt: Int) -> Duration {
        var wait = initialBackoff
        for _ in 1..<max(1, attempt) where wait < maximumBackoff { wait = wait * 2 }
        return min(wait, maximumBackoff)
    }
}

/// A request that failed for good.
public struct ExchangeRequestError: Error, Sendable, CustomStringConvertible {
    public let url: String
    public let message: String

    public init(url: String, message: String) {
        self.url = url
        self.message = message
    }

    public var description: String { "\(message) (GET \(url))" }
}
