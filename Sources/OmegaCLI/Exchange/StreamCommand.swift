import ArgumentParser
import ExchangeKit
import Foundation
import TradingCore

/// `omega stream`: a venue's live streams, one line (or JSON object) per event.
struct StreamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stream",
        abstract: "Follow a market's trades, best bid and ask, candles or local order book, or your orders, live.",
        discussion: """
            Streams reconnect with backoff and jitter after a drop; the book is rebuilt from a REST snapshot on \
            every (re)connection and every gap, and says so. Stops on Ctrl-C, or after --count events.
            """,
        subcommands: [
            StreamTradesCommand.self, StreamQuotesCommand.self, StreamCandlesCommand.self, StreamBookCommand.self,
            StreamOrdersCommand.self,
        ]
    )
}

/// `--symbol` and `--count`, shared by the stream subcommands.
struct StreamOptions: ParsableArguments {
    @Option(help: "The market (BTC/USDT, BTC/USDT:USDT or BTCUSDT).") var symbol: String
    @Option(help: "Stop after this many market events (trades, candles or book updates).") var count: Int?

    func validate() throws {
        if let count, count < 1 { throw ValidationError("--count: \(count) is not a positive number") }
    }
}

/// Prints events until `count` market events have been printed or the task is cancelled.
final class EventPrinter: Sendable {
    let json: Bool
    let limit: Int?
    let printed = Counter()
    let render: @Sendable (MarketStreamEvent) -> String?

    init(json: Bool, limit: Int?, render: @escaping @Sendable (MarketStreamEvent) -> String?) {
        self.json = json
        self.limit = limit
        self.render = render
    }

    /// Prints one event; returns whether the stream should stop. Once `limit` market events are printed,
    /// nothing more is (events already on their way are dropped).
    func print(_ event: MarketStreamEvent) -> Bool {
        let isMarketEvent: Bool
        switch event {
        case .trade, .candle, .book, .quote: isMarketEvent = true
        case .connected, .disconnected, .resynced: isMarketEvent = false
        }
        var reached = false
        if let limit {
            if printed.value >= limit { return true }
            if isMarketEvent { reached = printed.increment() >= limit }
        }
        if json {
            Swift.print(event.unified.json)
        } else if let line = render(event) {
            Swift.print(line)
        } else {
            switch event {
            case .connected(let detail): Swift.print("# connected: \(detail)")
            case .disconnected(let detail): Swift.print("# disconnected: \(detail); reconnecting")
            case .resynced(let detail): Swift.print("# resynced: \(detail)")
            default: break
            }
        }
        fflush(nil)
        return reached
    }
}

/// A thread-safe counter.
final class Counter: @unchecked Sendable {
    // Guarded by `lock`.
    private var count = 0
    private let lock = NSLock()

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return count
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}

/// Runs `stream` until the printer says stop (or Ctrl-C ends the process).
func follow(
    _ printer: EventPrinter,
    _ stream: @escaping @Sendable (@escaping @Sendable (MarketStreamEvent) async -> Void) async throws -> Void
) async throws {
    let (done, finish) = AsyncStream.makeStream(of: Void.self)
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask {
            try await stream { event in
                if printer.print(event) { finish.yield() }
            }
        }
        group.addTask {
            for await _ in done { return }
        }
        try await group.next()
        group.cancelAll()
    }
}

/// The Binance stream of `--symbol` on a connection.
func binanceStream(_ connection: VenueConnection, _ symbol: String) async throws -> BinanceMarketStream {
    guard let adapter = connection.adapter as? BinanceAdapter else {
        throw ExchangeCommandError("\(connection.options.venue): streams are not wired yet (docs/exchanges.md)")
    }
    let market = try await connection.market(symbol)
    let rest = market.kind == .spot ? connection.options.baseURLs.spot : connection.options.baseURLs.futures
    let base = BinanceMarketStream.webSocketBase(forREST: rest, futures: market.kind != .spot)
    return BinanceMarketStream(webSocketBase: base, adapter: adapter, market: market)
}

struct StreamTradesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trades",
        abstract: "The market's trades as they print."
    )

    @OptionGroup var venue: VenueOptions
    @OptionGroup var stream: StreamOptions

    func run() async throws {
        try await runVenueCommand(venue, needsKeys: false) { connection in
            let live = try await binanceStream(connection, stream.symbol)
            let printer = EventPrinter(json: venue.json, limit: stream.count) { event in
                guard case .trade(let trade) = event else { return nil }
                return
                    "\(Timestamp(milliseconds: trade.timestamp))  \(trade.symbol)  \(trade.side) \(trade.amount) @ \(trade.price)"
            }
            try await follow(printer) { deliver in try await live.trades(deliver) }
        }
    }
}

struct StreamQuotesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quotes",
        abstract: "The best bid and ask as they change."
    )

    @OptionGroup var venue: VenueOptions
    @OptionGroup var stream: StreamOptions

    func run() async throws {
        try await runVenueCommand(venue, needsKeys: false) { connection in
            let live = try await binanceStream(connection, stream.symbol)
            let printer = EventPrinter(json: venue.json, limit: stream.count) { event in
                guard case .quote(let quote) = event else { return nil }
                return "\(quote.symbol)  bid \(quote.bidSize) @ \(quote.bid)  ask \(quote.ask) × \(quote.askSize)"
            }
            try await follow(printer) { deliver in try await live.quotes(deliver) }
        }
    }
}

