/// What a request costs against Binance's per-IP request weight limit, by endpoint and parameters, from
/// Binance's published weights (spot `/api/v3`: 6,000 a minute; USD-M `/fapi`: 2,400 a minute).
public enum RequestWeight {
    /// The weight of `GET endpoint` (the path after `/api/v3/` or `/fapi/v1/`) with `parameters`.
    public static func weight(_ endpoint: Substring, kind: SimMarketKind, symbol: Bool, limit: Int64?) -> Int {
        switch kind {
        case .spot:
            switch endpoint {
            case "exchangeInfo", "account": return 20
            case "depth":
                let limit = limit ?? 100
                return limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1_000 ? 50 : 250
            case "klines", "avgPrice": return 2
            case "ticker/price", "ticker/bookTicker": return symbol ? 2 : 4
            case "ticker/24hr": return symbol ? 2 : 80
            case "openOrders": return symbol ? 6 : 80
            case "allOrders", "myTrades": return 20
            default: return 1
            }
        case .usdm:
            switch endpoint {
            case "depth":
                let limit = limit ?? 500
                return limit <= 50 ? 2 : limit <= 100 ? 5 : limit <= 500 ? 10 : 20
            case "klines":
                let limit = limit ?? 500
                return limit < 100 ? 1 : limit < 500 ? 2 : limit <= 1_000 ? 5 : 10
            case "ticker/price": return symbol ? 1 : 2
            case "ticker/bookTicker": return symbol ? 2 : 5
            case "ticker/24hr": return symbol ? 1 : 40
            case "openOrders": return symbol ? 1 : 40
            case "allOrders", "userTrades", "account", "balance", "positionRisk": return 5
            case "income": return 30
            default: return 1
            }
        }
    }

    /// The per-minute weight limit of a market.
    public static func limit(_ kind: SimMarketKind) -> Int { kind == .spot ? 6_000 : 2_400 }
}
