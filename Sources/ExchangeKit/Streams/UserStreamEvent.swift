/// What a private (user data) stream delivers: the account's orders, fills, balances and positions, and the
/// connection's own state.
public enum UserStreamEvent: Sendable, Hashable {
    case order(VenueOrderReport)
    case fill(VenueTrade)
    case balance([VenueBalance.Entry])
    case position(VenuePosition)
    case connected(String)
    /// The stream dropped; it reconnects with backoff.
    case disconnected(String)
    /// After a (re)connection: the open orders as the venue's REST API has them, so nothing missed while
    /// the stream was down goes unseen.
    case resynced([VenueOrderReport])

    /// Unified JSON for `--json` output: `{"event": "order", …}`.
    public var unified: UnifiedValue {
        func tagged(_ name: String, _ value: UnifiedValue) -> UnifiedValue {
            .object([.init("event", .string(name)), .init("data", value)])
        }
        switch self {
        case .order(let order): return tagged("order", order.unified)
        case .fill(let trade): return tagged("fill", trade.unified)
        case .balance(let entries): return tagged("balance", VenueBalance(entries: entries).unified)
        case .position(let position): return tagged("position", position.unified)
        case .connected(let detail): return tagged("connected", .string(detail))
        case .disconnected(let detail): return tagged("disconnected", .string(detail))
        case .resynced(let orders): return tagged("resynced", .array(orders.map(\.unified)))
        }
    }
}
