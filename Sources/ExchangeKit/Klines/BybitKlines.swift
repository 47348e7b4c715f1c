/// Bybit v5 `GET /v5/market/kline` (spot): `{"retCode":0,"result":{"list":[[start, open, high, low, close,
/// volume, turnover], …]}}`, newest first.
public struct BybitKlines: KlineVenue {
    public init() {}

    public var name: String { "bybit" }
    public var defaultBaseURL: String { "https://api.bybit.com" }
    public var pageSize: Int { 1_000 }
    public var weight: Int { 1 }
    public var rateLimit: (capacity: Int, window: Duration) { (50, .seconds(5)) }
    public var usedWeightHeader: (name: String, limit: Int)? { nil }

    public func intervalCode(_ interval: KlineInterval) -> String? {
        switch interval {
        case .months(1): return "M"
        case .months: return nil
        case .minutes(let n):
            let codes: [Int: String] = [
                1: "1", 3: "3", 5: "5", 15: "15", 30: "30", 60: "60", 120: "120", 240: "240", 360: "360", 720: "720",
                1_440: "D", 10_080: "W",
            ]
            return codes[n]
        }
    }

    public func url(base: String, symbol: String, interval: String, start: Int64, end: Int64) -> String {
        "\(base)/v5/market/kline?category=spot&symbol=\(symbol.uppercased())&interval=\(interval)&start=\(start)&end=\(end - 1)&limit=\(pageSize)"
    }

    public func parse(_ body: [UInt8]) throws -> [Kline] {
        guard let object = try JSONBody.object(body) as? [String: Any] else {
            throw ResponseFormatError("expected a JSON object")
        }
        guard let code = object["retCode"].flatMap(JSONBody.integer), code == 0 else {
            throw ResponseFormatError("Bybit error \(object["retCode"] ?? "?"): \(object["retMsg"] ?? "")")
        }
        guard let result = object["result"] as? [String: Any], let rows = result["list"] as? [Any] else {
            throw ResponseFormatError("expected result.list")
        }
        return try JSONBody.klines(rows)
    }
}
