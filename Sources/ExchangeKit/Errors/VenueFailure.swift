/// What went wrong with a request, in the four outcomes the runtime acts on. Every venue error maps to one
/// (the table is in `docs/exchanges.md` and ``VenueErrorTable``).
public enum VenueFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// Definite: the venue refused the order or request; nothing happened. Do not retry unchanged.
    case rejected(RejectReason, code: String, message: String)
    /// The request may or may not have taken effect: a 5xx, a timeout after sending, or a connection lost
    /// mid-request. Settled by querying the client order ID, never by sending again.
    case unknownOutcome(String)
    /// Too many requests: wait `retryAfter` (from the venue's headers where it sends one). `banned` is
    /// Binance's 418: the IP is blocked until then.
    case rateLimited(retryAfter: Duration?, banned: Bool, message: String)
    /// A bad key, signature or passphrase, or a clock outside the receive window. The client resyncs its
    /// clock once for ``AuthenticationProblem/clock``, then fails loudly.
    case authentication(AuthenticationProblem, code: String, message: String)

    public var description: String {
        switch self {
        case .rejected(let reason, let code, let message): "rejected (\(reason.rawValue)): \(code) \(message)"
        case .unknownOutcome(let detail): "outcome unknown: \(detail)"
        case .rateLimited(let after, let banned, let message):
            (banned ? "IP banned" : "rate limited") + (after.map { ", retry after \($0)" } ?? "") + ": \(message)"
        case .authentication(let problem, let code, let message):
            "authentication (\(problem.rawValue)): \(code) \(message)"
        }
    }
}

/// Why a venue refused an order or request.
public enum RejectReason: String, Sendable, Hashable, CaseIterable {
    case insufficientFunds = "insufficient funds"
    /// Price, quantity or notional outside the market's filters (tick, step, minimum, price band).
    case filter
    case postOnlyWouldTake = "post-only would take"
    case reduceOnly = "reduce-only"
    case unknownSymbol = "unknown symbol"
    /// The order to cancel, amend or query does not exist (or is already closed).
    case unknownOrder = "unknown order"
    case invalidRequest = "invalid request"
}

/// Which credential check failed.
public enum AuthenticationProblem: String, Sendable, Hashable, CaseIterable {
    /// The API key is unknown, disabled, lacks the permission or is bound to other IPs.
    case credentials
    /// The signature or passphrase does not match.
    case signature
    /// The timestamp is outside the receive window: our clock is off from the venue's.
    case clock
}
