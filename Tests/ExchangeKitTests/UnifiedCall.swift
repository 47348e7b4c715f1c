import ExchangeKit
import Foundation
import TradingCore

/// A ccxt unified call of a vector case (`method` and positional `args`), read into Omega's terms.
struct UnifiedCall {
    var method: String
    var symbol: String?
    var symbols: [String] = []
    var order: OrderRequest?
    var id: String?
    var params: [String: Any] = [:]
    var timeframe: String?
    var since: Int64?
    var limit: Int?
    /// The price ccxt was given with a market order (Bitget converts a spot market buy to quote with it).
    var referencePrice: Price?

    init(_ vector: VectorCase) throws {
        method = try vector.string("method")
        let args = vector["args"] as? [Any] ?? []
        func arg(_ index: Int) -> Any? {
            guard index < args.count, !(args[index] is NSNull) else { return nil }
            return args[index]
        }
        switch method {
        case "createOrder", "createStopLossOrder":
            symbol = arg(0) as? String
            params = arg(5) as? [String: Any] ?? [:]
            let type = arg(1) as? String ?? "market"
            let side: OrderSide = (arg(2) as? String) == "sell" ? .sell : .buy
            let amount = try Quantity(Self.decimal(arg(3)) ?? "0")
            var price = try Self.decimal(arg(4)).map { try Price($0) }
            var trigger = try (Self.decimal(params["triggerPrice"]) ?? Self.decimal(params["stopPrice"])).map {
                try Price($0)
            }
            if method == "createStopLossOrder" { trigger = try Self.decimal(arg(5)).map { try Price($0) } }
            var kind: OrderRequest.Kind = type == "limit" ? .limit : .market
            if trigger != nil { kind = kind == .limit ? .stopLimit : .stopMarket }
            if let stopLoss = Self.decimal(params["stopLossPrice"]) {
                trigger = try Price(stopLoss)
                kind = kind == .limit ? .stopLimit : .stopMarket
            }
            if type == "market" && price != nil {
                referencePrice = price
                price = nil
            }
            order = OrderRequest(
                symbol: symbol ?? "",
                side: side,
                kind: kind,
                amount: amount,
                price: kind.hasLimitPrice ? price : nil,
                triggerPrice: trigger,
                postOnly: params["postOnly"] as? Bool ?? false,
                reduceOnly: params["reduceOnly"] as? Bool ?? false,
                clientOrderID: params["clientOrderId"] as? String
            )
        case "cancelOrder", "fetchOrder":
            id = arg(0) as? String
            symbol = arg(1) as? String
        case "fetchOrderWithClientOrderId":
            id = arg(0) as? String
            symbol = arg(1) as? String
        case "fetchOHLCV":
            symbol = arg(0) as? String
            timeframe = arg(1) as? String
            since = (arg(2) as? NSNumber)?.int64Value
            limit = (arg(3) as? NSNumber)?.intValue
        case "fetchPositions":
            symbols = arg(0) as? [String] ?? []
        case "fetchBalance":
            params = arg(0) as? [String: Any] ?? [:]
        case "fetchMyTrades":
            symbol = arg(0) as? String
            since = (arg(1) as? NSNumber)?.int64Value
            limit = (arg(2) as? NSNumber)?.intValue ?? (arg(2) as? String).flatMap { Int($0) }
        case "fetchOrderBook":
            symbol = arg(0) as? String
            limit = (arg(1) as? NSNumber)?.intValue
        default:
            symbol = arg(0) as? String
            params = arg(1) as? [String: Any] ?? [:]
        }
    }

    /// A JSON number or numeric string as decimal text.
    static func decimal(_ value: Any?) -> String? {
        if let text = value as? String { return text }
        if let number = value as? NSNumber { return "\(number)" }
        if let object = value as? [String: Any] { return decimal(object["stopPrice"] ?? object["triggerPrice"]) }
        return nil
    }
}

/// The timestamp a case was built at: its clock, else the `timestamp` in its URL or body.
func caseTimestamp(_ vector: VectorCase) -> Int64 {
    if let clock = vector["clock_ms"] as? NSNumber { return clock.int64Value }
    let text = (vector["expected_url"] as? String ?? "") + "&" + (vector["expected_body"] as? String ?? "")
    if let range = text.range(of: "timestamp=") {
        return Int64(text[range.upperBound...].prefix { $0.isNumber }) ?? 0
    }
    return 1_700_000_000_000
}

/// A value of `name` in a case's expected URL query or form body (a client order ID ccxt generated).
func expectedParameter(_ vector: VectorCase, _ name: String) -> String? {
    let text = (vector["expected_url"] as? String ?? "") + "&" + (vector["expected_body"] as? String ?? "")
    for pair in text.split(whereSeparator: { $0 == "&" || $0 == "?" }) {
        let parts = pair.split(separator: "=", maxSplits: 1)
        if parts.count == 2, parts[0] == name { return String(parts[1]) }
    }
    return nil
}

/// The credentials of a case (the vectors' test key), prepared for signing.
func caseAuthentication(_ vector: VectorCase) throws -> RequestAuthentication {
    let given = vector["credentials"] as? [String: String] ?? [:]
    return try RequestAuthentication(
        Credentials(
            apiKey: given["apiKey"] ?? "test-api-key",
            secret: given["secret"] ?? "test-api-secret",
            passphrase: given["password"] ?? "test-passphrase"
        )
    )
}
