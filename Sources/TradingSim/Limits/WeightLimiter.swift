import Synchronization
public import TradingCore

/// Counts each client's request weight per wall-clock minute, per market, as Binance does per IP, and
/// answers past the limit the way Binance does: HTTP 429 with `Retry-After` (the seconds left in the
/// minute), and for a client that keeps sending after its 429s, HTTP 418: a ban that doubles with each
/// repeat, from 2 minutes up to 3 days.
public final class WeightLimiter: Sendable {
    /// The outcome for one request.
    public enum Verdict: Sendable, Hashable {
        /// Served; the weight used this minute, including this request.
        case allowed(used: Int)
        /// HTTP 429: over the limit; retry after this many seconds.
        case limited(used: Int, retryAfter: Int)
        /// HTTP 418: banned until this wall time (Unix milliseconds).
        case banned(until: Int64)
    }

    /// 429s a client may ignore in one minute before it is banned.
    public static let toleratedRejections = 10

    private struct Client {
        var minute: Int64 = -1
        var used = 0
        var rejections = 0
        var bannedUntil: Int64 = 0
        var bans = 0
    }

    private struct Key: Hashable {
        let client: String
        let kind: SimMarketKind
    }

    private let clients = Mutex<[Key: Client]>([:])
    private let limits: [SimMarketKind: Int]

    /// `limits` per market; Binance's published ones by default.
    public init(limits: [SimMarketKind: Int] = [.spot: RequestWeight.limit(.spot), .usdm: RequestWeight.limit(.usdm)]) {
        self.limits = limits
    }

    /// Charges `weight` to `client` on `kind`'s market at wall time `now`.
    public func charge(client: String, kind: SimMarketKind, weight: Int, at now: Timestamp) -> Verdict {
        let milliseconds = now.milliseconds
        let minute = milliseconds / 60_000
        let limit = limits[kind] ?? Int.max
        return clients.withLock { clients in
            var state = clients[Key(client: client, kind: kind)] ?? Client()
            defer { clients[Key(client: client, kind: kind)] = state }
            if state.bannedUntil > milliseconds { return .banned(until: state.bannedUntil) }
            if state.minute != minute {
                state.minute = minute
                state.used = 0
                state.rejections = 0
            }
            let retryAfter = Int((minute + 1) * 60_000 - milliseconds + 999) / 1_000
            if state.used + weight > limit {
                state.rejections += 1
                if state.rejections > Self.toleratedRejections {
                    // 2 minutes, doubling with each ban, at most 3 days.
                    let duration = min(Int64(3 * 86_400_000), Int64(120_000) << Int64(min(state.bans, 20)))
                    state.bans += 1
                    state.bannedUntil = milliseconds + duration
                    return .banned(until: state.bannedUntil)
                }
                return .limited(used: state.used, retryAfter: retryAfter)
            }
            state.used += weight
            return .allowed(used: state.used)
        }
    }
}
