import Foundation
import TradingCore

/// Binance replies in unified terms.
public enum BinanceParsing {
    /// An order (new-order reply, order query, open orders entry), spot or USD-M. USD-M trailing stops and
    /// stop-markets read as market orders with a trigger.
    public static func order(_ value: Any?, markets: MarketList, kind: VenueMarket.Kind) throws -> VenueOrderReport {
        let fields = try JSONFields(value, "order")
        var order = VenueOrderReport()
        order.id = fields.string("orderId") ?? fields.string("algoId")
        order.clientOrderID = fields.string("clientOrderId") ?? fields.string("clientAlgoId")
        order.timestamp = fields.int64("transactTime") ?? fields.int64("time") ?? fields.int64("createTime")
        order.lastUpdateTimestamp = fields.int64("updateTime") ?? fields.int64("workingTime") ?? order.timestamp
        if let name = fields.string("symbol") { order.symbol = (try? markets.market(name, kind: kind))?.symbol }
        let type = (fields.string("type") ?? fields.string("orderType") ?? "").uppercased()
        order.type = unifiedType(type)
        order.timeInForce = fields.string("timeInForce")
        order.postOnly = type == "LIMIT_MAKER" || order.timeInForce == "GTX"
        order.reduceOnly = fields.bool("reduceOnly")
        order.side = fields.string("side")?.uppercased() == "SELL" ? .sell : .buy
        order.price = try fields.nonZeroPrice("price")
        order.triggerPrice = try fields.nonZeroPrice("stopPrice") ?? fields.nonZeroPrice("triggerPrice")
        order.amount = try fields.quantity("origQty") ?? fields.quantity("quantity")
        order.filled = try fields.quantity("executedQty")
        if let amount = order.amount, let filled = order.filled { order.remaining = amount - filled }
        order.cost = try fields.price("cummulativeQuoteQty") ?? fields.price("cumQuote")
        order.average = try fields.nonZeroPrice("avgPrice")
        if order.average == nil, let cost = order.cost, let filled = order.filled, filled.raw > 0 {
            order.average = Price(raw: FixedPoint.divide(cost.raw, filled.raw, rounding: .toNearestOrEven))
        }
        order.status = status(fields.string("status") ?? fields.string("algoStatus"))
        return order
    }

    /// `market` for Binance's market-executed types (`MARKET`, `STOP_MARKET`, `STOP_LOSS`, `TAKE_PROFIT`,
    /// `TRAILING_STOP_MARKET`…), `limit` for the rest.
    static func unifiedType(_ type: String) -> String {
        type.contains("MARKET") || type == "STOP_LOSS" || type == "TAKE_PROFIT" ? "market" : "limit"
    }

    static func status(_ text: String?) -> VenueOrderReport.Status? {
        switch text?.uppercased() {
        case "NEW", "PARTIALLY_FILLED", "PENDING_NEW", "WORKING": .open
        case "FILLED", "FINISHED", "TRIGGERED": .closed
        case "CANCELED", "PENDING_CANCEL", "CANCELLED": .canceled
        case "EXPIRED", "EXPIRED_IN_MATCH": .expired
        case "REJECTED": .rejected
        default: nil
        }
    }

    public static func orders(_ body: [UInt8], markets: MarketList, kind: VenueMarket.Kind) throws -> [VenueOrderReport]
    {
        guard let rows = try JSONBody.object(body) as? [Any] else {
            throw ResponseFormatError("orders: expected an array")
        }
        return try rows.map { try order($0, markets: markets, kind: kind) }
    }

    /// `GET /api/v3/ticker/24hr` or `/fapi/v1/ticker/24hr` of one symbol.
    public static func ticker(_ body: [UInt8], market: VenueMarket) throws -> VenueTicker {
        let fields = try JSONFields(try JSONBody.object(body), "ticker")
        var ticker = VenueTicker(symbol: market.symbol)
        ticker.timestamp = fields.int64("closeTime")
        ticker.high = try fields.nonZeroPrice("highPrice")
        ticker.low = try fields.nonZeroPrice("lowPrice")
        ticker.bid = try fields.nonZeroPrice("bidPrice")
        ticker.bidVolume = try fields.quantity("bidQty")
        ticker.ask = try fields.nonZeroPrice("askPrice")
        ticker.askVolume = try fields.quantity("askQty")
        ticker.vwap = try fields.price("weightedAvgPrice")
        ticker.open = try fields.nonZeroPrice("openPrice")
        ticker.last = try fields.nonZeroPrice("lastPrice")
        ticker.previousClose = try fields.nonZeroPrice("prevClosePrice")
        ticker.change = try fields.price("priceChange")
        ticker.percentage = try fields.price("priceChangePercent")
        ticker.baseVolume = try fields.quantity("volume")
        ticker.quoteVolume = try fields.price("quoteVolume")
        ticker.derive(tickSize: market.tickSize)
        return ticker
    }

