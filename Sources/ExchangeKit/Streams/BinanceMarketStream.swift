import Foundation
import TradingCore

/// Binance's public streams for one market: trades, candles and a local order book kept by
/// ``BinanceBookSync`` from the `@depth@100ms` diffs and a REST snapshot. Every (re)connection rebuilds the
/// book from a fresh snapshot; a gap in the diffs does too, and says so with ``MarketStreamEvent/resynced(_:)``.
public struct BinanceMarketStream: Sendable {
    /// `ws://…` or `wss://…` with scheme and host: Binance's stream hosts, or `omega sim` and mirrors.
    public let webSocketBase: String
    public let adapter: BinanceAdapter
    public let market: VenueMarket

    public init(webSocketBase: String, adapter: BinanceAdapter, market: VenueMarket) {
        self.webSocketBase = webSocketBase.hasSuffix("/") ? String(webSocketBase.dropLast()) : webSocketBase
        self.adapter = adapter
        self.market = market
    }

    /// The stream host of a REST base URL: Binance's own hosts map to their stream hosts; any other URL
    /// (`omega sim`, a mirror) serves streams itself, on `ws://` for `http://`.
    public static func webSocketBase(forREST rest: String, futures: Bool) -> String {
        switch rest {
        case "https://api.binance.com": return "wss://stream.binance.com:9443"
        case "https://fapi.binance.com": return "wss://fstream.binance.com"
        case "https://testnet.binance.vision": return "wss://stream.testnet.binance.vision"
        case "https://testnet.binancefuture.com": return "wss://fstream.binancefuture.com"
        default:
            let host = rest.replacingOccurrences(of: "https://", with: "wss://").replacingOccurrences(
                of: "http://",
                with: "ws://"
            )
            return futures ? host + "/fapi" : host
        }
    }

    func url(_ stream: String) -> String { "\(webSocketBase)/ws/\(market.venueSymbol.lowercased())@\(stream)" }

    /// Trades (`@trade` on spot, `@aggTrade` on USD-M).
    public func trades(_ deliver: @escaping @Sendable (MarketStreamEvent) async -> Void) async throws {
        let symbol = market.symbol
        try await ReconnectingWebSocket(url: url(market.kind == .spot ? "trade" : "aggTrade")).run(
            connected: { await deliver(.connected("trades \(symbol)")) },
            message: { text in
                let fields = try JSONFields(try JSONBody.object(Array(text.utf8)), "trade")
                guard let price = try fields.price("p"), let amount = try fields.quantity("q") else { return }
                await deliver(
                    .trade(
                        PublicTrade(
                            id: fields.string("t") ?? fields.string("a") ?? "",
                            symbol: symbol,
                            price: price,
                            amount: amount,
                            side: fields.bool("m") == true ? .sell : .buy,
                            timestamp: fields.int64("T") ?? fields.int64("E") ?? 0
                        )
                    )
                )
            },
            disconnected: { await deliver(.disconnected($0)) }
        )
    }

    /// The best bid and ask as they change (`@bookTicker`).
    public func quotes(_ deliver: @escaping @Sendable (MarketStreamEvent) async -> Void) async throws {
        let symbol = market.symbol
        try await ReconnectingWebSocket(url: url("bookTicker")).run(
            connected: { await deliver(.connected("quotes \(symbol)")) },
            message: { text in
                let fields = try JSONFields(try JSONBody.object(Array(text.utf8)), "bookTicker")
                guard let bid = try fields.price("b"), let bidSize = try fields.quantity("B"),
                    let ask = try fields.price("a"),
                    let askSize = try fields.quantity("A")
                else { throw ResponseFormatError("bookTicker: b, B, a or A missing") }
                let quote = BestBidAsk(
                    symbol: symbol,
                    bid: bid,
                    bidSize: bidSize,
                    ask: ask,
                    askSize: askSize,
                    updateID: fields.string("u").flatMap { UInt64($0) },
                    timestamp: fields.int64("T") ?? fields.int64("E")
                )
                await deliver(.quote(quote))
            },
            disconnected: { await deliver(.disconnected($0)) }
        )
    }

