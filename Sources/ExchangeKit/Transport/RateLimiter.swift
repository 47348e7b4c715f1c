/// Keeps requests under an exchange's limit: a token bucket of `capacity` weight refilled over `window`,
/// plus pauses ordered by the exchange (a `Retry-After` after 429/418, or a used-weight header close to
/// the limit).
public actor RateLimiter {
    public let capacity: Double
    public let window: Duration
    private var tokens: Double
    private var updated: ContinuousClock.Instant
    private var pausedUntil: ContinuousClock.Instant?
    private let clock = ContinuousClock()

    public init(capacity: Int, window: Duration) {
        self.capacity = Double(capacity)
        self.window = window
        tokens = Double(capacity)
        updated = ContinuousClock().now
    }

    private var refillPerSecond: Double {
        let seconds = Double(window.components.seconds) + Double(window.components.attoseconds) / 1e18
        return capacity / max(seconds, 0.001)
    }

    /// Waits until `weight` may be spent, then spends it.
    public func acquire(_ weight: Int = 1) async throws {
        while true {
            let now = clock.now
            if let until = pausedUntil, until > now {
                try await Task.sleep(until: until, clock: clock)
                continue
            }
            let elapsed = now - updated
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            tokens = min(capacity, tokens + seconds * refillPerSecond)
            updated = now
            if tokens >= Double(weight) {
                tokens -= Double(weight)
                return
            }
            let missing = (Double(weight) - tokens) / refillPerSecond
            try await Task.sleep(for: .milliseconds(Int(missing * 1_000) + 1))
        }
    }

    /// Stops every request for `duration` (an exchange's `Retry-After`).
    public func pause(for duration: Duration) {
        let until = clock.now + duration
        if pausedUntil.map({ $0 < until }) ?? true { pausedUntil = until }
    }

    /// Records the weight an exchange says was used in the current window; near the limit, waits out the window.
    public func observeUsedWeight(_ used: Int, limit: Int) {
        if Double(used) >= Double(limit) * 0.9 { pause(for: window) }
    }
}
