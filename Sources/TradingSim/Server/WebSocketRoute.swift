public import TradingCore

/// Where a WebSocket upgrade request goes, read from its path as Binance's hosts and the clients'
/// rewritten URLs spell it:
///
/// | path | connection |
/// | --- | --- |
/// | `/ws`, `/ws/<stream>[/<stream>…]`, `/ws/<listenKey>` | raw: payloads as they are |
/// | `/stream?streams=<a>/<b>` | combined: `{"stream": name, "data": payload}` |
/// | `/stream/ws/…` | raw (ccxt's spot URL, which must contain `/stream`) |
/// | `…?listenKey=<key>` | raw, the key's user data |
/// | `/ws-api/v3` | the spot WebSocket API (user data by signature, as ccxt 4.5 subscribes) |
///
/// A `/fapi` prefix selects USD-M (spot otherwise), and the category segments of USD-M's newer hosts
/// (`/public`, `/market`, `/private`) are accepted and ignored. A trailing number (`/ws/0`, ccxt's stream
/// index) opens a connection without streams, which `SUBSCRIBE` then fills.
public struct WebSocketRoute: Sendable, Hashable {
    public let kind: SimMarketKind
    public let combined: Bool
    public let streams: [String]
    public let listenKey: String?
    /// The WebSocket API (`/ws-api/v3`).
    public var isAPI = false

    /// The route of `target` (path and query), or `nil` when it is not a stream path.
    public init?(_ target: String, listenKeys: ListenKeys, wall: Timestamp) {
        let pieces = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var path = Substring(pieces[0])
        let query = pieces.count > 1 ? (try? QueryParameters(raw: String(pieces[1]))) : nil
        var kind = SimMarketKind.spot
        if path.hasPrefix("/fapi/") {
            kind = .usdm
            path = path.dropFirst("/fapi".count)
        }
        for category in ["/public/", "/market/", "/private/"] where path.hasPrefix(category) {
            path = path.dropFirst(category.count - 1)
        }
        if path == "/ws-api/v3" && kind == .spot {
            self.kind = .spot
            combined = false
            streams = []
            listenKey = nil
            isAPI = true
            return
        }
        var combined = false
        var streams: [String] = []
        var listenKey: String?
        if let key = query?.optional("listenKey") {
            guard let entry = listenKeys.lookup(key, wall: wall), entry.kind == kind else { return nil }
            listenKey = key
        }
        if path == "/stream" || path == "/stream/" {
            combined = true
            for name in (query?.optional("streams") ?? "").split(separator: "/") {
                let name = String(name)
                if let entry = listenKeys.lookup(name, wall: wall), entry.kind == kind {
                    listenKey = name
                } else {
                    guard StreamName(name, kind: kind) != nil else { return nil }
                    streams.append(name)
                }
            }
        } else {
            if path.hasPrefix("/stream/ws") { path = path.dropFirst("/stream".count) }
            guard path == "/ws" || path.hasPrefix("/ws/") else { return nil }
            for part in path.dropFirst("/ws".count).split(separator: "/") {
                let name = String(part)
                if name.allSatisfy(\.isNumber) { continue }
                if let entry = listenKeys.lookup(name, wall: wall) {
                    guard entry.kind == kind else { return nil }
                    listenKey = name
                } else {
                    guard StreamName(name, kind: kind) != nil else { return nil }
                    streams.append(name)
                }
            }
        }
        self.kind = kind
        self.combined = combined
        self.streams = streams
        self.listenKey = listenKey
    }
}
