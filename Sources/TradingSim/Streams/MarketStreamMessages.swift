import TradingCore
import TradingReports

/// Binance's market stream payloads, field for field (spot and USD-M differ where Binance's do).
enum MarketStreamMessages {
    static func number(_ value: Int64) -> JSONValue { .number(String(value)) }

    static func price(_ raw: Int128, _ symbol: SimSymbol) -> JSONValue {
        .string(FixedPoint.format(raw, decimals: symbol.kind == .spot ? 8 : symbol.pricePrecision))
    }

    static func quantity(_ raw: Int128, _ symbol: SimSymbol) -> JSONValue {
        .string(FixedPoint.format(raw, decimals: symbol.kind == .spot ? 8 : symbol.quantityPrecision))
    }

    static func trade(_ trade: TradeTape.Trade, symbol: SimSymbol, eventTime: Int64) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("e", .string("trade")), ("E", number(eventTime)), ("T", number(trade.time.milliseconds)),
            ("s", .string(symbol.symbol)), ("t", number(trade.id)), ("p", price(trade.price.raw, symbol)),
            ("q", quantity(trade.size.raw, symbol)), ("m", .bool(trade.aggressor == .sell)),
        ]
        if symbol.kind == .spot { members.append(("M", .bool(true))) } else { members.append(("X", .string("MARKET"))) }
        return .object(members)
    }

    static func aggTrade(_ trade: TradeTape.Trade, symbol: SimSymbol, eventTime: Int64) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("e", .string("aggTrade")), ("E", number(eventTime)), ("s", .string(symbol.symbol)),
            ("a", number(trade.id)),
            ("p", price(trade.price.raw, symbol)), ("q", quantity(trade.size.raw, symbol)), ("f", number(trade.id)),
            ("l", number(trade.id)), ("T", number(trade.time.milliseconds)), ("m", .bool(trade.aggressor == .sell)),
        ]
        if symbol.kind == .spot { members.append(("M", .bool(true))) }
        return .object(members)
    }

    static func kline(
        _ kline: Kline,
        closed: Bool,
        interval: KlineInterval,
        symbol: SimSymbol,
        eventTime: Int64
    )
        -> JSONValue
    {
        func text(_ value: Double, price: Bool) -> JSONValue {
            .string(
                DecimalText.format(
                    value,
                    step: price ? symbol.tickSize : symbol.stepSize,
                    decimals: symbol.kind == .spot ? 8 : (price ? symbol.pricePrecision : symbol.quantityPrecision)
                )
            )
        }
        return .object([
            ("e", .string("kline")), ("E", number(eventTime)), ("s", .string(symbol.symbol)),
            (
                "k",
                .object([
                    ("t", number(kline.openTime)), ("T", number(kline.closeTime)), ("s", .string(symbol.symbol)),
                    ("i", .string(interval.rawValue)), ("f", number(0)), ("L", number(Int64(kline.trades) - 1)),
                    ("o", text(kline.open, price: true)), ("c", text(kline.close, price: true)),
                    ("h", text(kline.high, price: true)), ("l", text(kline.low, price: true)),
                    ("v", text(kline.volume, price: false)), ("n", number(Int64(kline.trades))), ("x", .bool(closed)),
                    ("q", .string(DecimalText.format(kline.quoteVolume, decimals: 8))), ("V", .string("0")),
                    ("Q", .string("0")), ("B", .string("0")),
                ])
            ),
        ])
    }

    static func levels(_ side: [(String, String)]) -> JSONValue {
        .array(side.map { .array([.string($0.0), .string($0.1)]) })
    }

    /// A diff depth event from the book at `previous` to `book`.
    static func depthUpdate(
        symbol: SimSymbol,
        previous: SyntheticBook.Snapshot,
        book: SyntheticBook.Snapshot,
        eventTime: Int64,
        transactionTime: Int64
    ) -> JSONValue {
        let zero = symbol.kind == .spot ? "0.00000000" : FixedPoint.format(0, decimals: symbol.quantityPrecision)
        let changes = SyntheticBook.diff(from: previous, to: book, zero: zero)
        var members: [(String, JSONValue)] = [("e", .string("depthUpdate")), ("E", number(eventTime))]
        if symbol.kind == .usdm { members.append(("T", number(transactionTime))) }
        members += [
            ("s", .string(symbol.symbol)), ("U", number(previous.lastUpdateId + 1)), ("u", number(book.lastUpdateId)),
        ]
        if symbol.kind == .usdm { members.append(("pu", number(previous.lastUpdateId))) }
        members += [("b", levels(changes.bids)), ("a", levels(changes.asks))]
        return .object(members)
    }

    /// The top `count` levels (`@depth5/10/20`).
    static func partialDepth(
        symbol: SimSymbol,
        book: SyntheticBook.Snapshot,
        count: Int,
        previousId: Int64,
        eventTime: Int64
    )
        -> JSONValue
    {
        let bids = levels(Array(book.bids.prefix(count)))
        let asks = levels(Array(book.asks.prefix(count)))
        if symbol.kind == .spot {
            return .object([("lastUpdateId", number(book.lastUpdateId)), ("bids", bids), ("asks", asks)])
        }
        return .object([
            ("e", .string("depthUpdate")), ("E", number(eventTime)), ("T", number(eventTime)),
            ("s", .string(symbol.symbol)), ("U", number(previousId + 1)), ("u", number(book.lastUpdateId)),
            ("pu", number(previousId)), ("b", bids), ("a", asks),
        ])
    }

    static func bookTicker(symbol: SimSymbol, book: SyntheticBook.Snapshot, eventTime: Int64) -> JSONValue {
        let bid = book.bids.first ?? ("0", "0")
        let ask = book.asks.first ?? ("0", "0")
        var members: [(String, JSONValue)] = []
        if symbol.kind == .usdm { members += [("e", .string("bookTicker"))] }
        members.append(("u", number(book.lastUpdateId)))
        if symbol.kind == .usdm { members += [("E", number(eventTime)), ("T", number(eventTime))] }
        members += [
            ("s", .string(symbol.symbol)), ("b", .string(bid.0)), ("B", .string(bid.1)), ("a", .string(ask.0)),
            ("A", .string(ask.1)),
        ]
        return .object(members)
    }

    static func markPrice(symbol: SimSymbol, price: Double, eventTime: Int64) -> JSONValue {
        let eightHours: Int64 = 8 * 3_600_000
        let text = JSONValue.string(DecimalText.format(price, step: symbol.tickSize, decimals: 8))
        return .object([
            ("e", .string("markPriceUpdate")), ("E", number(eventTime)), ("s", .string(symbol.symbol)), ("p", text),
            ("i", text), ("P", text), ("r", .string("0.00010000")),
            ("T", number((eventTime / eightHours + 1) * eightHours)),
        ])
    }
}
