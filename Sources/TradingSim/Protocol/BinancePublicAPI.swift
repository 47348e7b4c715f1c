public import TradingCore
import TradingReports

/// Binance's public market-data endpoints, spot (`/api/v3/…`) and USD-M (`/fapi/v1/…`), answered from the
/// ``SimMarket`` at market time: `ping`, `time`, `exchangeInfo`, `klines`, `depth`, `ticker/price`,
/// `ticker/bookTicker`, `ticker/24hr`, `avgPrice` (spot) and `premiumIndex` (USD-M). Bodies and errors have
/// Binance's shapes; numbers that Binance sends as strings are strings, on each symbol's tick and lot step.
///
/// It is a plain function of the request and the clocks, so that it is tested without a server; the
/// HTTP layer (``SimServer``) only hands it the path and the raw query.
public struct BinancePublicAPI: Sendable {
    public let market: SimMarket

    public init(market: SimMarket) {
        self.market = market
    }

    /// The answer to `GET path?query`: an HTTP status and a JSON body.
    public func handle(
        path: String,
        query: String,
        wall: Timestamp,
        marketTime: Timestamp
    ) -> (status: Int, body: String) {
        do throws(BinanceError) {
            let kind: SimMarketKind
            let endpoint: Substring
            if path.hasPrefix("/api/v3/") {
                kind = .spot
                endpoint = path.dropFirst("/api/v3/".count)
            } else if path.hasPrefix("/fapi/v1/") {
                kind = .usdm
                endpoint = path.dropFirst("/fapi/v1/".count)
            } else {
                throw .notFound(path)
            }
            let parameters = try QueryParameters(raw: query)
            let body = try answer(String(endpoint), kind: kind, parameters, wall: wall, now: marketTime)
            return (200, body.serialized(compact: true))
        } catch {
            return (error.status, Self.errorBody(error))
        }
    }

    public static func errorBody(_ error: BinanceError) -> String {
        JSONValue.object([("code", .int(error.code)), ("msg", .string(error.message))]).serialized(compact: true)
    }

