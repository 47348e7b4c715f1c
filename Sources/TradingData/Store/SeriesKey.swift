public import TradingMarketData

/// One stored series: an exchange's symbol, of one kind, and for candles one timeframe.
public struct SeriesKey: Sendable, Hashable, CustomStringConvertible {
    public let exchange: String
    public let symbol: String
    public let kind: DataKind
    /// The bar length for candles (`1m`, `1h`, …); empty for other kinds.
    public let timeframe: String

    public init(exchange: String, symbol: String, kind: DataKind, timeframe: String = "") {
        self.exchange = exchange.lowercased()
        self.symbol = symbol.uppercased()
        self.kind = kind
        self.timeframe = kind == .candles ? timeframe : ""
    }

    public var description: String {
        kind == .candles ? "\(exchange) \(symbol) \(timeframe)" : "\(exchange) \(symbol) \(kind)"
    }
}

/// One candle as stored: open time in Unix milliseconds, exact 8-decimal prices and volume.
public struct StoredCandle: Sendable, Hashable {
    public var openTime: Int64
    public var open: Decimal8
    public var high: Decimal8
    public var low: Decimal8
    public var close: Decimal8
    public var volume: Decimal8
    /// Whether the bar was invented by `--fill forward` (no trading happened in it).
    public var filled: Bool

    public init(
        openTime: Int64,
        open: Decimal8,
        high: Decimal8,
        low: Decimal8,
        close: Decimal8,
        volume: Decimal8,
        filled: Bool = false
    ) {
        self.openTime = openTime
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
        self.filled = filled
    }
}

/// One trade as stored.
public struct StoredTrade: Sendable, Hashable {
    public var time: Int64
    public var price: Decimal8
    public var size: Decimal8
    /// The aggressor side: `true` for a buy.
    public var buy: Bool

    public init(time: Int64, price: Decimal8, size: Decimal8, buy: Bool) {
        self.time = time
        self.price = price
        self.size = size
        self.buy = buy
    }
}
