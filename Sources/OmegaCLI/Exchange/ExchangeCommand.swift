import ArgumentParser
import ExchangeKit
import TradingCore

/// `omega exchange`: a venue's public data.
struct ExchangeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exchange",
        abstract: "A venue's markets, tickers, order books and candles.",
        discussion: """
            Symbols are unified (BTC/USDT for spot, BTC/USDT:USDT for the USDT perpetual) or the venue's own \
            (BTCUSDT means spot). --base-url points at omega sim, a testnet or a mirror.
            """,
        subcommands: [
            ExchangeMarketsCommand.self, ExchangeTickerCommand.self, ExchangeBookCommand.self,
            ExchangeCandlesCommand.self,
        ]
    )
}

struct ExchangeMarketsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "markets",
        abstract: "List the venue's markets and their grids."
    )

    @OptionGroup var venue: VenueOptions
    @Option(help: "Only this market.") var symbol: String?

    func run() async throws {
        try await runVenueCommand(venue, needsKeys: false) { connection in
            var markets = try await connection.adapter.loadMarkets().markets
            if let symbol { markets = [try await connection.market(symbol)] }
            if venue.json {
                print(UnifiedValue.array(markets.map(\.unified)).json)
                return
            }
            print(
                "symbol               venue symbol     tick          step          min qty       min notional  status"
            )
            for market in markets {
                let columns = [
                    market.symbol.padding(20), market.venueSymbol.padding(16), market.tickSize.description.padding(13),
                    market.lotStep.description.padding(13), market.minQuantity.description.padding(13),
                    market.minNotional.description.padding(13), market.isTrading ? "trading" : "halted",
                ]
                print(columns.joined(separator: " "))
            }
        }
    }
}

struct ExchangeTickerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ticker", abstract: "The 24-hour ticker of a market.")

    @OptionGroup var venue: VenueOptions
    @Option(help: "The market (BTC/USDT, BTC/USDT:USDT or BTCUSDT).") var symbol: String

    func run() async throws {
        try await runVenueCommand(venue, needsKeys: false) { connection in
            let market = try await connection.market(symbol)
            let ticker = try await connection.adapter.ticker(market)
            if venue.json {
                print(ticker.unified.json)
                return
            }
            print(
                "\(ticker.symbol)  last \(ticker.last.text)  bid \(ticker.bid.text)  ask \(ticker.ask.text)  "
                    + "24h high \(ticker.high.text) low \(ticker.low.text)  change \(ticker.percentage.text)%  "
                    + "volume \(ticker.baseVolume.text) \(market.base)"
            )
        }
    }
}

struct ExchangeBookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "book", abstract: "The order book of a market.")

    @OptionGroup var venue: VenueOptions
    @Option(help: "The market.") var symbol: String
    @Option(help: "Levels per side to fetch and print.") var depth: Int = 10

    func validate() throws {
        guard (1...1_000).contains(depth) else { throw ValidationError("--depth: \(depth) is not between 1 and 1000") }
    }

    func run() async throws {
        try await runVenueCommand(venue, needsKeys: false) { connection in
            let market = try await connection.market(symbol)
            let book = try await connection.adapter.book(market, limit: Self.venueLimit(depth))
            let shown = VenueBook(
                symbol: book.symbol,
                bids: Array(book.bids.prefix(depth)),
                asks: Array(book.asks.prefix(depth)),
                timestamp: book.timestamp,
                nonce: book.nonce
            )
            if venue.json {
                print(shown.unified.json)
                return
            }
            print("\(shown.symbol) book" + (shown.nonce.map { " at update \($0)" } ?? ""))
            print("            bid size         bid |          ask   ask size")
            for index in 0..<max(shown.bids.count, shown.asks.count) {
                let bid = index < shown.bids.count ? shown.bids[index] : nil
                let ask = index < shown.asks.count ? shown.asks[index] : nil
                print(
                    "\((bid?.size.description ?? "").leftPadding(20)) \((bid?.price.description ?? "").leftPadding(11)) | "
                        + "\((ask?.price.description ?? "").leftPadding(12)) \(ask?.size.description ?? "")"
                )
            }
        }
    }

    /// Binance serves 5, 10, 20, 50, 100, 500, 1000 levels: the smallest that covers `depth`.
    static func venueLimit(_ depth: Int) -> Int { [5, 10, 20, 50, 100, 500, 1_000].first { $0 >= depth } ?? 1_000 }
}

struct ExchangeCandlesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "candles", abstract: "Recent candles of a market.")

    @OptionGroup var venue: VenueOptions
    @Option(help: "The market.") var symbol: String
    @Option(help: "The candle interval (1m, 5m, 15m, 1h, 4h, 1d).") var timeframe: String = "1m"
    @Option(help: "How many candles.") var limit: Int = 20

    /// The candle intervals Binance serves, for this command and `omega stream candles`.
    static let intervals = ["1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "1w"]

    func validate() throws {
        guard ExchangeCandlesCommand.intervals.contains(timeframe)
        else {
            throw ValidationError("--timeframe: '\(timeframe)' is not one of 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 1w")
        }
        guard (1...1_000).contains(limit) else { throw ValidationError("--limit: \(limit) is not between 1 and 1000") }
    }

    func run() async throws {
        try await runVenueCommand(venue, needsKeys: false) { connection in
            let market = try await connection.market(symbol)
            let candles = try await connection.adapter.candles(market, interval: timeframe, since: nil, limit: limit)
            if venue.json {
                print(UnifiedValue.array(candles.map(\.unified)).json)
                return
            }
            print("time                  open          high          low           close         volume")
            for candle in candles {
                let columns = [
                    Timestamp(milliseconds: candle.time).description.padding(21), candle.open.description.padding(13),
                    candle.high.description.padding(13), candle.low.description.padding(13),
                    candle.close.description.padding(13), candle.volume.description,
                ]
                print(columns.joined(separator: " "))
            }
        }
    }
}

extension VenueMarket {
    var unified: UnifiedValue {
        .object([
            .init("symbol", .string(symbol)), .init("id", .string(venueSymbol)),
            .init("type", .string(kind == .spot ? "spot" : "swap")),
            .init("base", .string(base)), .init("quote", .string(quote)),
            .init("settle", settle.map(UnifiedValue.string) ?? .null),
            .init("tickSize", .decimal(tickSize.description)), .init("stepSize", .decimal(lotStep.description)),
            .init("minAmount", .decimal(minQuantity.description)), .init("minCost", .decimal(minNotional.description)),
            .init("contractSize", .decimal(contractSize.description)), .init("active", .bool(isTrading)),
        ])
    }
}

extension Optional where Wrapped: CustomStringConvertible {
    /// The value, or `-` when absent.
    var text: String { map(\.description) ?? "-" }
}
