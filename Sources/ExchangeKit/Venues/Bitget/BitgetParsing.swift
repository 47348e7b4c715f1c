import Foundation
import TradingCore

/// Bitget v2 replies in unified terms.
public enum BitgetParsing {
    /// The reply to `place-order`: the order's IDs; the market's symbol is filled in and marked as echoed.
    public static func orderAcknowledgement(_ body: [UInt8], market: VenueMarket) throws -> VenueOrderReport {
        let root = try VenueReply.checked(body, venue: "bitget")
        let data = try JSONFields(root["data"], "bitget order")
        var order = VenueOrderReport()
        order.id = try data.require("orderId")
        order.clientOrderID = data.string("clientOid")
        order.symbol = market.symbol
        order.echoedFromRequest = ["symbol"]
        return order
    }

    /// Candles: `data` rows of `["time", "open", "high", "low", "close", "base volume", …]`, oldest first.
    public static func candles(_ body: [UInt8]) throws -> [VenueCandle] {
        let root = try VenueReply.checked(body, venue: "bitget")
        guard let rows = root["data"] as? [[Any]] else { throw ResponseFormatError("bitget candles: data missing") }
        return try rows.map(VenueCandle.init(row:))
    }

    /// `GET /api/v2/mix/account/accounts`: per margin coin, free is `available`, used `locked`, total
    /// `accountEquity`.
    public static func futuresBalance(_ body: [UInt8]) throws -> VenueBalance {
        let root = try VenueReply.checked(body, venue: "bitget")
        guard let rows = root["data"] as? [[String: Any]] else {
            throw ResponseFormatError("bitget accounts: data missing")
        }
        return VenueBalance(
            entries: try rows.map { row in
                let fields = JSONFields(row, "bitget account")
                return .init(
                    currency: try fields.require("marginCoin"),
                    free: try fields.price("available") ?? .zero,
                    used: try fields.price("locked") ?? .zero,
                    total: try fields.price("accountEquity") ?? .zero
                )
            }
        )
    }

    /// `GET /api/v2/mix/position/all-position`. The maintenance margin is Bitget's: position value ×
    /// (maintenance margin rate + the taker fee of closing it).
    public static func positions(_ body: [UInt8], markets: MarketList) throws -> [VenuePosition] {
        let root = try VenueReply.checked(body, venue: "bitget")
        guard let rows = root["data"] as? [[String: Any]] else {
            throw ResponseFormatError("bitget positions: data missing")
        }
        var positions: [VenuePosition] = []
        for row in rows {
            let fields = JSONFields(row, "bitget position")
            guard let size = try fields.quantity("total"), size.raw != 0 else { continue }
            let market = try markets.market(try fields.require("symbol"), kind: .linear)
            var position = VenuePosition(
                symbol: market.symbol,
                side: fields.string("holdSide") == "short" ? .short : .long,
                contracts: size,
                hedged: fields.string("posMode") == "hedge_mode"
            )
            position.contractSize = market.contractSize
            position.entryPrice = try fields.nonZeroPrice("openPriceAvg")
            position.markPrice = try fields.nonZeroPrice("markPrice")
            if let mark = position.markPrice {
                position.notional = Price(raw: FixedPoint.multiply(size.raw, mark.raw, rounding: .toNearestOrEven))
            }
            position.leverage = try fields.nonZeroPrice("leverage")
            position.unrealizedPnl = try fields.price("unrealizedPL")
            position.marginMode = fields.string("marginMode") == "isolated" ? "isolated" : "cross"
            position.liquidationPrice = try fields.nonZeroPrice("liquidationPrice")
            position.initialMargin = try fields.price("marginSize")
            if let notional = position.notional, let rate = try fields.price("keepMarginRate") {
                let withFee = rate + (market.takerFeeRate ?? .zero)
                position.maintenanceMargin = Price(
                    raw: FixedPoint.multiply(notional.raw, withFee.raw, rounding: .toNearestOrEven)
                )
            }
            position.timestamp = fields.int64("cTime")
            positions.append(position)
        }
        return positions
    }
}
