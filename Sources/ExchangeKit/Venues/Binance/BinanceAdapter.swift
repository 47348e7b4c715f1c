import Foundation
import TradingCore

/// Binance spot and USD-M futures through one ``VenueSession`` per product (`api.binance.com` and
/// `fapi.binance.com`; one base URL serves both for `omega sim`, a mirror or a test server).
public struct BinanceAdapter: ExchangeAdapter {
    public let exchange = ExchangeName.binance
    let spot: VenueSession
    let futures: VenueSession
    let api = BinanceREST()

    public init(spot: VenueSession, futures: VenueSession) {
        self.spot = spot
        self.futures = futures
    }

    func session(_ kind: VenueMarket.Kind) -> VenueSession { kind == .spot ? spot : futures }

    public func loadMarkets() async throws -> MarketList {
        let spotInfo = try await spot.send(weight: 20) { _ in api.exchangeInfo(.spot) }
        let futuresInfo = try await futures.send { _ in api.exchangeInfo(.usdm) }
        return MarketList(
            try api.markets(.spot, fromExchangeInfo: spotInfo.body)
                + api.markets(.usdm, fromExchangeInfo: futuresInfo.body)
        )
    }

    public func ticker(_ market: VenueMarket) async throws -> VenueTicker {
        let reply = try await session(market.kind).send(weight: 2) { _ in api.ticker(market) }
        return try BinanceParsing.ticker(reply.body, market: market)
    }

