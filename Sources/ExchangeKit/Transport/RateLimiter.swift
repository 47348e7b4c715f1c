import Synchronization

/// Keeps requests under an exchange's limit: a token bucket of `capacity` weight refilled over `window`,
/// plus pauses ordered by the exchange (a `Retry-After` after 429/418, or a used-weight header close to
/// the limit).
///
/// The budget sits in a `Mutex`: checking and spending never suspend, so a request under the limit goes out
/// without a hop to another executor; only a request that must wait sleeps, outside the lock, and checks
/// again.
public final class RateLimiter: Sendable {
    public let capacity: Double
    public let window: Duration

    private struct Budget {
        var tokens: Double
        var updated: ContinuousClock.Instant
        var pausedUntil: ContinuousClock.Instant?
    }

    private let budget: Mutex<Budget>
    private let clock = ContinuousClock()

    public init(capacity: Int, window: Duration) {
        self.capacity = Double(capacity)
        self.window = window
        budget = Mutex(Budget(tokens: Double(capacity), updated: ContinuousClock().now, pausedUntil: nil))
    }

    private var refillPerSecond: Double {
        let seconds = Double(window.components.seconds) + Double(window.components.attoseconds) / 1e18
        return capacity / max(seconds, 0.001)
    }

    /// Waits until `weight` may be spent, then spends it.
    public func acquire(_ weight: Int = 1) async throws {
        while true {
            let wait: Duration? = budget.withLock { state in
                let now = clock.now
                if let until = state.pausedUntil, until > now { return until - now }
                let elapsed = now - state.updated
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                state.tokens = min(capacity, state.tokens + seconds * refillPerSecond)
                state.updated = now
                if state.tokens >= Double(weight) {
                    state.tokens -= Double(weight)
                    return nil
                }
                return .milliseconds(Int((Double(weight) - state.tokens) / refillPerSecond * 1_000) + 1)
            }
            guard let wait else { return }
            try await Task.sleep(for: wait)
        }
    }

    /// Stops every request for `duration` (an exchange's `Retry-After`).
    public func pause(for duration: Duration) {
        let until = clock.now + duration
        budget.withLock { state in
            if state.pausedUntil.map({ $0 < until }) ?? true { state.pausedUntil = until }
        }
    }

    /// Records the weight an exchange says was used in the current window; near the limit, waits out the window.
    public func observeUsedWeight(_ used: Int, limit: Int) {
        if Double(used) >= Double(limit) * 0.9 { pause(for: window) }
    }
}