    private func answer(
        _ endpoint: String,
        kind: SimMarketKind,
        _ parameters: QueryParameters,
        wall: Timestamp,
        now: Timestamp
    ) throws(BinanceError) -> JSONValue {
        switch endpoint {
        case "ping": return .object([])
        case "time": return .object([("serverTime", .number(String(wall.milliseconds)))])
        case "exchangeInfo": return ExchangeInfo.document(kind: kind, serverTime: wall.milliseconds)
        case "klines": return try klines(kind, parameters, now: now)
        case "depth": return try depth(kind, parameters, now: now)
        case "ticker/price":
            return try perSymbol(kind, parameters, now: now) { symbol, price in
                var members: [(String, JSONValue)] = [
                    ("symbol", .string(symbol.symbol)), ("price", .string(self.price(price, symbol))),
                ]
                if kind == .usdm { members.append(("time", .number(String(now.milliseconds)))) }
                return .object(members)
            }
        case "ticker/bookTicker":
            return try perSymbol(kind, parameters, now: now) { symbol, price in
                let top = self.market.book(symbol, at: now, levels: 1)
                let bid = top.bids.first ?? ("0", "0")
                let ask = top.asks.first ?? ("0", "0")
                var members: [(String, JSONValue)] = [
                    ("symbol", .string(symbol.symbol)), ("bidPrice", .string(bid.0)), ("bidQty", .string(bid.1)),
                    ("askPrice", .string(ask.0)), ("askQty", .string(ask.1)),
                ]
                if kind == .usdm { members.append(("time", .number(String(now.milliseconds)))) }
                return .object(members)
            }
        case "ticker/24hr":
            return try perSymbol(kind, parameters, now: now) { symbol, _ in self.dayTicker(symbol, now: now) }
        case "avgPrice" where kind == .spot:
            let symbol = try listed(kind, parameters)
            let closes = market.closed(symbol.base, at: now).suffix(5)
            let average =
                closes.isEmpty
                ? (market.lastPrice(symbol.base, at: now) ?? 0)
                : closes.reduce(0) { $0 + $1.close } / Double(closes.count)
            return .object([
                ("mins", .int(5)), ("price", .string(DecimalText.format(average, decimals: 8))),
                ("closeTime", .number(String(now.milliseconds))),
            ])
        case "trades":
            let symbol = try listed(kind, parameters)
            let limit = Int(try parameters.integer("limit", in: 1...1_000) ?? 500)
            return .array(
                market.trades(symbol.base, upTo: now, limit: limit).map { trade in
                    var members: [(String, JSONValue)] = [
                        ("id", .number(String(trade.id))),
                        ("price", .string(exact(trade.price.raw, symbol, price: true))),
                        ("qty", .string(exact(trade.size.raw, symbol, price: false))),
                        (
                            "quoteQty",
                            .string(
                                FixedPoint.format(
                                    FixedPoint.multiply(trade.price.raw, trade.size.raw, rounding: .toNearestOrEven),
                                    decimals: 8
                                )
                            )
                        ),
                        ("time", .number(String(trade.time.milliseconds))),
                        ("isBuyerMaker", .bool(trade.aggressor == .sell)),
                    ]
                    if kind == .spot { members.append(("isBestMatch", .bool(true))) }
                    return .object(members)
                }
            )
        case "aggTrades":
            // Every printed trade is its own aggregate (one taker order each).
            let symbol = try listed(kind, parameters)
            let limit = Int(try parameters.integer("limit", in: 1...1_000) ?? 500)
            var trades = market.trades(symbol.base, upTo: now, limit: 1_000)
            if let from = try parameters.integer("fromId", in: 0...Int64.max) {
                trades = trades.filter { $0.id >= from }
            }
            if let start = try parameters.integer("startTime", in: 0...Int64.max) {
                trades = trades.filter { $0.time.milliseconds >= start }
            }
            if let end = try parameters.integer("endTime", in: 0...Int64.max) {
                trades = trades.filter { $0.time.milliseconds <= end }
            }
            let selected =
                parameters.optional("fromId") != nil || parameters.optional("startTime") != nil
                ? Array(trades.prefix(limit)) : Array(trades.suffix(limit))
            return .array(
                selected.map { trade in
                    var members: [(String, JSONValue)] = [
                        ("a", .number(String(trade.id))), ("p", .string(exact(trade.price.raw, symbol, price: true))),
                        ("q", .string(exact(trade.size.raw, symbol, price: false))), ("f", .number(String(trade.id))),
                        ("l", .number(String(trade.id))), ("T", .number(String(trade.time.milliseconds))),
                        ("m", .bool(trade.aggressor == .sell)),
                    ]
                    if kind == .spot { members.append(("M", .bool(true))) }
                    return .object(members)
                }
            )
        case "fundingRate" where kind == .usdm:
            let eightHours: Int64 = 8 * 3_600_000
            let limit = Int(try parameters.integer("limit", in: 1...1_000) ?? 100)
            let symbols =
                parameters.optional("symbol") != nil ? [try listed(kind, parameters)] : SimInstruments.symbols(.usdm)
            var first = (market.start.milliseconds + eightHours - 1) / eightHours * eightHours
            if first == market.start.milliseconds { first += eightHours }
            var rows: [JSONValue] = []
            var time = first
            while time <= now.milliseconds {
                let settled = Timestamp(nanoseconds: time * 1_000_000)
                for symbol in symbols {
                    let price = market.lastPrice(symbol.base, at: settled) ?? 0
                    rows.append(
                        .object([
                            ("symbol", .string(symbol.symbol)), ("fundingTime", .number(String(time))),
                            ("fundingRate", .string(self.rate(market.fundingRate(symbol.base, at: time)))),
                            ("markPrice", .string(self.price(price, symbol))),
                        ])
                    )
                }
                time += eightHours
            }
            return .array(Array(rows.suffix(limit)))
        case "premiumIndex" where kind == .usdm:
            return try perSymbol(kind, parameters, now: now) { symbol, price in
                let eightHours: Int64 = 8 * 3_600_000
                let next = (now.milliseconds / eightHours + 1) * eightHours
                return .object([
                    ("symbol", .string(symbol.symbol)),
                    ("markPrice", .string(DecimalText.format(price, step: symbol.tickSize, decimals: 8))),
                    ("indexPrice", .string(DecimalText.format(price, step: symbol.tickSize, decimals: 8))),
                    ("estimatedSettlePrice", .string(DecimalText.format(price, step: symbol.tickSize, decimals: 8))),
                    (
                        "lastFundingRate",
                        .string(self.rate(self.market.fundingRate(symbol.base, at: next - eightHours)))
                    ), ("interestRate", .string("0.00010000")),
                    ("nextFundingTime", .number(String(next))), ("time", .number(String(now.milliseconds))),
                ])
            }
        default:
            throw .notFound((kind == .spot ? "/api/v3/" : "/fapi/v1/") + endpoint)
        }
    }

    /// A funding rate as Binance writes it: eight decimals.
    private func rate(_ rate: Ratio) -> String { FixedPoint.format(rate.raw, decimals: 8) }

    /// The listed symbol named by `symbol`. - Throws: -1102, -1100, -1121.
    private func listed(_ kind: SimMarketKind, _ parameters: QueryParameters) throws(BinanceError) -> SimSymbol {
        guard let symbol = SimSymbol.find(try parameters.symbol(), on: kind) else { throw .invalidSymbol }
        return symbol
    }

    /// One object for `symbol`, or an array over every listed symbol when none is named.
    private func perSymbol(
        _ kind: SimMarketKind,
        _ parameters: QueryParameters,
        now: Timestamp,
        _ body: (SimSymbol, Double) -> JSONValue
    ) throws(BinanceError) -> JSONValue {
        if parameters.optional("symbol") != nil {
            let symbol = try listed(kind, parameters)
            return body(symbol, market.lastPrice(symbol.base, at: now) ?? 0)
        }
        return .array(
            SimSymbol.all.filter { $0.kind == kind }.map { body($0, market.lastPrice($0.base, at: now) ?? 0) }
        )
    }

