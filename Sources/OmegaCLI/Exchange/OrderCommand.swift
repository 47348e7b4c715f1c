import ArgumentParser
import ExchangeKit
import Foundation
import TradingCore

/// `omega order`: place and cancel orders by hand. Needs keys.
struct OrderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "order",
        abstract: "Place, cancel and cancel all orders on a venue.",
        discussion: """
            Amounts and prices are put on the market's grid (amounts rounded down, prices to the nearest tick) \
            and the order as sent is printed. An order whose reply is lost is looked up by its client order ID, \
            never sent twice.
            """,
        subcommands: [OrderPlaceCommand.self, OrderCancelCommand.self, OrderCancelAllCommand.self]
    )
}

struct OrderPlaceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "place", abstract: "Place an order.")

    @OptionGroup var venue: VenueOptions
    @Option(help: "The market.") var symbol: String
    @Option(help: "buy or sell.") var side: String
    @Option(help: "market, limit, stop-market, stop-limit, take-profit or take-profit-limit.") var type: String
    @Option(help: "The amount in the market's unit (base currency, or contracts on OKX swaps).") var amount: String
    @Option(help: "The limit price (limit, stop-limit, take-profit-limit).") var price: String?
    @Option(name: .customLong("stop-price"), help: "The trigger price (stop and take-profit orders).") var stopPrice:
        String?
    @Option(help: "gtc, ioc or fok.") var tif: String = "gtc"
    @Flag(name: .customLong("post-only"), help: "Only rest on the book; refused if it would take.") var postOnly = false
    @Flag(name: .customLong("reduce-only"), help: "Only reduce a perpetual position.") var reduceOnly = false
    @Option(name: .customLong("client-id"), help: "The client order ID (default: omega-<epoch ms>).") var clientID:
        String?

    func validate() throws {
        _ = try request(clientID: clientID ?? "omega-0")
    }

    func request(clientID: String) throws -> OrderRequest {
        guard let orderSide = OrderSide(rawValue: side.lowercased()) else {
            throw ValidationError("--side: '\(side)' is not buy or sell")
        }
        guard let kind = OrderRequest.Kind(rawValue: type.lowercased()) else {
            throw ValidationError(
                "--type: '\(type)' is not one of \(OrderRequest.Kind.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        guard let quantity = try? Quantity(amount), quantity.raw > 0 else {
            throw ValidationError("--amount: '\(amount)' is not a positive decimal")
        }
        func decimal(_ text: String?, _ flag: String) throws -> Price? {
            guard let text else { return nil }
            guard let value = try? Price(text), value.raw > 0 else {
                throw ValidationError("\(flag): '\(text)' is not a positive decimal")
            }
            return value
        }
        guard let timeInForce = ["gtc": TimeInForce.gtc, "ioc": .ioc, "fok": .fok][tif.lowercased()] else {
            throw ValidationError("--tif: '\(tif)' is not gtc, ioc or fok")
        }
        if kind.hasLimitPrice && price == nil {
            throw ValidationError("--price: a \(kind.rawValue) order needs a price")
        }
        if !kind.hasLimitPrice && price != nil {
            throw ValidationError("--price: a \(kind.rawValue) order takes no price")
        }
        if kind.isConditional && stopPrice == nil {
            throw ValidationError("--stop-price: a \(kind.rawValue) order needs one")
        }
        if !kind.isConditional && stopPrice != nil {
            throw ValidationError("--stop-price: a \(kind.rawValue) order takes none")
        }
        if postOnly && kind != .limit { throw ValidationError("--post-only: only a limit order can be post-only") }
        if let clientID = self.clientID, !ClientOrderIDFormat.isValid(clientID, on: venue.venue) {
            throw ValidationError("--client-id: '\(clientID)' is not a valid client order ID on \(venue.venue)")
        }
        return OrderRequest(
            symbol: symbol,
            side: orderSide,
            kind: kind,
            amount: quantity,
            price: try decimal(price, "--price"),
            triggerPrice: try decimal(stopPrice, "--stop-price"),
            timeInForce: timeInForce,
            postOnly: postOnly,
            reduceOnly: reduceOnly,
            clientOrderID: clientID
        )
    }

    func run() async throws {
        let id = clientID ?? "omega-\(Int64(Date().timeIntervalSince1970 * 1_000))"
        let order = try request(clientID: id)
        try await runVenueCommand(venue, needsKeys: true) { connection in
            let market = try await connection.market(symbol)
            let fitted = try order.validated(for: market)
            let placement = try await connection.adapter.place(fitted, market: market)
            if venue.json {
                var members: [UnifiedValue.Member] = [
                    .init("outcome", .string(placement.outcome)), .init("sent", Self.sent(fitted, market)),
                ]
                if let report = placement.report { members.append(.init("order", report.unified)) }
                if case .notPlaced(let detail) = placement { members.append(.init("detail", .string(detail))) }
                print(UnifiedValue.object(members).json)
                return
            }
            print(
                "sent: \(market.symbol) \(fitted.side) \(fitted.amount) \(fitted.kind.rawValue)"
                    + (fitted.price.map { " @ \($0)" } ?? "") + (fitted.triggerPrice.map { " trigger \($0)" } ?? "")
                    + (fitted.postOnly ? " post-only" : "") + (fitted.reduceOnly ? " reduce-only" : "")
                    + (fitted.timeInForce != .gtc ? " \(fitted.timeInForce)" : "") + "  client id \(id)"
            )
            switch placement {
            case .placed(let report): print("placed: \(report.line)")
            case .foundAfterUnknownOutcome(let report, let detail):
                print("placed (reply lost: \(detail); found by client id): \(report.line)")
            case .notPlaced(let detail):
                print("not placed: \(detail)")
                throw ExitCode.failure
            }
        }
    }

    static func sent(_ order: OrderRequest, _ market: VenueMarket) -> UnifiedValue {
        .object([
            .init("symbol", .string(market.symbol)), .init("side", .string(order.side.rawValue)),
            .init("type", .string(order.kind.rawValue)), .init("amount", .decimal(order.amount.description)),
            .init("price", order.price.map { .decimal($0.description) } ?? .null),
            .init("stopPrice", order.triggerPrice.map { .decimal($0.description) } ?? .null),
            .init("timeInForce", .string(order.timeInForce.rawValue)), .init("postOnly", .bool(order.postOnly)),
            .init("reduceOnly", .bool(order.reduceOnly)),
            .init("clientOrderId", order.clientOrderID.map(UnifiedValue.string) ?? .null),
        ])
    }
}

