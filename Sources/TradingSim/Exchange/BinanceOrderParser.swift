public import TradingCore
import TradingEngine

/// Reads a new order from Binance's parameters and checks it as Binance does, in Binance's order: the
/// mandatory parameters of its type (-1102), their values (-1100 malformed numbers, -1111 too many
/// decimals, -1115 time in force, -1116 type, -1117 side), then the symbol's filters (-1013
/// `PRICE_FILTER`, `LOT_SIZE`, `MARKET_LOT_SIZE`, `NOTIONAL` and `PERCENT_PRICE_BY_SIDE` on spot; -4164
/// minimum notional and -4016/-4024 price bands on USD-M).
public enum BinanceOrderParser {
    /// The order in `parameters` on `kind`'s market; `last` is the symbol's last trade price (the reference
    /// for market orders' notional and the price bands).
    /// `algo`: the order came to USD-M's `/fapi/v1/algoOrder` (`algoType=CONDITIONAL`, `triggerPrice` and
    /// `clientAlgoId` instead of `stopPrice` and `newClientOrderId`, conditional types only).
    public static func parse(
        _ parameters: QueryParameters,
        kind: SimMarketKind,
        algo: Bool = false,
        last: (SimSymbol) -> Price?
    ) throws(BinanceError) -> NewOrder {
        if algo {
            guard try parameters.required("algoType") == "CONDITIONAL" else {
                throw BinanceError(code: -1130, message: "Data sent for parameter 'algoType' is not valid.")
            }
        }
        let name = try parameters.symbol()
        guard let symbol = SimSymbol.find(name, on: kind),
            let index = SimInstruments.symbols(kind).firstIndex(where: { $0.symbol == symbol.symbol })
        else { throw .invalidSymbol }
        let sideText = try parameters.required("side")
        let side: OrderSide
        switch sideText {
        case "BUY": side = .buy
        case "SELL": side = .sell
        default: throw BinanceError(code: -1117, message: "Invalid side.")
        }
        let typeText = try parameters.required("type")
        let (type, needsPrice, needsStop, heldUntilTrigger) = try orderType(typeText, kind: kind)
        if algo && !needsStop { throw BinanceError(code: -1116, message: "Invalid orderType.") }
        var tifText = parameters.optional("timeInForce")
        if let text = tifText, !["GTC", "IOC", "FOK"].contains(text) && !(kind == .usdm && text == "GTX") {
            throw BinanceError(code: -1115, message: "Invalid timeInForce.")
        }
        if needsPrice && typeText != "LIMIT_MAKER" {
            if tifText == nil {
                if kind == .spot { throw .mandatory("timeInForce") }
                tifText = "GTC"
            }
        } else if typeText == "LIMIT_MAKER" {
            tifText = "GTC"
        } else if tifText == nil || kind == .spot {
            tifText = "GTC"
        }
        let tif = tifText ?? "GTC"
        var engineTIF = TimeInForce(binance: tif)
        if typeText == "LIMIT_MAKER" { engineTIF = .postOnly }

        let quantity = try decimal(parameters, "quantity", symbol: symbol, places: quantityPlaces(symbol)).map {
            Quantity(raw: $0)
        }
        var quoteOrderQty: Money?
        if kind == .spot, typeText == "MARKET",
            let raw = try decimal(parameters, "quoteOrderQty", symbol: symbol, places: 8)
        {
            quoteOrderQty = Money(raw: raw, currency: .usdt)
        }
        let reduceOnly = try flag(parameters, "reduceOnly", allowed: kind == .usdm)
        let closePosition = try flag(parameters, "closePosition", allowed: kind == .usdm)
        if kind == .usdm, let positionSide = parameters.optional("positionSide"), positionSide != "BOTH" {
            throw BinanceError(code: -4061, message: "Order's position side does not match user's setting.")
        }
        if typeText == "MARKET" && kind == .spot {
            if quantity == nil && quoteOrderQty == nil {
                throw BinanceError(
                    code: -1102,
                    message: "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!"
                )
            }
            if quantity != nil && quoteOrderQty != nil {
                throw BinanceError(code: -1106, message: "Parameter 'quoteOrderQty' sent when not required.")
            }
        } else if quantity == nil && !closePosition {
            throw .mandatory("quantity")
        }
        let price = try decimal(parameters, "price", symbol: symbol, places: pricePlaces(symbol)).map { Price(raw: $0) }
        if needsPrice && price == nil { throw .mandatory("price") }
        let stopName = algo ? "triggerPrice" : "stopPrice"
        let stopPrice = try decimal(parameters, stopName, symbol: symbol, places: pricePlaces(symbol)).map {
            Price(raw: $0)
        }
        if needsStop && stopPrice == nil { throw .mandatory(stopName) }
        let clientOrderId = try clientID(parameters.optional(algo ? "clientAlgoId" : "newClientOrderId"))

        try checkFilters(
            symbol: symbol,
            kind: kind,
            side: side,
            isMarket: type == .market || type == .stopMarket || type == .takeProfitMarket,
            quantity: quantity,
            price: needsPrice ? price : nil,
            stopPrice: needsStop ? stopPrice : nil,
            reduceOnly: reduceOnly || closePosition,
            last: last(symbol)
        )
        return NewOrder(
            symbol: symbol,
            instrument: InstrumentIndex(index),
            side: side,
            binanceType: typeText,
            timeInForce: tif,
            type: type,
            engineTimeInForce: engineTIF,
            quantity: quantity,
            quoteOrderQty: quoteOrderQty,
            price: needsPrice ? price : nil,
            stopPrice: needsStop ? stopPrice : nil,
            reduceOnly: reduceOnly || closePosition,
            clientOrderId: clientOrderId ?? "",
            awaitsTrigger: heldUntilTrigger,
            isAlgo: algo,
            closePosition: closePosition
        )
    }

