/// Bitget v2 spot `GET /api/v2/spot/market/history-candles`: `{"code":"00000","data":[[ts, open, high, low,
/// close, baseVolume, usdtVolume, quoteVolume], …]}` for bars before `endTime`; bars of 6 hours and longer
/// use the UTC-aligned codes.
public struct BitgetKlines: KlineVenue {
    public init() {}

    public var name: String { "bitget" }
    public var defaultBaseURL: String { "https://api.bitget.com" }
    public var pageSize: Int { 200 }
    public var weight: Int { 1 }
    public var rateLimit: (capacity: Int, window: Duration) { (20, .seconds(1)) }
    public var usedWeightHeader: (name: String, limit: Int)? { nil }

    public func intervalCode(_ interval: KlineInterval) -> String? {
        switch interval {
        case .months(1): return "1Mutc"
        case .months: return nil
        case .minutes(let n):
            let codes: [Int: String] = [
                1: "1min", 3: "3min", 5: "5min", 15: "15min", 30: "30min", 60: "1h", 240: "4h", 360: "6Hutc",
                720: "12Hutc",
                1_440: "1Dutc", 4_320: "3Dutc", 10_080: "1Wutc",
            ]
            return codes[n]
        }
    }

    public func url(base: String, symbol: String, interval: String, start: Int64, end: Int64) -> String {
        "\(base)/api/v2/spot/market/history-candles?symbol=\(symbol.uppercased())&granularity=\(interval)&endTime=\(end)&limit=\(pageSize)"
    }

    public func parse(_ body: [UInt8]) throws -> [Kline] {
        guard let object = try JSONBody.object(body) as? [String: Any] else {
            throw ResponseFormatError("expected a JSON object")
        }
        guard let code = object["code"].flatMap(JSONBody.decimal), code == "00000" else {
            throw ResponseFormatError("Bitget error \(object["code"] ?? "?"): \(object["msg"] ?? "")")
        }
        guard let rows = object["data"] as? [Any] else { throw ResponseFormatError("expected data") }
        return try JSONBody.klines(rows)
    }
}