    /// Candles as they form (`@kline_<interval>`).
    public func candles(interval: String, _ deliver: @escaping @Sendable (MarketStreamEvent) async -> Void) async throws
    {
        let symbol = market.symbol
        try await ReconnectingWebSocket(url: url("kline_\(interval)")).run(
            connected: { await deliver(.connected("candles \(symbol) \(interval)")) },
            message: { text in
                let root = try JSONFields(try JSONBody.object(Array(text.utf8)), "kline")
                let k = try JSONFields(root.object["k"], "kline.k")
                guard let time = k.int64("t"), let open = try k.price("o"), let high = try k.price("h"),
                    let low = try k.price("l"), let close = try k.price("c"), let volume = try k.quantity("v")
                else { throw ResponseFormatError("kline: a field is missing") }
                let candle = VenueCandle(time: time, open: open, high: high, low: low, close: close, volume: volume)
                await deliver(.candle(candle, closed: k.bool("x") ?? false))
            },
            disconnected: { await deliver(.disconnected($0)) }
        )
    }

    /// The local order book: each applied diff delivers the best `depth` levels a side.
    public func book(depth: Int, _ deliver: @escaping @Sendable (MarketStreamEvent) async -> Void) async throws {
        let state = BookState(product: .init(market.kind))
        let adapter = adapter
        let market = market
        try await ReconnectingWebSocket(url: url("depth@100ms")).run(
            connected: {
                await state.reset()
                await deliver(.connected("book \(market.symbol)"))
                // The stream is open, and its frames queue until this returns: now the snapshot, as the
                // published procedure orders it. The first frame after it must straddle its update ID.
                try await Self.snapshot(state, adapter, market, depth, reason: "connected", deliver)
            },
            message: { text in
                var diff = DepthDiff(firstUpdateID: 0, finalUpdateID: 0, bids: [], asks: [])
                try BinanceDepthDecoder().decode(Array(text.utf8), into: &diff)
                switch await state.receive(diff) {
                case .applied:
                    if let book = await state.top(depth, market.symbol) { await deliver(.book(book)) }
                case .buffered, .dropped:
                    break
                case .needsSnapshot(let reason), .resync(let reason):
                    try await Self.snapshot(state, adapter, market, depth, reason: reason, deliver)
                }
            },
            disconnected: { await deliver(.disconnected($0)) }
        )
    }

    static func snapshot(
        _ state: BookState,
        _ adapter: BinanceAdapter,
        _ market: VenueMarket,
        _ depth: Int,
        reason: String,
        _ deliver: @escaping @Sendable (MarketStreamEvent) async -> Void
    ) async throws {
        let rest = try await adapter.book(market, limit: 1_000)
        let snapshot = DepthSnapshot(lastUpdateID: rest.nonce ?? 0, bids: rest.bids, asks: rest.asks)
        switch await state.start(snapshot) {
        case .applied:
            await deliver(
                .resynced("book \(market.symbol) from the snapshot at update \(snapshot.lastUpdateID) (\(reason))")
            )
            if let book = await state.top(depth, market.symbol) { await deliver(.book(book)) }
        default:
            // The snapshot is older than the buffered stream: wait a moment and take another.
            try await Task.sleep(for: .milliseconds(200))
            try await Self.snapshot(state, adapter, market, depth, reason: reason, deliver)
        }
    }
}

/// The book of one stream, shared by its message handler and the snapshot fetch.
actor BookState {
    var sync: BinanceBookSync

    init(product: BinanceREST.Product) { sync = BinanceBookSync(product: product) }

    func reset() { sync.reset() }
    func receive(_ diff: DepthDiff) -> BinanceBookSync.Outcome { sync.receive(diff) }
    func start(_ snapshot: DepthSnapshot) -> BinanceBookSync.Outcome { sync.start(from: snapshot) }

    func top(_ depth: Int, _ symbol: String) -> VenueBook? {
        guard sync.isSynced else { return nil }
        return VenueBook(
            symbol: symbol,
            bids: Array(sync.book.bids.prefix(depth)),
            asks: Array(sync.book.asks.prefix(depth)),
            timestamp: sync.book.exchangeTime.milliseconds,
            nonce: sync.lastUpdateID
        )
    }
}
