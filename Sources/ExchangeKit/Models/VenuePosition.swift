public import TradingCore

/// An open position as the venue reports it.
public struct VenuePosition: Sendable, Hashable {
    public var symbol: String
    public var side: PositionSide
    /// Size in the venue's unit (contracts or base).
    public var contracts: Quantity
    public var contractSize: Quantity?
    public var entryPrice: Price?
    public var markPrice: Price?
    public var notional: Price?
    public var leverage: Price?
    public var unrealizedPnl: Price?
    /// `cross` or `isolated`.
    public var marginMode: String?
    public var liquidationPrice: Price?
    public var collateral: Price?
    public var initialMargin: Price?
    public var maintenanceMargin: Price?
    /// Whether the account holds long and short positions separately (hedge mode).
    public var hedged: Bool
    public var timestamp: Int64?

    public init(symbol: String, side: PositionSide, contracts: Quantity, hedged: Bool = false) {
        self.symbol = symbol
        self.side = side
        self.contracts = contracts
        self.hedged = hedged
    }

    public var unified: UnifiedValue {
        .object([
            .init("symbol", .string(symbol)), .init("side", .string(side.rawValue)), .init("contracts", .of(contracts)),
            .init("contractSize", .of(contractSize)), .init("entryPrice", .of(entryPrice)),
            .init("markPrice", .of(markPrice)), .init("notional", .of(notional)), .init("leverage", .of(leverage)),
            .init("unrealizedPnl", .of(unrealizedPnl)), .init("marginMode", .of(marginMode)),
            .init("liquidationPrice", .of(liquidationPrice)), .init("collateral", .of(collateral)),
            .init("initialMargin", .of(initialMargin)), .init("maintenanceMargin", .of(maintenanceMargin)),
            .init("hedged", .bool(hedged)), .init("timestamp", .of(milliseconds: timestamp)),
            .init("datetime", .datetime(timestamp)),
        ])
    }
}

/// One candle: `[time, open, high, low, close, volume]` in unified JSON.
public struct VenueCandle: Sendable, Hashable {
    public var time: Int64
    public var open: Price
    public var high: Price
    public var low: Price
    public var close: Price
    public var volume: Quantity

    public init(time: Int64, open: Price, high: Price, low: Price, close: Price, volume: Quantity) {
        self.time = time
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
    }

    public var unified: UnifiedValue {
        .array([.integer(time), .of(open), .of(high), .of(low), .of(close), .of(volume)])
    }
}

/// A REST order book: best levels first.
public struct VenueBook: Sendable, Hashable {
    public var symbol: String
    public var bids: [BookLevel]
    public var asks: [BookLevel]
    public var timestamp: Int64?
    /// The venue's update ID of the snapshot, where it sends one.
    public var nonce: UInt64?

    public init(symbol: String, bids: [BookLevel], asks: [BookLevel], timestamp: Int64? = nil, nonce: UInt64? = nil) {
        self.symbol = symbol
        self.bids = bids
        self.asks = asks
        self.timestamp = timestamp
        self.nonce = nonce
    }

    public var unified: UnifiedValue {
        func side(_ levels: [BookLevel]) -> UnifiedValue {
            .array(levels.map { .array([.of($0.price), .of($0.size)]) })
        }
        return .object([
            .init("symbol", .string(symbol)), .init("bids", side(bids)), .init("asks", side(asks)),
            .init("timestamp", .of(milliseconds: timestamp)), .init("datetime", .datetime(timestamp)),
            .init("nonce", nonce.map { .integer(Int64($0)) } ?? .null),
        ])
    }
}