    /// The engine's type for Binance's, whether it needs a limit price and a stop price, and whether the
    /// sim holds it until its trigger (take-profit limits).
    static func orderType(
        _ text: String,
        kind: SimMarketKind
    ) throws(BinanceError)
        -> (OrderType, price: Bool, stop: Bool, held: Bool)
    {
        switch (kind, text) {
        case (_, "LIMIT"): return (.limit, true, false, false)
        case (_, "MARKET"): return (.market, false, false, false)
        case (.spot, "LIMIT_MAKER"): return (.limit, true, false, false)
        case (.spot, "STOP_LOSS"), (.usdm, "STOP_MARKET"): return (.stopMarket, false, true, false)
        case (.spot, "STOP_LOSS_LIMIT"), (.usdm, "STOP"): return (.stopLimit, true, true, false)
        case (.spot, "TAKE_PROFIT"), (.usdm, "TAKE_PROFIT_MARKET"): return (.takeProfitMarket, false, true, false)
        case (.spot, "TAKE_PROFIT_LIMIT"), (.usdm, "TAKE_PROFIT"): return (.limit, true, true, true)
        default: throw BinanceError(code: -1116, message: "Invalid orderType.")
        }
    }

    static func quantityPlaces(_ symbol: SimSymbol) -> Int { symbol.kind == .spot ? 8 : symbol.quantityPrecision }
    static func pricePlaces(_ symbol: SimSymbol) -> Int { symbol.kind == .spot ? 8 : symbol.pricePrecision }

    /// A decimal parameter as a raw fixed-point value, `nil` when absent.
    static func decimal(
        _ parameters: QueryParameters,
        _ name: String,
        symbol: SimSymbol,
        places: Int
    )
        throws(BinanceError) -> Int128?
    {
        guard let text = parameters.optional(name) else { return nil }
        // One pass over the bytes: `^([0-9]{1,20})(\.[0-9]{1,20})?$`, and the fraction's significant digits.
        var whole = 0
        var fraction = -1  // digits after the point; -1 without a point
        var significant = 0
        for byte in text.utf8 {
            if byte == 0x2E {
                guard fraction < 0, whole > 0 else {
                    fraction = 99
                    break
                }
                fraction = 0
            } else if byte >= 0x30 && byte <= 0x39 {
                if fraction < 0 {
                    whole += 1
                } else {
                    fraction += 1
                    if byte != 0x30 { significant = fraction }
                }
            } else {
                fraction = 99
                break
            }
        }
        guard whole >= 1, whole <= 20, fraction != 0, fraction <= 20 else {
            throw BinanceError(
                code: -1100,
                message:
                    "Illegal characters found in parameter '\(name)'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'."
            )
        }
        if significant > places {
            throw BinanceError(code: -1111, message: "Precision is over the maximum defined for this asset.")
        }
        guard let raw = try? FixedPoint.parse(text), raw > 0 else {
            if (try? FixedPoint.parse(text)) == 0 {
                throw BinanceError(code: -1013, message: "Invalid \(name).")
            }
            throw BinanceError(code: -1130, message: "Data sent for parameter '\(name)' is not valid.")
        }
        return raw
    }

