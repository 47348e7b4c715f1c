public import TradingCore

/// What a market stream delivers: venue data in unified terms, and the connection's own state.
public enum MarketStreamEvent: Sendable, Hashable {
    case trade(PublicTrade)
    /// A candle as it forms; `closed` once its interval has ended.
    case candle(VenueCandle, closed: Bool)
    /// The local book's best levels after an applied update.
    case book(VenueBook)
    /// The best bid and ask as the venue's top-of-book stream reports them.
    case quote(BestBidAsk)
    /// The stream (re)connected.
    case connected(String)
    /// The stream dropped; it reconnects with backoff. The engine's connectivity event.
    case disconnected(String)
    /// The local book was rebuilt from a new REST snapshot after a gap or a reconnect.
    case resynced(String)
}

/// A trade on the venue's tape.
public struct PublicTrade: Sendable, Hashable {
    public var id: String
    public var symbol: String
    public var price: Price
    public var amount: Quantity
    /// The taker's side.
    public var side: OrderSide
    public var timestamp: Int64

    public init(id: String, symbol: String, price: Price, amount: Quantity, side: OrderSide, timestamp: Int64) {
        self.id = id
        self.symbol = symbol
        self.price = price
        self.amount = amount
        self.side = side
        self.timestamp = timestamp
    }

    public var unified: UnifiedValue {
        .object([
            .init("id", .string(id)), .init("symbol", .string(symbol)), .init("timestamp", .integer(timestamp)),
            .init("datetime", .datetime(timestamp)), .init("side", .string(side.rawValue)), .init("price", .of(price)),
            .init("amount", .of(amount)),
        ])
    }
}

/// The best bid and ask, with their sizes.
public struct BestBidAsk: Sendable, Hashable {
    public var symbol: String
    public var bid: Price
    public var bidSize: Quantity
    public var ask: Price
    public var askSize: Quantity
    /// The venue's update ID of this top of book.
    public var updateID: UInt64?
    public var timestamp: Int64?

    public init(
        symbol: String,
        bid: Price,
        bidSize: Quantity,
        ask: Price,
        askSize: Quantity,
        updateID: UInt64? = nil,
        timestamp: Int64? = nil
    ) {
        self.symbol = symbol
        self.bid = bid
        self.bidSize = bidSize
        self.ask = ask
        self.askSize = askSize
        self.updateID = updateID
        self.timestamp = timestamp
    }

    public var unified: UnifiedValue {
        .object([
            .init("symbol", .string(symbol)), .init("timestamp", .of(milliseconds: timestamp)),
            .init("datetime", .datetime(timestamp)), .init("bid", .of(bid)), .init("bidVolume", .of(bidSize)),
            .init("ask", .of(ask)), .init("askVolume", .of(askSize)),
            .init("nonce", updateID.map { .integer(Int64(truncatingIfNeeded: $0)) } ?? .null),
        ])
    }
}

extension MarketStreamEvent {
    /// Unified JSON for `--json` output: `{"event": "trade", …}`.
    public var unified: UnifiedValue {
        func tagged(_ name: String, _ value: UnifiedValue) -> UnifiedValue {
            guard case .object(let members) = value else {
                return .object([.init("event", .string(name)), .init("data", value)])
            }
            return .object([.init("event", .string(name))] + members)
        }
        switch self {
        case .trade(let trade): return tagged("trade", trade.unified)
        case .candle(let candle, let closed):
            return .object([
                .init("event", .string("candle")), .init("candle", candle.unified), .init("closed", .bool(closed)),
            ])
        case .book(let book): return tagged("book", book.unified)
        case .quote(let quote): return tagged("quote", quote.unified)
        case .connected(let detail):
            return .object([.init("event", .string("connected")), .init("detail", .string(detail))])
        case .disconnected(let detail):
            return .object([.init("event", .string("disconnected")), .init("detail", .string(detail))])
        case .resynced(let detail):
            return .object([.init("event", .string("resynced")), .init("detail", .string(detail))])
        }
    }
}
