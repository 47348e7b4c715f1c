/// A Binance market stream name (`btcusdt@trade`, `ethusdt@kline_1m`, `solusdt@depth20@100ms`…), parsed.
public struct StreamName: Sendable, Hashable, CustomStringConvertible {
    public enum Channel: Sendable, Hashable {
        case trade
        case aggTrade
        case kline(KlineInterval)
        /// Diff depth: `@depth` (1000 ms on spot, 250 ms on USD-M) or `@depth@100ms` (and `@500ms`).
        case depth
        /// Partial book of the top 5, 10 or 20 levels.
        case partialDepth(Int)
        case bookTicker
        /// USD-M mark price (`@markPrice`, `@markPrice@1s`).
        case markPrice
    }

    public let symbol: SimSymbol
    public let channel: Channel
    /// The name as subscribed (lower-case symbol), which combined streams echo.
    public let text: String

    public var description: String { text }

    /// Parses `name` on `kind`'s market; `nil` when it is not a stream the sim serves.
    public init?(_ name: String, kind: SimMarketKind) {
        let parts = name.split(separator: "@", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, parts.count <= 3, let symbol = SimSymbol.find(parts[0].uppercased(), on: kind),
            parts[0] == parts[0].lowercased()
        else { return nil }
        let speed = parts.count == 3 ? parts[2] : nil
        let channel: Channel
        switch parts[1] {
        case "trade" where speed == nil: channel = .trade
        case "aggTrade" where speed == nil: channel = .aggTrade
        case "bookTicker" where speed == nil: channel = .bookTicker
        case "markPrice" where kind == .usdm && (speed == nil || speed == "1s"): channel = .markPrice
        case "depth" where speed == nil || speed == "100ms" || speed == "250ms" || speed == "500ms": channel = .depth
        case "depth5", "depth10", "depth20":
            guard speed == nil || speed == "100ms" || speed == "250ms" || speed == "500ms",
                let levels = Int(parts[1].dropFirst("depth".count))
            else { return nil }
            channel = .partialDepth(levels)
        default:
            guard parts[1].hasPrefix("kline_"), speed == nil,
                let interval = KlineInterval(rawValue: String(parts[1].dropFirst("kline_".count)))
            else { return nil }
            channel = .kline(interval)
        }
        self.symbol = symbol
        self.channel = channel
        text = name
    }
}