    /// Spot `GET /api/v3/account` (free and locked per asset) or USD-M `GET /fapi/v3/account` (free is
    /// `availableBalance`, used the initial margin, total the margin balance).
    public static func balance(_ body: [UInt8], product: BinanceREST.Product) throws -> VenueBalance {
        let root = try JSONFields(try JSONBody.object(body), "account")
        var entries: [VenueBalance.Entry] = []
        if product == .spot {
            guard let rows = root.object["balances"] as? [[String: Any]] else {
                throw ResponseFormatError("account: balances missing")
            }
            for row in rows {
                let fields = JSONFields(row, "account balance")
                let free = try fields.price("free") ?? .zero
                let locked = try fields.price("locked") ?? .zero
                entries.append(
                    .init(currency: try fields.require("asset"), free: free, used: locked, total: free + locked)
                )
            }
        } else {
            guard let rows = root.object["assets"] as? [[String: Any]] else {
                throw ResponseFormatError("account: assets missing")
            }
            for row in rows {
                let fields = JSONFields(row, "account asset")
                entries.append(
                    .init(
                        currency: try fields.require("asset"),
                        free: try fields.price("availableBalance") ?? .zero,
                        used: try fields.price("initialMargin") ?? .zero,
                        total: try fields.price("marginBalance") ?? fields.price("walletBalance") ?? .zero
                    )
                )
            }
        }
        return VenueBalance(entries: entries)
    }

    /// USD-M `GET /fapi/v3/positionRisk`: open positions (zero amounts are left out).
    public static func positions(_ body: [UInt8], markets: MarketList) throws -> [VenuePosition] {
        guard let rows = try JSONBody.object(body) as? [[String: Any]] else {
            throw ResponseFormatError("positionRisk: expected an array")
        }
        var positions: [VenuePosition] = []
        for row in rows {
            let fields = JSONFields(row, "positionRisk")
            let amount = try fields.price("positionAmt") ?? .zero
            guard amount.raw != 0 else { continue }
            let name = try fields.require("symbol")
            let market = try markets.market(name, kind: .linear)
            let positionSide = fields.string("positionSide") ?? "BOTH"
            var position = VenuePosition(
                symbol: market.symbol,
                side: positionSide == "SHORT" || (positionSide == "BOTH" && amount.raw < 0) ? .short : .long,
                contracts: Quantity(raw: amount.raw.magnitude > 0 ? Int128(amount.raw.magnitude) : 0),
                hedged: positionSide != "BOTH"
            )
            position.contractSize = market.contractSize
            position.entryPrice = try fields.nonZeroPrice("entryPrice")
            position.markPrice = try fields.nonZeroPrice("markPrice")
            if let notional = try fields.price("notional") {
                position.notional = Price(raw: Int128(notional.raw.magnitude))
            }
            position.leverage = try fields.nonZeroPrice("leverage")
            position.unrealizedPnl = try fields.price("unRealizedProfit")
            let isolated =
                try (fields.price("isolatedMargin") ?? .zero).raw != 0 || fields.string("marginType") == "isolated"
            position.marginMode = isolated ? "isolated" : "cross"
            position.liquidationPrice = try fields.nonZeroPrice("liquidationPrice")
            position.collateral = try fields.price("isolatedWallet")
            position.initialMargin = try fields.price("initialMargin")
            position.maintenanceMargin = try fields.price("maintMargin")
            position.timestamp = fields.int64("updateTime")
            positions.append(position)
        }
        return positions
    }

    /// Klines: `[openTime, "open", "high", "low", "close", "volume", …]`, oldest first.
    public static func candles(_ body: [UInt8]) throws -> [VenueCandle] {
        guard let rows = try JSONBody.object(body) as? [[Any]] else {
            throw ResponseFormatError("klines: expected an array of arrays")
        }
        return try rows.map(VenueCandle.init(row:))
    }
}

extension VenueCandle {
    /// `[time, open, high, low, close, volume, …]` with numbers or numeric strings.
    init(row: [Any]) throws {
        guard row.count >= 6 else {
            throw ResponseFormatError("candle: expected [time, open, high, low, close, volume]")
        }
        func text(_ index: Int) throws -> String {
            guard let value = JSONBody.decimal(row[index]) else {
                throw ResponseFormatError("candle: field \(index) is not a number")
            }
            return value
        }
        guard let time = Int64(try text(0)) else { throw ResponseFormatError("candle: time is not an integer") }
        do {
            self.init(
                time: time,
                open: try Price(try text(1)),
                high: try Price(try text(2)),
                low: try Price(try text(3)),
                close: try Price(try text(4)),
                volume: try Quantity(try text(5))
            )
        } catch let error as ResponseFormatError { throw error } catch {
            throw ResponseFormatError("candle \(time): a price or volume is not a decimal")
        }
    }
}

extension BinanceParsing {
    /// Spot `myTrades` or USD-M `userTrades`.
    public static func trades(_ body: [UInt8], market: VenueMarket) throws -> [VenueTrade] {
        guard let rows = try JSONBody.object(body) as? [[String: Any]] else {
            throw ResponseFormatError("trades: expected an array")
        }
        return try rows.map { row in
            let fields = JSONFields(row, "trade")
            let buyer = fields.bool("isBuyer") ?? fields.bool("buyer") ?? (fields.string("side") == "BUY")
            var trade = VenueTrade(
                id: try fields.require("id"),
                symbol: market.symbol,
                side: buyer ? .buy : .sell,
                price: try fields.price("price") ?? .zero,
                amount: try fields.quantity("qty") ?? .zero,
                timestamp: fields.int64("time") ?? 0
            )
            trade.orderID = fields.string("orderId")
            trade.cost = try fields.price("quoteQty")
            trade.feeCost = try fields.price("commission")
            trade.feeCurrency = fields.string("commissionAsset")
            if let maker = fields.bool("isMaker") ?? fields.bool("maker") {
                trade.takerOrMaker = maker ? "maker" : "taker"
            }
            return trade
        }
    }
}