struct StreamCandlesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "candles",
        abstract: "The market's candles as they form."
    )

    @OptionGroup var venue: VenueOptions
    @OptionGroup var stream: StreamOptions
    @Option(help: "The candle interval (1m, 5m, 15m, 1h, 4h, 1d).") var timeframe: String = "1m"

    func validate() throws {
        guard ExchangeCandlesCommand.intervals.contains(timeframe)
        else {
            throw ValidationError("--timeframe: '\(timeframe)' is not one of 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 1w")
        }
    }

    func run() async throws {
        try await runVenueCommand(venue, needsKeys: false) { connection in
            let live = try await binanceStream(connection, stream.symbol)
            let printer = EventPrinter(json: venue.json, limit: stream.count) { event in
                guard case .candle(let candle, let closed) = event else { return nil }
                return
                    "\(Timestamp(milliseconds: candle.time))  o \(candle.open) h \(candle.high) l \(candle.low) c \(candle.close)"
                    + "  v \(candle.volume)\(closed ? "  closed" : "")"
            }
            try await follow(printer) { deliver in try await live.candles(interval: timeframe, deliver) }
        }
    }
}

struct StreamBookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "book",
        abstract: "A local order book kept in sync from the diff stream, its top levels redrawn."
    )

    @OptionGroup var venue: VenueOptions
    @OptionGroup var stream: StreamOptions
    @Option(help: "Levels per side to show.") var depth: Int = 10

    func validate() throws {
        guard (1...100).contains(depth) else { throw ValidationError("--depth: \(depth) is not between 1 and 100") }
    }

    func run() async throws {
        let redraw = isatty(STDOUT_FILENO) == 1 && !venue.json
        try await runVenueCommand(venue, needsKeys: false) { connection in
            let live = try await binanceStream(connection, stream.symbol)
            let printer = EventPrinter(json: venue.json, limit: stream.count) { event in
                guard case .book(let book) = event else { return nil }
                var lines = [(redraw ? "\u{1B}[H\u{1B}[2J" : "") + "\(book.symbol) at update \(book.nonce ?? 0)"]
                for index in 0..<max(book.bids.count, book.asks.count) {
                    let bid = index < book.bids.count ? "\(book.bids[index].size) @ \(book.bids[index].price)" : ""
                    let ask = index < book.asks.count ? "\(book.asks[index].price) × \(book.asks[index].size)" : ""
                    lines.append("  \(bid.leftPadding(28)) | \(ask)")
                }
                return lines.joined(separator: "\n")
            }
            try await follow(printer) { deliver in try await live.book(depth: depth, deliver) }
        }
    }
}

struct StreamOrdersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orders",
        abstract: "Your orders, fills, balances and positions as the venue reports them. Needs keys."
    )

    @OptionGroup var venue: VenueOptions
    @OptionGroup var stream: StreamOptions

    func run() async throws {
        try await runVenueCommand(venue, needsKeys: true) { connection in
            guard let adapter = connection.adapter as? BinanceAdapter else {
                throw ExchangeCommandError("\(connection.options.venue): streams are not wired yet (docs/exchanges.md)")
            }
            let market = try await connection.market(stream.symbol)
            let rest = market.kind == .spot ? connection.options.baseURLs.spot : connection.options.baseURLs.futures
            let base = BinanceMarketStream.webSocketBase(forREST: rest, futures: market.kind != .spot)
            let live = BinanceUserStream(webSocketBase: base, adapter: adapter, market: market)
            let printed = Counter()
            let limit = stream.count
            let json = venue.json
            let (done, finish) = AsyncStream.makeStream(of: Void.self)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await live.run { event in
                        if let limit, printed.value >= limit { return }
                        Swift.print(json ? event.unified.json : Self.line(event))
                        fflush(nil)
                        switch event {
                        case .order, .fill, .balance, .position:
                            if let limit, printed.increment() >= limit { finish.yield() }
                        default: break
                        }
                    }
                }
                group.addTask { for await _ in done { return } }
                try await group.next()
                group.cancelAll()
            }
        }
    }

    static func line(_ event: UserStreamEvent) -> String {
        switch event {
        case .order(let order): return "order  \(order.line)"
        case .fill(let trade):
            return "fill   \(trade.symbol) \(trade.side) \(trade.amount) @ \(trade.price)  fee \(trade.feeCost.text) "
                + "\(trade.feeCurrency ?? "")  order \(trade.orderID ?? "-")"
        case .balance(let entries):
            return "balance " + entries.map { "\($0.currency) \($0.total) (free \($0.free))" }.joined(separator: ", ")
        case .position(let position):
            return
                "position \(position.symbol) \(position.side) \(position.contracts) entry \(position.entryPrice.text)"
        case .connected(let detail): return "# connected: \(detail)"
        case .disconnected(let detail): return "# disconnected: \(detail); reconnecting"
        case .resynced(let orders):
            return "# resynced: \(orders.count) open order\(orders.count == 1 ? "" : "s") from REST"
                + orders.map { "\n  \($0.line)" }.joined()
        }
    }
}
