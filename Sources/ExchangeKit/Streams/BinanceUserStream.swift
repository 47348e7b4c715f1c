import Foundation
import TradingCore

/// Binance's user data stream for one product (spot or USD-M): a listen key from REST, kept alive every
/// 30 minutes, and the orders, fills, balances and positions it reports. After every (re)connection the
/// open orders are fetched over REST (``UserStreamEvent/resynced(_:)``), so a drop never hides an order.
public struct BinanceUserStream: Sendable {
    public let webSocketBase: String
    public let adapter: BinanceAdapter
    /// The markets events are read against; the market whose open orders are resynced.
    public let market: VenueMarket
    let api = BinanceREST()

    public init(webSocketBase: String, adapter: BinanceAdapter, market: VenueMarket) {
        self.webSocketBase = webSocketBase.hasSuffix("/") ? String(webSocketBase.dropLast()) : webSocketBase
        self.adapter = adapter
        self.market = market
    }

    /// Follows the stream until the task is cancelled.
    public func run(_ deliver: @escaping @Sendable (UserStreamEvent) async -> Void) async throws {
        let product = BinanceREST.Product(market.kind)
        let session = adapter.session(market.kind)
        let auth = try session.requireAuthentication()
        let key = try await listenKey(product, auth)
        let adapter = adapter
        let market = market
        let api = api
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                // Binance lets a listen key lapse after 60 minutes without a keep-alive.
                while !Task.isCancelled {
                    try await Task.sleep(for: .seconds(30 * 60))
                    _ = try await session.send { _ in api.keepAliveListenKey(product, auth: auth) }
                }
            }
            let url = "\(webSocketBase)/ws/\(key)"
            group.addTask {
                try await ReconnectingWebSocket(url: url).run(
                    connected: {
                        await deliver(.connected("user data \(product.rawValue)"))
                        await deliver(.resynced(try await adapter.openOrders(market)))
                    },
                    message: { text in
                        for event in try Self.events(Array(text.utf8), market: market) { await deliver(event) }
                    },
                    disconnected: { await deliver(.disconnected($0)) }
                )
            }
            try await group.next()
            group.cancelAll()
        }
    }

    func listenKey(_ product: BinanceREST.Product, _ auth: RequestAuthentication) async throws -> String {
        let reply = try await adapter.session(market.kind).send { _ in api.createListenKey(product, auth: auth) }
        guard
            let key = JSONFields(try JSONBody.object(reply.body) as? [String: Any] ?? [:], "listenKey").string(
                "listenKey"
            )
        else { throw ResponseFormatError("listenKey: the reply has no listenKey") }
        return key
    }

    /// The events of one user data message: spot `executionReport`, `outboundAccountPosition` and
    /// `balanceUpdate`; USD-M `ORDER_TRADE_UPDATE` and `ACCOUNT_UPDATE`. Others (such as
    /// `listenKeyExpired`) give none.
    public static func events(_ body: [UInt8], market: VenueMarket) throws -> [UserStreamEvent] {
        let root = try JSONFields(try JSONBody.object(body), "user data")
        switch root.string("e") {
        case "executionReport":
            return try orderEvents(root, market: market)
        case "ORDER_TRADE_UPDATE":
            return try orderEvents(try JSONFields(root.object["o"], "ORDER_TRADE_UPDATE.o"), market: market)
        case "outboundAccountPosition":
            let rows = root.object["B"] as? [[String: Any]] ?? []
            return [
                .balance(
                    try rows.map { row in
                        let fields = JSONFields(row, "outboundAccountPosition.B")
                        let free = try fields.price("f") ?? .zero
                        let locked = try fields.price("l") ?? .zero
                        return .init(currency: try fields.require("a"), free: free, used: locked, total: free + locked)
                    }
                )
            ]
        case "ACCOUNT_UPDATE":
            let account = try JSONFields(root.object["a"], "ACCOUNT_UPDATE.a")
            var events: [UserStreamEvent] = []
            let balances = try (account.object["B"] as? [[String: Any]] ?? []).map { row -> VenueBalance.Entry in
                let fields = JSONFields(row, "ACCOUNT_UPDATE.B")
                let wallet = try fields.price("wb") ?? .zero
                return .init(
                    currency: try fields.require("a"),
                    free: try fields.price("cw") ?? wallet,
                    used: .zero,
                    total: wallet
                )
            }
            if !balances.isEmpty { events.append(.balance(balances)) }
            for row in account.object["P"] as? [[String: Any]] ?? [] {
                let fields = JSONFields(row, "ACCOUNT_UPDATE.P")
                let amount = try fields.price("pa") ?? .zero
                guard fields.string("s") == market.venueSymbol else { continue }
                var position = VenuePosition(
                    symbol: market.symbol,
                    side: amount.raw < 0 ? .short : (amount.raw > 0 ? .long : .flat),
                    contracts: Quantity(raw: Int128(amount.raw.magnitude)),
                    hedged: fields.string("ps").map { $0 != "BOTH" } ?? false
                )
                position.entryPrice = try fields.nonZeroPrice("ep")
                position.unrealizedPnl = try fields.price("up")
                position.marginMode = fields.string("mt") == "isolated" ? "isolated" : "cross"
                position.timestamp = root.int64("E")
                events.append(.position(position))
            }
            return events
        default:
            return []
        }
    }

    /// An order update, and its fill when the update is a trade (`x` = `TRADE`).
    static func orderEvents(_ fields: JSONFields, market: VenueMarket) throws -> [UserStreamEvent] {
        var order = VenueOrderReport()
        order.id = fields.string("i")
        order.clientOrderID = fields.string("c")
        order.symbol = market.symbol
        let type = (fields.string("o") ?? "").uppercased()
        order.type = BinanceParsing.unifiedType(type)
        order.timeInForce = fields.string("f")
        order.postOnly = type == "LIMIT_MAKER" || order.timeInForce == "GTX"
        order.reduceOnly = fields.bool("R")
        order.side = fields.string("S") == "SELL" ? .sell : .buy
        order.price = try fields.nonZeroPrice("p")
        order.triggerPrice = try fields.nonZeroPrice("P") ?? fields.nonZeroPrice("sp")
        order.amount = try fields.quantity("q")
        order.filled = try fields.quantity("z")
        if let amount = order.amount, let filled = order.filled { order.remaining = amount - filled }
        order.cost = try fields.price("Z")
        order.average = try fields.nonZeroPrice("ap")
        order.status = BinanceParsing.status(fields.string("X"))
        order.lastUpdateTimestamp = fields.int64("T") ?? fields.int64("E")
        var events: [UserStreamEvent] = [.order(order)]
        if fields.string("x") == "TRADE", let price = try fields.price("L"), let amount = try fields.quantity("l"),
            amount.raw > 0
        {
            var trade = VenueTrade(
                id: fields.string("t") ?? "",
                symbol: market.symbol,
                side: order.side ?? .buy,
                price: price,
                amount: amount,
                timestamp: fields.int64("T") ?? 0
            )
            trade.orderID = order.id
            trade.feeCost = try fields.price("n")
            trade.feeCurrency = fields.string("N")
            trade.takerOrMaker = fields.bool("m") == true ? "maker" : "taker"
            events.append(.fill(trade))
        }
        return events
    }
}
