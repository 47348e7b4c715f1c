import TradingBacktest
public import TradingCore
import TradingEngine
import TradingReports

/// The sim's own API under `/omega/`, for tests and the runtime's chaos script: the true state of every
/// account, the injected faults, the clock and a reset. Every request must present the token given with
/// `--admin-token` (header `X-Omega-Admin-Token`, or `Authorization: Bearer TOKEN`).
///
/// | request | answer |
/// | --- | --- |
/// | `GET /omega/state` | market and wall time, every account's balances, orders (with client IDs), fills, positions and funding, and the fault records |
/// | `GET /omega/faults` | the fault spec and every injected fault, with whether its request took effect |
/// | `POST /omega/faults?spec=SPEC` | replaces the fault spec (`spec=` empty: no faults) |
/// | `DELETE /omega/faults` | no faults, records cleared |
/// | `POST /omega/clock/step?seconds=N` (or `minutes=N`) | moves a manual clock forward; answers the new market time |
/// | `POST /omega/reset` | every account as it started, no orders, the clock at its start, fault records cleared |
public struct AdminAPI: Sendable {
    public let token: String
    public let venue: SimVenue
    public let faults: FaultInjector

    public init(token: String, venue: SimVenue, faults: FaultInjector) {
        self.token = token
        self.venue = venue
        self.faults = faults
    }

    public func handle(
        method: String,
        path: String,
        query: String,
        token presented: String?,
        wall: Timestamp
    )
        -> (status: Int, body: String)
    {
        guard let presented, Self.constantTimeEqual(presented, token) else {
            return (401, Self.error("missing or wrong admin token"))
        }
        let parameters: QueryParameters
        do throws(BinanceError) { parameters = try QueryParameters(raw: query) } catch {
            return (400, Self.error(error.message))
        }
        switch (method, path) {
        case ("GET", "/omega/state"):
            return (200, state(wall: wall).serialized(compact: true))
        case ("GET", "/omega/faults"):
            return (200, faultDocument().serialized(compact: true))
        case ("POST", "/omega/faults"):
            do {
                let spec = try FaultSpec(parsing: parameters.values["spec"] ?? "")
                faults.set(spec)
                venue.setPartialFills(spec.partialFills)
            } catch {
                return (400, Self.error("\(error)"))
            }
            return (200, faultDocument().serialized(compact: true))
        case ("DELETE", "/omega/faults"):
            faults.set(.none)
            venue.setPartialFills(false)
            faults.clearRecords()
            return (200, faultDocument().serialized(compact: true))
        case ("POST", "/omega/clock/step"):
            let seconds = Int64(parameters.values["seconds"] ?? "") ?? 0
            let minutes = Int64(parameters.values["minutes"] ?? "") ?? 0
            guard seconds >= 0, minutes >= 0, seconds + minutes > 0, seconds <= 31_536_000, minutes <= 525_600 else {
                return (400, Self.error("give seconds=N or minutes=N, positive, at most a year"))
            }
            let now = venue.step(nanoseconds: (seconds + minutes * 60) * 1_000_000_000, wall: wall)
            return (
                200, JSONValue.object([("marketTime", .number(String(now.milliseconds)))]).serialized(compact: true)
            )
        case ("POST", "/omega/reset"):
            do { try venue.reset() } catch { return (500, Self.error("\(error)")) }
            faults.clearRecords()
            return (200, "{}")
        default:
            return (404, Self.error("unknown admin request \(method) \(path)"))
        }
    }

    static func error(_ message: String) -> String {
        JSONValue.object([("error", .string(message))]).serialized(compact: true)
    }

    /// Compares without leaking where the first difference is.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }

    func faultDocument() -> JSONValue {
        .object([
            ("spec", .string(faults.spec.description)),
            (
                "records",
                .array(
                    faults.records.map { record in
                        .object([
                            ("sequence", .number(String(record.sequence))),
                            ("wallTime", .number(String(record.wallTime))),
                            ("kind", .string(record.kind)), ("tookEffect", .bool(record.tookEffect)),
                            ("method", .string(record.method)), ("path", .string(record.path)),
                            ("account", record.account.map { .string($0) } ?? .null),
                            ("orderId", record.orderId.map { .number(String($0)) } ?? .null),
                            ("clientOrderId", record.clientOrderId.map { .string($0) } ?? .null),
                        ])
                    }
                )
            ),
        ])
    }

