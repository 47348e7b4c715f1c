import Foundation
import TradingCore

/// Bybit v5 replies in unified terms.
public enum BybitParsing {
    /// The reply to create or amend: the order's IDs. What Omega sent (the market's symbol) is filled in
    /// and marked as echoed.
    public static func orderAcknowledgement(_ body: [UInt8], market: VenueMarket?) throws -> VenueOrderReport {
        let root = try VenueReply.checked(body, venue: "bybit")
        let result = try JSONFields(root["result"], "bybit order")
        var order = VenueOrderReport()
        order.id = try result.require("orderId")
        order.clientOrderID = result.string("orderLinkId")
        if let market {
            order.symbol = market.symbol
            order.echoedFromRequest = ["symbol"]
        }
        return order
    }

    /// `GET /v5/order/realtime` or `/history`: the orders in `result.list`. An order whose symbol is not
    /// among the loaded markets is attributed to the market asked about.
    public static func orders(_ body: [UInt8], markets: MarketList, requested: VenueMarket) throws -> [VenueOrderReport]
    {
        let root = try VenueReply.checked(body, venue: "bybit")
        let result = try JSONFields(root["result"], "bybit orders")
        guard let list = result.object["list"] as? [[String: Any]] else {
            throw ResponseFormatError("bybit orders: result.list missing")
        }
        return try list.map { try order(JSONFields($0, "bybit order"), markets: markets, requested: requested) }
    }

    static func order(_ fields: JSONFields, markets: MarketList, requested: VenueMarket) throws -> VenueOrderReport {
        var order = VenueOrderReport()
        order.id = fields.string("orderId")
        order.clientOrderID = fields.string("orderLinkId")
        order.timestamp = fields.int64("createdTime")
        order.lastUpdateTimestamp = fields.int64("updatedTime")
        let name = fields.string("symbol") ?? ""
        order.symbol = ((try? markets.market(name, kind: requested.kind)) ?? requested).symbol
        order.type = fields.string("orderType")?.lowercased()
        let timeInForce = fields.string("timeInForce")
        order.timeInForce = timeInForce == "PostOnly" ? "PO" : timeInForce
        order.postOnly = timeInForce == "PostOnly"
        order.reduceOnly = fields.bool("reduceOnly")
        order.side = fields.string("side") == "Sell" ? .sell : .buy
        order.price = try fields.nonZeroPrice("price")
        order.triggerPrice = try fields.nonZeroPrice("triggerPrice")
        order.takeProfitPrice = try fields.nonZeroPrice("takeProfit")
        order.stopLossPrice = try fields.nonZeroPrice("stopLoss")
        order.amount = try fields.quantity("qty")
        order.filled = try fields.quantity("cumExecQty")
        order.remaining = try fields.quantity("leavesQty")
        order.cost = try fields.price("cumExecValue")
        order.average = try fields.nonZeroPrice("avgPrice")
        order.status =
            switch fields.string("orderStatus") {
            case "New", "PartiallyFilled", "Untriggered", "Created": .open
            case "Filled", "Triggered": .closed
            case "Cancelled", "PartiallyFilledCanceled", "Deactivated": .canceled
            case "Rejected": .rejected
            default: nil
            }
        if let detail = fields.object["cumFeeDetail"] as? [String: Any], let currency = detail.keys.sorted().first {
            order.feeCurrency = currency
            order.feeCost = try JSONFields(detail, "bybit cumFeeDetail").price(currency)
        } else if let fee = try fields.price("cumExecFee"), fee.raw != 0 {
            order.feeCost = fee
        }
        return order
    }

    /// `GET /v5/market/tickers` of one symbol.
    public static func ticker(_ body: [UInt8], market: VenueMarket) throws -> VenueTicker {
        let root = try VenueReply.checked(body, venue: "bybit")
        let result = try JSONFields(root["result"], "bybit tickers")
        guard let entry = (result.object["list"] as? [[String: Any]])?.first else {
            throw ResponseFormatError("bybit tickers: empty list")
        }
        let fields = JSONFields(entry, "bybit ticker")
        var ticker = VenueTicker(symbol: market.symbol)
        ticker.high = try fields.nonZeroPrice("highPrice24h")
        ticker.low = try fields.nonZeroPrice("lowPrice24h")
        ticker.bid = try fields.nonZeroPrice("bid1Price")
        ticker.bidVolume = try fields.quantity("bid1Size")
        ticker.ask = try fields.nonZeroPrice("ask1Price")
        ticker.askVolume = try fields.quantity("ask1Size")
        ticker.open = try fields.nonZeroPrice("prevPrice24h")
        ticker.last = try fields.nonZeroPrice("lastPrice")
        if let fraction = try fields.price("price24hPcnt") {
            ticker.percentage = Price(
                raw: FixedPoint.multiply(fraction.raw, 100 * FixedPoint.scale, rounding: .toNearestOrEven)
            )
        }
        ticker.baseVolume = try fields.quantity("volume24h")
        ticker.quoteVolume = try fields.price("turnover24h")
        ticker.markPrice = try fields.nonZeroPrice("markPrice")
        ticker.indexPrice = try fields.nonZeroPrice("indexPrice")
        ticker.derive(tickSize: market.tickSize)
        return ticker
    }

    /// `GET /v5/market/orderbook`. The reply's `u` is not kept: a Bybit local book starts from the
    /// stream's own snapshot message.
    public static func book(_ body: [UInt8], market: VenueMarket) throws -> VenueBook {
        let root = try VenueReply.checked(body, venue: "bybit")
        let result = try JSONFields(root["result"], "bybit orderbook")
        return VenueBook(
            symbol: market.symbol,
            bids: try BinanceDepthParsing.levels(result.object["b"], "b"),
            asks: try BinanceDepthParsing.levels(result.object["a"], "a"),
            timestamp: result.int64("ts")
        )
    }
}