    /// `true`/`false` parameters (`reduceOnly`, `closePosition`), only where the market has them.
    static func flag(_ parameters: QueryParameters, _ name: String, allowed: Bool) throws(BinanceError) -> Bool {
        guard let text = parameters.optional(name) else { return false }
        guard allowed else {
            throw BinanceError(
                code: -1104,
                message: "Not all sent parameters were read; read 0 parameter(s) but was sent 1."
            )
        }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: throw BinanceError(code: -1130, message: "Data sent for parameter '\(name)' is not valid.")
        }
    }

    /// A client order ID as Binance allows it: `^[\.A-Z\:/a-z0-9_-]{1,36}$`.
    static func clientID(_ text: String?) throws(BinanceError) -> String? {
        guard let text else { return nil }
        let allowed = text.utf8.allSatisfy {
            ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39)
                || $0 == 0x2E || $0 == 0x3A || $0 == 0x2F || $0 == 0x5F || $0 == 0x2D
        }
        guard allowed, text.utf8.count <= 36 else {
            throw BinanceError(
                code: -1100,
                message:
                    "Illegal characters found in parameter 'newClientOrderId'; legal range is '^[\\.A-Z\\:/a-z0-9_-]{1,36}$'."
            )
        }
        return text
    }

    static func raw(_ text: String) -> Int128 { (try? FixedPoint.parse(text)) ?? 0 }

    static func checkFilters(
        symbol: SimSymbol,
        kind: SimMarketKind,
        side: OrderSide,
        isMarket: Bool,
        quantity: Quantity?,
        price: Price?,
        stopPrice: Price?,
        reduceOnly: Bool,
        last: Price?
    ) throws(BinanceError) {
        let tick = raw(symbol.tickSize)
        for value in [price, stopPrice].compactMap({ $0 }) {
            if value.raw < raw(symbol.minPrice) || value.raw > raw(symbol.maxPrice) || value.raw % tick != 0 {
                if kind == .spot { throw BinanceError(code: -1013, message: "Filter failure: PRICE_FILTER") }
                if value.raw % tick != 0 {
                    throw BinanceError(code: -1111, message: "Precision is over the maximum defined for this asset.")
                }
                throw BinanceError(code: -4014, message: "Price not increased by tick size.")
            }
        }
        if let quantity {
            let step = raw(symbol.stepSize)
            let maximum = raw(isMarket ? symbol.marketMaxQuantity : symbol.maxQuantity)
            if quantity.raw < raw(symbol.minQuantity) || quantity.raw > maximum || quantity.raw % step != 0 {
                if kind == .spot {
                    throw BinanceError(
                        code: -1013,
                        message: "Filter failure: \(isMarket ? "MARKET_LOT_SIZE" : "LOT_SIZE")"
                    )
                }
                if quantity.raw % step != 0 {
                    throw BinanceError(code: -1111, message: "Precision is over the maximum defined for this asset.")
                }
                throw BinanceError(code: -4005, message: "Quantity greater than max quantity.")
            }
            if let reference = price ?? stopPrice ?? last {
                let notional = FixedPoint.multiply(quantity.raw, reference.raw, rounding: .down)
                if notional < raw(symbol.minNotional) {
                    if kind == .spot { throw BinanceError(code: -1013, message: "Filter failure: NOTIONAL") }
                    if !reduceOnly {
                        throw BinanceError(
                            code: -4164,
                            message:
                                "Order's notional must be no smaller than \(symbol.minNotional) (unless you choose reduce only)."
                        )
                    }
                }
            }
        }
        if let price, let last {
            if kind == .spot {
                let up = last.raw * 5
                let down = last.raw / 5
                if price.raw > up || price.raw < down {
                    throw BinanceError(code: -1013, message: "Filter failure: PERCENT_PRICE_BY_SIDE")
                }
            } else {
                let up = FixedPoint.multiply(last.raw, raw("1.05"), rounding: .down)
                let down = FixedPoint.multiply(last.raw, raw("0.95"), rounding: .up)
                let format = { (value: Int128) in FixedPoint.format(value, decimals: symbol.pricePrecision) }
                if side == .buy && price.raw > up {
                    throw BinanceError(code: -4016, message: "Limit price can't be higher than \(format(up)).")
                }
                if side == .sell && price.raw < down {
                    throw BinanceError(code: -4024, message: "Limit price can't be lower than \(format(down)).")
                }
            }
        }
    }
}