    /// The true state of every account.
    func state(wall: Timestamp) -> JSONValue {
        let snapshot = venue.snapshot(wall: wall)
        func text(_ raw: Int128) -> JSONValue { .string(FixedPoint.format(raw)) }
        func orders(_ book: AccountMarket) -> JSONValue {
            .array(
                book.orders.values.sorted { $0.orderId < $1.orderId }.map { order in
                    .object([
                        ("orderId", .number(String(order.orderId))), ("clientOrderId", .string(order.clientOrderId)),
                        ("symbol", .string(order.symbol.symbol)),
                        ("side", .string(order.side == .buy ? "BUY" : "SELL")),
                        ("type", .string(order.type)), ("status", .string(order.status.rawValue)),
                        ("price", order.price.map { text($0.raw) } ?? .null),
                        ("stopPrice", order.stopPrice.map { text($0.raw) } ?? .null),
                        ("origQty", text(order.origQty.raw)), ("executedQty", text(order.executedQty.raw)),
                        ("cumQuote", text(order.cumulativeQuoteRaw)), ("reduceOnly", .bool(order.reduceOnly)),
                        ("algo", .bool(order.isAlgo)), ("time", .number(String(order.time))),
                        ("updateTime", .number(String(order.updateTime))),
                        ("endReason", order.endReason.map { .string($0) } ?? .null),
                    ])
                }
            )
        }
        func trades(_ book: AccountMarket) -> JSONValue {
            .array(
                book.trades.map { trade in
                    .object([
                        ("id", .number(String(trade.id))), ("orderId", .number(String(trade.orderId))),
                        ("symbol", .string(trade.symbol.symbol)),
                        ("side", .string(trade.side == .buy ? "BUY" : "SELL")),
                        ("price", text(trade.price.raw)), ("qty", text(trade.quantity.raw)),
                        ("commission", text(trade.commission.raw)), ("realizedPnl", text(trade.realizedPnlRaw)),
                        ("maker", .bool(trade.isMaker)), ("time", .number(String(trade.time))),
                    ])
                }
            )
        }
        let accounts: [JSONValue] = snapshot.accounts.map { account in
            let spot = account.spot
            let futures = account.futures
            let balances: [JSONValue] = spot.exchange.account.currencies.map { currency in
                .object([
                    ("asset", .string(currency.code)), ("total", text(spot.exchange.account.balance(currency).raw)),
                    ("locked", text(spot.locked(currency))),
                ])
            }
            let positions: [JSONValue] = futures.symbols.indices.compactMap { index in
                let position = futures.exchange.account.position(InstrumentIndex(index))
                guard position.isOpen else { return nil }
                return .object([
                    ("symbol", .string(futures.symbols[index].symbol)),
                    ("positionAmt", text(position.signedQuantityRaw)), ("costBasis", text(position.costBasisRaw)),
                    ("leverage", .number(String(futures.leverage[index]))),
                ])
            }
            return .object([
                ("name", .string(account.account.name)), ("apiKey", .string(account.account.apiKey)),
                (
                    "spot",
                    .object([("balances", .array(balances)), ("orders", orders(spot)), ("trades", trades(spot))])
                ),
                (
                    "futures",
                    .object([
                        ("wallet", text(futures.exchange.account.balance(.usdt).raw)),
                        ("marginType", .string(futures.marginMode == .isolated ? "ISOLATED" : "CROSSED")),
                        ("positions", .array(positions)), ("orders", orders(futures)), ("trades", trades(futures)),
                        (
                            "funding",
                            .array(
                                futures.funding.map { payment in
                                    .object([
                                        ("symbol", .string(payment.symbol.symbol)),
                                        ("payment", text(payment.payment.raw)),
                                        ("time", .number(String(payment.time))),
                                    ])
                                }
                            )
                        ),
                    ])
                ),
            ])
        }
        return .object([
            ("marketTime", .number(String(snapshot.clock.marketTime(at: wall).milliseconds))),
            ("wallTime", .number(String(wall.milliseconds))), ("accounts", .array(accounts)),
            ("faults", faultDocument()),
        ])
    }
}
