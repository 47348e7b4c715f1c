import TradingBacktest
import TradingCore
import TradingEngine
import TradingReports

/// Binance's user-data events for an account update: spot `executionReport` and
/// `outboundAccountPosition`; USD-M `ORDER_TRADE_UPDATE` and `ACCOUNT_UPDATE`.
extension AccountMarket {
    /// The events Binance sends for `update`, at event time `eventTime` (ms).
    func userDataMessages(_ update: SimAccountUpdate, eventTime: Int64) -> [JSONValue] {
        switch (kind, update) {
        case (.spot, .order(let order)):
            return [executionReport(order, fill: nil, eventTime: eventTime)]
        case (.spot, .fill(let order, let trade)):
            return [
                executionReport(order, fill: trade, eventTime: eventTime),
                accountPosition(order.symbol, eventTime: eventTime),
            ]
        case (.usdm, .order(let order)):
            return [orderTradeUpdate(order, fill: nil, eventTime: eventTime)]
        case (.usdm, .fill(let order, let trade)):
            return [
                orderTradeUpdate(order, fill: trade, eventTime: eventTime),
                accountUpdate(reason: "ORDER", symbol: order.symbol, eventTime: eventTime),
            ]
        case (.usdm, .funding(let payment)):
            return [accountUpdate(reason: "FUNDING_FEE", symbol: payment.symbol, eventTime: eventTime)]
        case (.spot, .funding):
            return []
        }
    }

    private static func number(_ value: Int64) -> JSONValue { .number(String(value)) }
    private static func text(_ raw: Int128, _ decimals: Int = 8) -> JSONValue {
        .string(FixedPoint.format(raw, decimals: decimals))
    }

    /// Binance's execution type for an order's report.
    private static func executionType(_ order: SimOrder, fill: SimTrade?) -> String {
        if fill != nil { return "TRADE" }
        switch order.status {
        case .new, .partiallyFilled: return "NEW"
        case .filled: return "TRADE"
        case .canceled: return "CANCELED"
        case .expired: return "EXPIRED"
        }
    }

    private func executionReport(_ order: SimOrder, fill: SimTrade?, eventTime: Int64) -> JSONValue {
        let symbol = order.symbol
        return .object([
            ("e", .string("executionReport")), ("E", Self.number(eventTime)), ("s", .string(symbol.symbol)),
            ("c", .string(order.clientOrderId)), ("S", .string(order.side == .buy ? "BUY" : "SELL")),
            ("o", .string(order.type)), ("f", .string(order.timeInForce)), ("q", Self.text(order.origQty.raw)),
            ("p", Self.text(order.price?.raw ?? 0)), ("P", Self.text(order.stopPrice?.raw ?? 0)),
            ("F", .string("0.00000000")), ("g", Self.number(-1)),
            ("C", .string(order.status == .canceled ? order.clientOrderId : "")),
            ("x", .string(Self.executionType(order, fill: fill))), ("X", .string(order.status.rawValue)),
            ("r", .string("NONE")), ("i", Self.number(order.orderId)), ("l", Self.text(fill?.quantity.raw ?? 0)),
            ("z", Self.text(order.executedQty.raw)), ("L", Self.text(fill?.price.raw ?? 0)),
            ("n", Self.text(fill?.commission.raw ?? 0)),
            ("N", fill.map { .string($0.commission.currency.code) } ?? .null),
            ("T", Self.number(fill?.time ?? order.updateTime)), ("t", Self.number(fill?.id ?? -1)),
            ("I", Self.number(0)),
            ("w", .bool(order.status.isOpen && !order.awaitingTrigger)), ("m", .bool(fill?.isMaker ?? false)),
            ("M", .bool(false)), ("O", Self.number(order.time)), ("Z", Self.text(order.cumulativeQuoteRaw)),
            ("Y", Self.text(fill?.quoteRaw ?? 0)), ("Q", Self.text(order.quoteOrderQty?.raw ?? 0)),
            ("W", Self.number(order.time)), ("V", .string("EXPIRE_MAKER")),
        ])
    }