extension Placement {
    var outcome: String {
        switch self {
        case .placed: "placed"
        case .foundAfterUnknownOutcome: "found after unknown outcome"
        case .notPlaced: "not placed"
        }
    }
}

struct OrderCancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel one order.")

    @OptionGroup var venue: VenueOptions
    @Option(help: "The market.") var symbol: String
    @Option(help: "The venue's order ID.") var id: String?
    @Option(name: .customLong("client-id"), help: "The client order ID.") var clientID: String?

    func validate() throws {
        if (id == nil) == (clientID == nil) { throw ValidationError("give one of --id and --client-id") }
    }

    func run() async throws {
        try await runVenueCommand(venue, needsKeys: true) { connection in
            let market = try await connection.market(symbol)
            let report = try await connection.adapter.cancel(market, venueOrderID: id, clientOrderID: clientID)
            print(venue.json ? report.unified.json : "canceled: \(report.line)")
        }
    }
}

struct OrderCancelAllCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel-all",
        abstract: "Cancel every open order of a market."
    )

    @OptionGroup var venue: VenueOptions
    @Option(help: "The market.") var symbol: String

    func run() async throws {
        try await runVenueCommand(venue, needsKeys: true) { connection in
            let market = try await connection.market(symbol)
            let canceled = try await connection.adapter.cancelAll(market)
            if venue.json {
                print(UnifiedValue.array(canceled.map(\.unified)).json)
                return
            }
            print("canceled \(canceled.count) order\(canceled.count == 1 ? "" : "s") on \(market.symbol)")
            for order in canceled { print("  \(order.line)") }
        }
    }
}