    public func book(_ market: VenueMarket, limit: Int) async throws -> VenueBook {
        let request = api.depth(market, limit: limit)
        let reply = try await session(market.kind).send(weight: request.weight) { _ in request }
        let snapshot = try BinanceDepthParsing.snapshot(reply.body)
        let time = (try? JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any]).flatMap {
            JSONFields($0, "depth").int64("T") ?? JSONFields($0, "depth").int64("E")
        }
        return VenueBook(
            symbol: market.symbol,
            bids: snapshot.bids,
            asks: snapshot.asks,
            timestamp: time,
            nonce: snapshot.lastUpdateID
        )
    }

    public func candles(
        _ market: VenueMarket,
        interval: String,
        since: Int64?,
        limit: Int
    ) async throws -> [VenueCandle] {
        let reply = try await session(market.kind).send(weight: 2) { _ in
            api.klines(market, interval: interval, since: since, limit: limit)
        }
        return try BinanceParsing.candles(reply.body)
    }

    public func balance(_ kind: VenueMarket.Kind) async throws -> VenueBalance {
        let product = BinanceREST.Product(kind)
        let session = session(kind)
        let auth = try session.requireAuthentication()
        let reply = try await session.send(weight: 20) { try api.balance(product, auth: auth, timestamp: $0) }
        return try BinanceParsing.balance(reply.body, product: product)
    }

    public func positions(_ markets: [VenueMarket]) async throws -> [VenuePosition] {
        let auth = try futures.requireAuthentication()
        let reply = try await futures.send(weight: 5) { try api.positions(auth: auth, timestamp: $0) }
        let all = try BinanceParsing.positions(reply.body, markets: try await loadMarketsCached(markets))
        let wanted = Set(markets.map(\.symbol))
        return wanted.isEmpty ? all : all.filter { wanted.contains($0.symbol) }
    }

    /// The markets a position list is read against: the ones asked about, or the venue's list.
    func loadMarketsCached(_ markets: [VenueMarket]) async throws -> MarketList {
        markets.isEmpty ? try await loadMarkets() : MarketList(markets)
    }

    public func openOrders(_ market: VenueMarket) async throws -> [VenueOrderReport] {
        let session = session(market.kind)
        let auth = try session.requireAuthentication()
        let reply = try await session.send(weight: 6) {
            try api.openOrders(.init(market.kind), market: market, auth: auth, timestamp: $0)
        }
        var orders = try BinanceParsing.orders(reply.body, markets: MarketList([market]), kind: market.kind)
        if market.kind != .spot {
            // Conditional orders live apart on USD-M since the 2025 move to the algo service.
            let algo = try await session.send { try api.openAlgoOrders(market, auth: auth, timestamp: $0) }
            orders += try BinanceParsing.orders(algo.body, markets: MarketList([market]), kind: market.kind)
        }
        return orders
    }

    public func trades(_ market: VenueMarket, since: Int64?, limit: Int?) async throws -> [VenueTrade] {
        let session = session(market.kind)
        let auth = try session.requireAuthentication()
        let reply = try await session.send(weight: 20) {
            try api.myTrades(market, since: since, limit: limit, auth: auth, timestamp: $0)
        }
        return try BinanceParsing.trades(reply.body, market: market)
    }

    public func order(
        _ market: VenueMarket,
        venueOrderID: String?,
        clientOrderID: String?
    ) async throws -> VenueOrderReport? {
        let session = session(market.kind)
        let auth = try session.requireAuthentication()
        do {
            let reply = try await session.send(weight: 4) {
                try api.fetchOrder(
                    market,
                    venueOrderID: venueOrderID,
                    clientOrderID: clientOrderID,
                    auth: auth,
                    timestamp: $0
                )
            }
            return try BinanceParsing.order(
                try JSONSerialization.jsonObject(with: Data(reply.body)),
                markets: MarketList([market]),
                kind: market.kind
            )
        } catch VenueFailure.rejected(.unknownOrder, _, _) {
            return nil
        }
    }

    public func place(_ order: OrderRequest, market: VenueMarket) async throws -> Placement {
        let session = session(market.kind)
        let auth = try session.requireAuthentication()
        do {
            let reply = try await session.send(weight: 1) {
                try api.createOrder(order, market: market, auth: auth, timestamp: $0)
            }
            var report = try BinanceParsing.order(
                try JSONSerialization.jsonObject(with: Data(reply.body)),
                markets: MarketList([market]),
                kind: market.kind
            )
            if report.symbol == nil { report.symbol = market.symbol }
            return .placed(report)
        } catch VenueFailure.unknownOutcome(let detail) {
            return try await settle(order, market: market, detail: detail)
        }
    }

    public func cancel(
        _ market: VenueMarket,
        venueOrderID: String?,
        clientOrderID: String?
    ) async throws -> VenueOrderReport {
        let session = session(market.kind)
        let auth = try session.requireAuthentication()
        let reply: HTTPResponse
        do {
            reply = try await session.send {
                try api.cancelOrder(
                    market,
                    venueOrderID: venueOrderID,
                    clientOrderID: clientOrderID,
                    auth: auth,
                    timestamp: $0
                )
            }
        } catch VenueFailure.rejected(.unknownOrder, let code, let message) where market.kind != .spot {
            // Not a regular order: it may be a conditional one, which USD-M keeps in the algo service.
            do {
                reply = try await session.send {
                    try api.cancelOrder(
                        market,
                        venueOrderID: venueOrderID,
                        clientOrderID: clientOrderID,
                        conditional: true,
                        auth: auth,
                        timestamp: $0
                    )
                }
            } catch VenueFailure.rejected(.unknownOrder, _, _) {
                throw VenueFailure.rejected(.unknownOrder, code: code, message: message)
            }
        }
        return try BinanceParsing.order(
            try JSONSerialization.jsonObject(with: Data(reply.body)),
            markets: MarketList([market]),
            kind: market.kind
        )
    }

    public func cancelAll(_ market: VenueMarket) async throws -> [VenueOrderReport] {
        let open = try await openOrders(market)
        guard !open.isEmpty else { return [] }
        let session = session(market.kind)
        let auth = try session.requireAuthentication()
        if open.contains(where: { $0.triggerPrice == nil || market.kind == .spot }) {
            _ = try await session.send { try api.cancelAllOrders(market, auth: auth, timestamp: $0) }
        }
        if market.kind != .spot && open.contains(where: { $0.triggerPrice != nil }) {
            _ = try await session.send { try api.cancelAllAlgoOrders(market, auth: auth, timestamp: $0) }
        }
        return open.map { order in
            var canceled = order
            canceled.status = .canceled
            return canceled
        }
    }
}