    private func accountPosition(_ symbol: SimSymbol, eventTime: Int64) -> JSONValue {
        let ledger = exchange.account
        let balances: [JSONValue] = [symbol.base, symbol.quote].compactMap { code in
            guard let currency = try? Currency(code) else { return nil }
            let locked = self.locked(currency)
            return .object([
                ("a", .string(code)), ("f", Self.text(ledger.balance(currency).raw - locked)), ("l", Self.text(locked)),
            ])
        }
        return .object([
            ("e", .string("outboundAccountPosition")), ("E", Self.number(eventTime)), ("u", Self.number(eventTime)),
            ("B", .array(balances)),
        ])
    }

    private func orderTradeUpdate(_ order: SimOrder, fill: SimTrade?, eventTime: Int64) -> JSONValue {
        let symbol = order.symbol
        let price = { (raw: Int128) in Self.text(raw, symbol.pricePrecision) }
        let quantity = { (raw: Int128) in Self.text(raw, symbol.quantityPrecision) }
        return .object([
            ("e", .string("ORDER_TRADE_UPDATE")), ("E", Self.number(eventTime)),
            ("T", Self.number(fill?.time ?? order.updateTime)),
            (
                "o",
                .object([
                    ("s", .string(symbol.symbol)), ("c", .string(order.clientOrderId)),
                    ("S", .string(order.side == .buy ? "BUY" : "SELL")), ("o", .string(order.type)),
                    ("f", .string(order.timeInForce)), ("q", quantity(order.origQty.raw)),
                    ("p", price(order.price?.raw ?? 0)), ("ap", price(order.averagePriceRaw)),
                    ("sp", price(order.stopPrice?.raw ?? 0)), ("x", .string(Self.executionType(order, fill: fill))),
                    ("X", .string(order.status.rawValue)), ("i", Self.number(order.orderId)),
                    ("l", quantity(fill?.quantity.raw ?? 0)), ("z", quantity(order.executedQty.raw)),
                    ("L", price(fill?.price.raw ?? 0)), ("N", .string("USDT")),
                    ("n", Self.text(fill?.commission.raw ?? 0)),
                    ("T", Self.number(fill?.time ?? order.updateTime)), ("t", Self.number(fill?.id ?? 0)),
                    ("b", .string("0")), ("a", .string("0")), ("m", .bool(fill?.isMaker ?? false)),
                    ("R", .bool(order.reduceOnly)), ("wt", .string("CONTRACT_PRICE")), ("ot", .string(order.type)),
                    ("ps", .string("BOTH")), ("cp", .bool(order.closePosition)),
                    ("rp", Self.text(fill?.realizedPnlRaw ?? 0)), ("pP", .bool(false)), ("si", Self.number(0)),
                    ("ss", Self.number(0)), ("V", .string("EXPIRE_MAKER")), ("pm", .string("NONE")),
                    ("gtd", Self.number(0)),
                ])
            ),
        ])
    }

    private func accountUpdate(reason: String, symbol: SimSymbol, eventTime: Int64) -> JSONValue {
        let wallet = exchange.account.balance(.usdt).raw
        let index = symbols.firstIndex(of: symbol) ?? 0
        let position = exchange.account.position(InstrumentIndex(index))
        let entry =
            position.isOpen
            ? FixedPoint.divide(position.costBasisRaw, position.quantity.raw, rounding: .toNearestOrEven) : 0
        let unrealized = lastPrice[index].map { position.unrealizedRaw(at: $0, multiplier: .one) } ?? 0
        return .object([
            ("e", .string("ACCOUNT_UPDATE")), ("E", Self.number(eventTime)), ("T", Self.number(eventTime)),
            (
                "a",
                .object([
                    ("m", .string(reason)),
                    (
                        "B",
                        .array([
                            .object([
                                ("a", .string("USDT")), ("wb", Self.text(wallet)), ("cw", Self.text(wallet)),
                                ("bc", .string("0")),
                            ])
                        ])
                    ),
                    (
                        "P",
                        .array([
                            .object([
                                ("s", .string(symbol.symbol)),
                                ("pa", Self.text(position.signedQuantityRaw, symbol.quantityPrecision)),
                                ("ep", Self.text(entry)), ("bep", Self.text(entry)), ("cr", .string("0")),
                                ("up", Self.text(unrealized)),
                                ("mt", .string(marginMode == .isolated ? "isolated" : "cross")),
                                ("iw", Self.text(position.isolatedMarginRaw)), ("ps", .string("BOTH")),
                            ])
                        ])
                    ),
                ])
            ),
        ])
    }
}
