import Synchronization
public import TradingCore

/// Counts each account's new orders per market in Binance's windows, aligned to the wall clock: spot 100
/// per 10 seconds and 200,000 per day (`X-MBX-ORDER-COUNT-10S`, `X-MBX-ORDER-COUNT-1D`), USD-M 300 per 10
/// seconds and 1,200 per minute (`X-MBX-ORDER-COUNT-10S`, `X-MBX-ORDER-COUNT-1M`). Past a limit a new order
/// is refused with HTTP 429 and -1015, and is not counted.
public final class OrderCountLimiter: Sendable {
    /// One window: its length in milliseconds, the limit, Binance's header and interval name.
    public struct Window: Sendable, Hashable {
        public let milliseconds: Int64
        public let limit: Int
        public let header: String
        public let name: String
    }

    public static func windows(_ kind: SimMarketKind) -> [Window] {
        switch kind {
        case .spot:
            [
                Window(milliseconds: 10_000, limit: 100, header: "X-MBX-ORDER-COUNT-10S", name: "10 SECOND"),
                Window(milliseconds: 86_400_000, limit: 200_000, header: "X-MBX-ORDER-COUNT-1D", name: "1 DAY"),
            ]
        case .usdm:
            [
                Window(milliseconds: 10_000, limit: 300, header: "X-MBX-ORDER-COUNT-10S", name: "10 SECOND"),
                Window(milliseconds: 60_000, limit: 1_200, header: "X-MBX-ORDER-COUNT-1M", name: "1 MINUTE"),
            ]
        }
    }

    private struct Key: Hashable {
        let account: String
        let kind: SimMarketKind
    }

    /// Per account and market: per window, the window's start and the count in it.
    private let counts = Mutex<[Key: [(start: Int64, count: Int)]]>([:])

    public init() {}

    /// Counts a new order of `account` at wall time `now`.
    /// - Returns: the headers with the counts, or the error when a window is full.
    public func charge(
        account: String,
        kind: SimMarketKind,
        at now: Timestamp
    )
        -> Result<[(name: String, value: String)], BinanceError>
    {
        let windows = Self.windows(kind)
        let milliseconds = now.milliseconds
        return counts.withLock { counts in
            var state = counts[Key(account: account, kind: kind)] ?? windows.map { _ in (start: -1, count: 0) }
            for (index, window) in windows.enumerated() {
                let start = milliseconds - milliseconds % window.milliseconds
                if state[index].start != start { state[index] = (start, 0) }
                if state[index].count >= window.limit {
                    counts[Key(account: account, kind: kind)] = state
                    return .failure(
                        BinanceError(
                            status: 429,
                            code: -1015,
                            message: "Too many new orders; current limit is \(window.limit) orders per \(window.name)."
                        )
                    )
                }
            }
            var headers: [(name: String, value: String)] = []
            for index in windows.indices {
                state[index].count += 1
                headers.append((windows[index].header, String(state[index].count)))
            }
            counts[Key(account: account, kind: kind)] = state
            return .success(headers)
        }
    }
}
