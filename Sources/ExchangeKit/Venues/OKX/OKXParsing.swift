import Foundation
import TradingCore

/// OKX v5 replies in unified terms.
public enum OKXParsing {
    /// The reply to `batch-orders` or `order-algo` with one order: its IDs, or the venue's refusal
    /// (`sCode` other than 0) as a ``VenueRejection``. The request's symbol, type, side and reduce-only
    /// are filled in and marked as echoed; the reply's `ts` is the time OKX accepted it.
    public static func orderAcknowledgement(
        _ body: [UInt8],
        market: VenueMarket,
        request: OrderRequest?
    ) throws
        -> VenueOrderReport
    {
        let root = try VenueReply.checked(body, venue: "okx")
        guard let entry = (root["data"] as? [[String: Any]])?.first else {
            throw ResponseFormatError("okx order: data is empty")
        }
        let fields = JSONFields(entry, "okx order")
        if let code = fields.string("sCode"), code != "0" {
            throw VenueRejection(venue: "okx", code: code, message: fields.string("sMsg") ?? "")
        }
        var order = VenueOrderReport()
        order.id = fields.string("ordId") ?? fields.string("algoId")
        order.clientOrderID = fields.string("clOrdId") ?? fields.string("algoClOrdId")
        order.lastUpdateTimestamp = fields.int64("ts")
        order.symbol = market.symbol
        order.echoedFromRequest = ["symbol"]
        if let request {
            order.type = request.kind.hasLimitPrice ? "limit" : "market"
            order.side = request.side
            order.reduceOnly = request.reduceOnly
            order.echoedFromRequest.formUnion(["type", "side", "reduceOnly"])
        }
        return order
    }

    /// `GET /api/v5/market/ticker`. Swap volumes: `volCcy24h` is in the base currency.
    public static func ticker(_ body: [UInt8], market: VenueMarket) throws -> VenueTicker {
        let root = try VenueReply.checked(body, venue: "okx")
        guard let entry = (root["data"] as? [[String: Any]])?.first else {
            throw ResponseFormatError("okx ticker: data is empty")
        }
        let fields = JSONFields(entry, "okx ticker")
        var ticker = VenueTicker(symbol: market.symbol)
        ticker.timestamp = fields.int64("ts")
        ticker.high = try fields.nonZeroPrice("high24h")
        ticker.low = try fields.nonZeroPrice("low24h")
        ticker.bid = try fields.nonZeroPrice("bidPx")
        ticker.bidVolume = try fields.quantity("bidSz")
        ticker.ask = try fields.nonZeroPrice("askPx")
        ticker.askVolume = try fields.quantity("askSz")
        ticker.open = try fields.nonZeroPrice("open24h")
        ticker.last = try fields.nonZeroPrice("last")
        if market.isContract {
            ticker.baseVolume = try fields.quantity("volCcy24h")
        } else {
            ticker.baseVolume = try fields.quantity("vol24h")
            ticker.quoteVolume = try fields.price("volCcy24h")
        }
        ticker.derive(tickSize: market.tickSize)
        return ticker
    }

    /// `GET /api/v5/account/balance`: per currency, free is `availEq` (or `availBal`), total `eq`, used the
    /// difference.
    public static func balance(_ body: [UInt8]) throws -> VenueBalance {
        let root = try VenueReply.checked(body, venue: "okx")
        guard let account = (root["data"] as? [[String: Any]])?.first,
            let details = account["details"] as? [[String: Any]]
        else { throw ResponseFormatError("okx balance: data[0].details missing") }
        return VenueBalance(
            entries: try details.map { row in
                let fields = JSONFields(row, "okx balance")
                let free = try fields.price("availEq") ?? fields.price("availBal") ?? .zero
                let total = try fields.price("eq") ?? fields.price("cashBal") ?? free
                return .init(currency: try fields.require("ccy"), free: free, used: total - free, total: total)
            }
        )
    }

    /// `GET /api/v5/account/positions`: open positions (zero sizes left out). In net mode the sign of
    /// `pos` gives the side; in long/short mode `posSide` does.
    public static func positions(_ body: [UInt8], markets: MarketList) throws -> [VenuePosition] {
        let root = try VenueReply.checked(body, venue: "okx")
        guard let rows = root["data"] as? [[String: Any]] else {
            throw ResponseFormatError("okx positions: data missing")
        }
        var positions: [VenuePosition] = []
        for row in rows {
            let fields = JSONFields(row, "okx position")
            let size = try fields.price("pos") ?? .zero
            guard size.raw != 0 else { continue }
            let market = try markets.market(try fields.require("instId"))
            let positionSide = fields.string("posSide") ?? "net"
            var position = VenuePosition(
                symbol: market.symbol,
                side: positionSide == "short" || (positionSide == "net" && size.raw < 0) ? .short : .long,
                contracts: Quantity(raw: Int128(size.raw.magnitude)),
                hedged: positionSide != "net"
            )
            position.contractSize = market.contractSize
            position.entryPrice = try fields.nonZeroPrice("avgPx")
            position.markPrice = try fields.nonZeroPrice("markPx")
            position.notional = try fields.price("notionalUsd")
            position.leverage = try fields.nonZeroPrice("lever")
            position.unrealizedPnl = try fields.price("upl")
            let mode = fields.string("mgnMode")
            position.marginMode = mode
            position.liquidationPrice = try fields.nonZeroPrice("liqPx")
            let margin = try fields.price("margin")
            if mode == "isolated", let margin {
                position.initialMargin = margin
                position.collateral = margin + (position.unrealizedPnl ?? .zero)
            } else {
                position.initialMargin = try fields.price("imr")
            }
            position.maintenanceMargin = try fields.price("mmr")
            position.timestamp = fields.int64("cTime")
            positions.append(position)
        }
        return positions
    }
}
