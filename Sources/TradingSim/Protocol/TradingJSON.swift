import TradingBacktest
import TradingCore
import TradingEngine
import TradingReports

/// Binance's JSON for orders, fills, balances and positions, field for field as the real endpoints answer.
enum TradingJSON {
    static func text(_ raw: Int128, _ decimals: Int) -> JSONValue {
        .string(FixedPoint.format(raw, decimals: decimals))
    }
    static func price(_ value: Price?, _ symbol: SimSymbol) -> JSONValue {
        text(value?.raw ?? 0, symbol.kind == .spot ? 8 : symbol.pricePrecision)
    }
    static func quantity(_ value: Quantity, _ symbol: SimSymbol) -> JSONValue {
        text(value.raw, symbol.kind == .spot ? 8 : symbol.quantityPrecision)
    }
    static func side(_ side: OrderSide) -> JSONValue { .string(side == .buy ? "BUY" : "SELL") }
    static func int(_ value: Int64) -> JSONValue { .number(String(value)) }

    // MARK: Spot

    /// A spot order as `POST /api/v3/order` answers it for `newOrderRespType` ACK, RESULT or FULL.
    static func spotNewOrder(_ order: SimOrder, fills: [SimTrade], respType: String) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("symbol", .string(order.symbol.symbol)), ("orderId", int(order.orderId)), ("orderListId", int(-1)),
            ("clientOrderId", .string(order.clientOrderId)), ("transactTime", int(order.time)),
        ]
        guard respType != "ACK" else { return .object(members) }
        members += [
            ("price", price(order.price, order.symbol)), ("origQty", quantity(order.origQty, order.symbol)),
            ("executedQty", quantity(order.executedQty, order.symbol)),
            ("origQuoteOrderQty", text(order.quoteOrderQty?.raw ?? 0, 8)),
            ("cummulativeQuoteQty", text(order.cumulativeQuoteRaw, 8)), ("status", .string(order.status.rawValue)),
            ("timeInForce", .string(order.timeInForce)), ("type", .string(order.type)), ("side", side(order.side)),
        ]
        if let stop = order.stopPrice { members.append(("stopPrice", price(stop, order.symbol))) }
        members += [("workingTime", int(order.time)), ("selfTradePreventionMode", .string("EXPIRE_MAKER"))]
        if respType == "FULL" {
            members.append(
                (
                    "fills",
                    .array(
                        fills.map { fill in
                            .object([
                                ("price", price(fill.price, fill.symbol)),
                                ("qty", quantity(fill.quantity, fill.symbol)),
                                ("commission", text(fill.commission.raw, 8)),
                                ("commissionAsset", .string(fill.commission.currency.code)), ("tradeId", int(fill.id)),
                            ])
                        }
                    )
                )
            )
        }
        return .object(members)
    }

    /// A spot order as `GET /api/v3/order`, `openOrders` and `allOrders` report it.
    static func spotOrder(_ order: SimOrder) -> JSONValue {
        .object([
            ("symbol", .string(order.symbol.symbol)), ("orderId", int(order.orderId)), ("orderListId", int(-1)),
            ("clientOrderId", .string(order.clientOrderId)), ("price", price(order.price, order.symbol)),
            ("origQty", quantity(order.origQty, order.symbol)),
            ("executedQty", quantity(order.executedQty, order.symbol)),
            ("cummulativeQuoteQty", text(order.cumulativeQuoteRaw, 8)), ("status", .string(order.status.rawValue)),
            ("timeInForce", .string(order.timeInForce)), ("type", .string(order.type)), ("side", side(order.side)),
            ("stopPrice", price(order.stopPrice, order.symbol)), ("icebergQty", .string("0.00000000")),
            ("time", int(order.time)), ("updateTime", int(order.updateTime)),
            ("isWorking", .bool(!order.awaitingTrigger)),
            ("workingTime", int(order.time)), ("origQuoteOrderQty", text(order.quoteOrderQty?.raw ?? 0, 8)),
            ("selfTradePreventionMode", .string("EXPIRE_MAKER")),
        ])
    }

    /// A spot order as `DELETE /api/v3/order` answers it.
    static func spotCanceled(_ order: SimOrder) -> JSONValue {
        .object([
            ("symbol", .string(order.symbol.symbol)), ("origClientOrderId", .string(order.clientOrderId)),
            ("orderId", int(order.orderId)), ("orderListId", int(-1)), ("clientOrderId", .string(order.clientOrderId)),
            ("transactTime", int(order.updateTime)), ("price", price(order.price, order.symbol)),
            ("origQty", quantity(order.origQty, order.symbol)),
            ("executedQty", quantity(order.executedQty, order.symbol)),
            ("cummulativeQuoteQty", text(order.cumulativeQuoteRaw, 8)), ("status", .string(order.status.rawValue)),
            ("timeInForce", .string(order.timeInForce)), ("type", .string(order.type)), ("side", side(order.side)),
            ("selfTradePreventionMode", .string("EXPIRE_MAKER")),
        ])
    }

    /// A spot fill as `GET /api/v3/myTrades` reports it.
    static func spotTrade(_ trade: SimTrade) -> JSONValue {
        .object([
            ("symbol", .string(trade.symbol.symbol)), ("id", int(trade.id)), ("orderId", int(trade.orderId)),
            ("orderListId", int(-1)), ("price", price(trade.price, trade.symbol)),
            ("qty", quantity(trade.quantity, trade.symbol)), ("quoteQty", text(trade.quoteRaw, 8)),
            ("commission", text(trade.commission.raw, 8)), ("commissionAsset", .string(trade.commission.currency.code)),
            ("time", int(trade.time)), ("isBuyer", .bool(trade.side == .buy)), ("isMaker", .bool(trade.isMaker)),
            ("isBestMatch", .bool(true)),
        ])
    }

    /// The spot account: commissions, permissions and every balance, free and locked.
    static func spotAccount(_ book: AccountMarket, updateTime: Int64) -> JSONValue {
        let ledger = book.exchange.account
        let balances: [JSONValue] = ledger.currencies.map { currency in
            let locked = book.locked(currency)
            return .object([
                ("asset", .string(currency.code)), ("free", text(ledger.balance(currency).raw - locked, 8)),
                ("locked", text(locked, 8)),
            ])
        }
        return .object([
            ("makerCommission", .number("10")), ("takerCommission", .number("10")), ("buyerCommission", .number("0")),
            ("sellerCommission", .number("0")),
            (
                "commissionRates",
                .object([
                    ("maker", .string("0.00100000")), ("taker", .string("0.00100000")),
                    ("buyer", .string("0.00000000")), ("seller", .string("0.00000000")),
                ])
            ),
            ("canTrade", .bool(true)), ("canWithdraw", .bool(false)), ("canDeposit", .bool(false)),
            ("brokered", .bool(false)), ("requireSelfTradePrevention", .bool(false)), ("preventSor", .bool(false)),
            ("updateTime", int(updateTime)), ("accountType", .string("SPOT")), ("balances", .array(balances)),
            ("permissions", .array([.string("SPOT")])), ("uid", .number("1")),
        ])
    }

    // MARK: USD-M

    /// A futures order as every `/fapi/v1/order`-family endpoint reports it.
    static func futuresOrder(_ order: SimOrder, withTime: Bool = true) -> JSONValue {
        let symbol = order.symbol
        var members: [(String, JSONValue)] = [
            ("orderId", int(order.orderId)), ("symbol", .string(symbol.symbol)),
            ("status", .string(order.status.rawValue)),
            ("clientOrderId", .string(order.clientOrderId)), ("price", price(order.price, symbol)),
            ("avgPrice", text(order.averagePriceRaw, symbol.pricePrecision)),
            ("origQty", quantity(order.origQty, symbol)), ("executedQty", quantity(order.executedQty, symbol)),
            ("cumQty", quantity(order.executedQty, symbol)), ("cumQuote", text(order.cumulativeQuoteRaw, 5)),
            ("timeInForce", .string(order.timeInForce)), ("type", .string(order.type)),
            ("reduceOnly", .bool(order.reduceOnly)), ("closePosition", .bool(false)), ("side", side(order.side)),
            ("positionSide", .string("BOTH")), ("stopPrice", price(order.stopPrice, symbol)),
            ("workingType", .string("CONTRACT_PRICE")), ("priceProtect", .bool(false)),
            ("origType", .string(order.type)),
            ("priceMatch", .string("NONE")), ("selfTradePreventionMode", .string("EXPIRE_MAKER")),
            ("goodTillDate", .number("0")),
        ]
        if withTime { members.append(("time", int(order.time))) }
        members.append(("updateTime", int(order.updateTime)))
        return .object(members)
    }

    /// A USD-M conditional order as `/fapi/v1/algoOrder` and its lists report it: `algoStatus` is `NEW`
    /// until the trigger fires, then `TRIGGERED` while the order works and `FINISHED` once filled.
    static func algoOrder(_ order: SimOrder) -> JSONValue {
        let symbol = order.symbol
        let status: String =
            switch order.status {
            case .new, .partiallyFilled: order.triggerTime == nil ? "NEW" : "TRIGGERED"
            case .filled: "FINISHED"
            case .canceled: "CANCELED"
            case .expired: "EXPIRED"
            }
        var members: [(String, JSONValue)] = [
            ("algoId", int(order.orderId)), ("clientAlgoId", .string(order.clientOrderId)),
            ("algoType", .string("CONDITIONAL")), ("orderType", .string(order.type)),
            ("symbol", .string(symbol.symbol)),
            ("side", side(order.side)), ("positionSide", .string("BOTH")), ("timeInForce", .string(order.timeInForce)),
            ("quantity", quantity(order.origQty, symbol)), ("algoStatus", .string(status)),
            ("triggerPrice", price(order.stopPrice, symbol)), ("price", price(order.price, symbol)),
            ("icebergQuantity", .null), ("selfTradePreventionMode", .string("EXPIRE_MAKER")),
            ("workingType", .string("CONTRACT_PRICE")), ("priceMatch", .string("NONE")),
            ("closePosition", .bool(order.closePosition)), ("priceProtect", .bool(false)),
            ("reduceOnly", .bool(order.reduceOnly)), ("createTime", int(order.time)),
            ("updateTime", int(order.updateTime)), ("triggerTime", int(order.triggerTime ?? 0)),
            ("goodTillDate", .number("0")),
        ]
        if order.triggerTime != nil {
            members += [
                ("actualOrderId", .string(String(order.orderId))),
                ("actualPrice", text(order.averagePriceRaw, symbol.pricePrecision)),
            ]
        }
        return .object(members)
    }

    /// A futures fill as `GET /fapi/v1/userTrades` reports it.
    static func futuresTrade(_ trade: SimTrade) -> JSONValue {
        .object([
            ("buyer", .bool(trade.side == .buy)), ("commission", text(trade.commission.raw, 8)),
            ("commissionAsset", .string(trade.commission.currency.code)), ("id", int(trade.id)),
            ("maker", .bool(trade.isMaker)), ("orderId", int(trade.orderId)),
            ("price", price(trade.price, trade.symbol)),
            ("qty", quantity(trade.quantity, trade.symbol)), ("quoteQty", text(trade.quoteRaw, 8)),
            ("realizedPnl", text(trade.realizedPnlRaw, 8)), ("side", side(trade.side)),
            ("positionSide", .string("BOTH")), ("symbol", .string(trade.symbol.symbol)), ("time", int(trade.time)),
        ])
    }

    /// One symbol's position figures.
    struct PositionFigures {
        let symbol: SimSymbol
        let amount: Int128
        let entry: Int128
        let mark: Int128
        let unrealized: Int128
        let notional: Int128
        let isolatedMargin: Int128
        let initialMargin: Int128
        let maintenance: Int128
        let liquidation: Int128
        let leverage: Int
    }

    static func positions(_ book: AccountMarket) -> [PositionFigures] {
        book.symbols.enumerated().map { index, symbol in
            let instrument = InstrumentIndex(index)
            let position = book.exchange.account.position(instrument)
            let mark = book.lastPrice[index]?.raw ?? 0
            let entry =
                position.isOpen
                ? FixedPoint.divide(position.costBasisRaw, position.quantity.raw, rounding: .toNearestOrEven) : 0
            let notional = FixedPoint.multiply(position.signedQuantityRaw, mark, rounding: .toNearestOrEven)
            let unrealized = position.isOpen ? position.unrealizedRaw(at: Price(raw: mark), multiplier: .one) : 0
            let margin = abs(notional) / Int128(book.leverage[index])
            return PositionFigures(
                symbol: symbol,
                amount: position.signedQuantityRaw,
                entry: entry,
                mark: mark,
                unrealized: unrealized,
                notional: notional,
                isolatedMargin: book.marginMode == .isolated ? position.isolatedMarginRaw + unrealized : 0,
                initialMargin: margin,
                // The instrument's own rate, the one the engine's liquidation price uses.
                maintenance: FixedPoint.multiply(
                    abs(notional),
                    book.instruments[index].maintenanceMarginRate.raw,
                    rounding: .up
                ),
                liquidation: book.exchange.liquidationPrice(of: instrument)?.raw ?? 0,
                leverage: book.leverage[index]
            )
        }
    }

    /// `GET /fapi/v2/positionRisk` (every symbol) or `/fapi/v3/positionRisk` (open positions only).
    static func positionRisk(_ book: AccountMarket, version: Int, updateTime: Int64, symbol: SimSymbol?) -> JSONValue {
        let figures = positions(book).filter { symbol == nil || $0.symbol == symbol }
        return .array(
            figures.filter { version == 2 || $0.amount != 0 }.map { position in
                let s = position.symbol
                var members: [(String, JSONValue)] = [
                    ("symbol", .string(s.symbol)), ("positionSide", .string("BOTH")),
                    ("positionAmt", text(position.amount, s.quantityPrecision)),
                    ("entryPrice", text(position.entry, 8)), ("breakEvenPrice", text(position.entry, 8)),
                    ("markPrice", text(position.mark, 8)), ("unRealizedProfit", text(position.unrealized, 8)),
                    ("liquidationPrice", text(position.liquidation, 8)),
                    ("isolatedMargin", text(position.isolatedMargin, 8)), ("notional", text(position.notional, 8)),
                    ("isolatedWallet", text(position.isolatedMargin - position.unrealized, 8)),
                    ("updateTime", int(updateTime)),
                ]
                if version == 2 {
                    members += [
                        ("leverage", .string(String(position.leverage))),
                        ("marginType", .string(book.marginMode == .isolated ? "isolated" : "cross")),
                        ("isAutoAddMargin", .string("false")), ("maxNotionalValue", .string("1000000")),
                    ]
                } else {
                    members += [
                        ("marginAsset", .string("USDT")), ("initialMargin", text(position.initialMargin, 8)),
                        ("maintMargin", text(position.maintenance, 8)),
                        ("positionInitialMargin", text(position.initialMargin, 8)),
                        ("openOrderInitialMargin", .string("0")), ("adl", .number("0")), ("bidNotional", .string("0")),
                        ("askNotional", .string("0")),
                    ]
                }
                return .object(members)
            }
        )
    }

    /// `GET /fapi/v2/account` and `/fapi/v3/account`.
    static func futuresAccount(_ book: AccountMarket, version: Int, updateTime: Int64) -> JSONValue {
        let wallet = book.exchange.account.balance(.usdt).raw
        let unrealized = book.unrealizedPnl()
        let figures = positions(book)
        let positionMargin = figures.reduce(Int128(0)) { $0 + $1.initialMargin }
        let orderMargin = book.openOrderMargin()
        let maintenance = figures.reduce(Int128(0)) { $0 + $1.maintenance }
        let available = max(0, book.availableMargin())
        let asset: JSONValue = .object([
            ("asset", .string("USDT")), ("walletBalance", text(wallet, 8)), ("unrealizedProfit", text(unrealized, 8)),
            ("marginBalance", text(wallet + unrealized, 8)), ("maintMargin", text(maintenance, 8)),
            ("initialMargin", text(positionMargin + orderMargin, 8)),
            ("positionInitialMargin", text(positionMargin, 8)), ("openOrderInitialMargin", text(orderMargin, 8)),
            ("crossWalletBalance", text(wallet, 8)), ("crossUnPnl", text(unrealized, 8)),
            ("availableBalance", text(available, 8)), ("maxWithdrawAmount", text(available, 8)),
            ("marginAvailable", .bool(true)), ("updateTime", int(updateTime)),
        ])
        let positions: [JSONValue] = figures.filter { version == 2 || $0.amount != 0 }.map { position in
            .object([
                ("symbol", .string(position.symbol.symbol)), ("positionSide", .string("BOTH")),
                ("positionAmt", text(position.amount, position.symbol.quantityPrecision)),
                ("unrealizedProfit", text(position.unrealized, 8)),
                ("isolatedMargin", text(position.isolatedMargin, 8)),
                ("notional", text(position.notional, 8)), ("isolatedWallet", text(position.isolatedMargin, 8)),
                ("initialMargin", text(position.initialMargin, 8)), ("maintMargin", text(position.maintenance, 8)),
                ("updateTime", int(updateTime)),
            ])
        }
        var members: [(String, JSONValue)] = [
            ("totalInitialMargin", text(positionMargin + orderMargin, 8)), ("totalMaintMargin", text(maintenance, 8)),
            ("totalWalletBalance", text(wallet, 8)), ("totalUnrealizedProfit", text(unrealized, 8)),
            ("totalMarginBalance", text(wallet + unrealized, 8)),
            ("totalPositionInitialMargin", text(positionMargin, 8)),
            ("totalOpenOrderInitialMargin", text(orderMargin, 8)), ("totalCrossWalletBalance", text(wallet, 8)),
            ("totalCrossUnPnl", text(unrealized, 8)), ("availableBalance", text(available, 8)),
            ("maxWithdrawAmount", text(available, 8)),
        ]
        if version == 2 {
            members += [
                ("feeTier", .number("0")), ("canTrade", .bool(true)), ("canDeposit", .bool(false)),
                ("canWithdraw", .bool(false)), ("updateTime", .number("0")), ("multiAssetsMargin", .bool(false)),
            ]
        }
        members += [("assets", .array([asset])), ("positions", .array(positions))]
        return .object(members)
    }

    /// `GET /fapi/v2/balance` and `/fapi/v3/balance`.
    static func futuresBalance(_ book: AccountMarket, updateTime: Int64) -> JSONValue {
        let wallet = book.exchange.account.balance(.usdt).raw
        let available = max(0, book.availableMargin())
        return .array([
            .object([
                ("accountAlias", .string("SgsR")), ("asset", .string("USDT")), ("balance", text(wallet, 8)),
                ("crossWalletBalance", text(wallet, 8)), ("crossUnPnl", text(book.unrealizedPnl(), 8)),
                ("availableBalance", text(available, 8)), ("maxWithdrawAmount", text(available, 8)),
                ("marginAvailable", .bool(true)), ("updateTime", int(updateTime)),
            ])
        ])
    }
}