    /// A raw fixed-point price or quantity as Binance prints it for `symbol`.
    private func exact(_ raw: Int128, _ symbol: SimSymbol, price: Bool) -> String {
        let decimals = symbol.kind == .spot ? 8 : (price ? symbol.pricePrecision : symbol.quantityPrecision)
        return FixedPoint.format(raw, decimals: decimals)
    }

    private func price(_ value: Double, _ symbol: SimSymbol) -> String {
        DecimalText.format(value, step: symbol.tickSize, decimals: symbol.kind == .spot ? 8 : symbol.pricePrecision)
    }

    private func quantity(_ value: Double, _ symbol: SimSymbol) -> String {
        DecimalText.format(value, step: symbol.stepSize, decimals: symbol.kind == .spot ? 8 : symbol.quantityPrecision)
    }

    private func klines(
        _ kind: SimMarketKind,
        _ parameters: QueryParameters,
        now: Timestamp
    ) throws(BinanceError) -> JSONValue {
        let symbol = try listed(kind, parameters)
        guard let interval = KlineInterval(rawValue: try parameters.required("interval")) else {
            throw .invalidInterval
        }
        let maximum: Int64 = kind == .spot ? 1_000 : 1_500
        let limit = try parameters.integer("limit", in: 1...maximum) ?? 500
        let from = try parameters.integer("startTime", in: 0...Int64.max / 2)
        let to = try parameters.integer("endTime", in: 0...Int64.max / 2)
        let rows = market.klines(symbol.base, interval: interval, from: from, to: to, limit: Int(limit), at: now)
        return .array(
            rows.map { kline in
                .array([
                    .number(String(kline.openTime)), .string(price(kline.open, symbol)),
                    .string(price(kline.high, symbol)),
                    .string(price(kline.low, symbol)), .string(price(kline.close, symbol)),
                    .string(quantity(kline.volume, symbol)), .number(String(kline.closeTime)),
                    .string(DecimalText.format(kline.quoteVolume, decimals: 8)), .int(kline.trades),
                    .string(quantity(kline.volume / 2, symbol)),
                    .string(DecimalText.format(kline.quoteVolume / 2, decimals: 8)),
                    .string("0"),
                ])
            }
        )
    }

    private func depth(
        _ kind: SimMarketKind,
        _ parameters: QueryParameters,
        now: Timestamp
    ) throws(BinanceError) -> JSONValue {
        let symbol = try listed(kind, parameters)
        let allowed: [Int64] = kind == .spot ? [] : [5, 10, 20, 50, 100, 500, 1_000]
        let limit = try parameters.integer("limit", in: 1...5_000) ?? (kind == .spot ? 100 : 500)
        if !allowed.isEmpty && !allowed.contains(limit) { throw .invalidValue("limit") }
        let snapshot = market.book(symbol, at: now, levels: Int(min(limit, Int64(SyntheticBook.depth))))
        func side(_ levels: [(String, String)]) -> JSONValue {
            .array(levels.map { .array([.string($0.0), .string($0.1)]) })
        }
        var members: [(String, JSONValue)] = [("lastUpdateId", .number(String(snapshot.lastUpdateId)))]
        if kind == .usdm {
            members.append(("E", .number(String(now.milliseconds))))
            members.append(("T", .number(String(now.milliseconds))))
        }
        members.append(("bids", side(snapshot.bids)))
        members.append(("asks", side(snapshot.asks)))
        return .object(members)
    }

    private func dayTicker(_ symbol: SimSymbol, now: Timestamp) -> JSONValue {
        let day = market.closed(symbol.base, at: now).suffix(1_440)
        let last = market.lastPrice(symbol.base, at: now) ?? 0
        let open = day.first?.open ?? last
        let high = day.map(\.high).max() ?? last
        let low = day.map(\.low).min() ?? last
        let volume = day.reduce(0) { $0 + $1.volume }
        let quoteVolume = day.reduce(0) { $0 + $1.volume * $1.close }
        let change = last - open
        let openTime = day.first.map { $0.openTime / 1_000_000 } ?? now.milliseconds
        return .object([
            ("symbol", .string(symbol.symbol)), ("priceChange", .string(price(change, symbol))),
            ("priceChangePercent", .string(DecimalText.format(open > 0 ? change / open * 100 : 0, decimals: 3))),
            ("weightedAvgPrice", .string(price(volume > 0 ? quoteVolume / volume : last, symbol))),
            ("lastPrice", .string(price(last, symbol))), ("openPrice", .string(price(open, symbol))),
            ("highPrice", .string(price(high, symbol))), ("lowPrice", .string(price(low, symbol))),
            ("volume", .string(quantity(volume, symbol))),
            ("quoteVolume", .string(DecimalText.format(quoteVolume, decimals: 8))),
            ("openTime", .number(String(openTime))), ("closeTime", .number(String(now.milliseconds))),
            ("count", .int(day.count)),
        ])
    }
}
