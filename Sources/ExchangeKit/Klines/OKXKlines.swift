/// OKX v5 `GET /api/v5/market/history-candles`: `{"code":"0","data":[[ts, o, h, l, c, vol, volCcy,
/// volCcyQuote, confirm], …]}`, newest first; `after` and `before` bound the timestamps exclusively.
/// Instruments are `BTC-USDT`; bars of 6 hours and longer use the UTC-aligned codes (`1Dutc`).
public struct OKXKlines: KlineVenue {
    public init() {}

    public var name: String { "okx" }
    public var defaultBaseURL: String { "https://www.okx.com" }
    public var pageSize: Int { 100 }
    public var weight: Int { 1 }
    public var rateLimit: (capacity: Int, window: Duration) { (20, .seconds(2)) }
    public var usedWeightHeader: (name: String, limit: Int)? { nil }

    public func intervalCode(_ interval: KlineInterval) -> String? {
        switch interval {
        case .months(1): return "1Mutc"
        case .months(3): return "3Mutc"
        case .months: return nil
        case .minutes(let n):
            let codes: [Int: String] = [
                1: "1m", 3: "3m", 5: "5m", 15: "15m", 30: "30m", 60: "1H", 120: "2H", 240: "4H", 360: "6Hutc",
                720: "12Hutc",
                1_440: "1Dutc", 2_880: "2Dutc", 4_320: "3Dutc", 10_080: "1Wutc",
            ]
            return codes[n]
        }
    }

    /// `BTCUSDT` → `BTC-USDT` (symbols with a dash pass through).
    public static func instrument(_ symbol: String) -> String {
        let upper = symbol.uppercased()
        if upper.contains("-") { return upper }
        for quote in ["USDT", "USDC", "USD", "BTC", "ETH", "EUR"]
        where upper.hasSuffix(quote) && upper.count > quote.count {
            return "\(upper.dropLast(quote.count))-\(quote)"
        }
        return upper
    }

    public func url(base: String, symbol: String, interval: String, start: Int64, end: Int64) -> String {
        "\(base)/api/v5/market/history-candles?instId=\(Self.instrument(symbol))&bar=\(interval)&after=\(end)&before=\(start - 1)&limit=\(pageSize)"
    }

    public func parse(_ body: [UInt8]) throws -> [Kline] {
        guard let object = try JSONBody.object(body) as? [String: Any] else {
            throw ResponseFormatError("expected a JSON object")
        }
        guard let code = object["code"].flatMap(JSONBody.decimal), code == "0" else {
            throw ResponseFormatError("OKX error \(object["code"] ?? "?"): \(object["msg"] ?? "")")
        }
        guard let rows = object["data"] as? [Any] else { throw ResponseFormatError("expected data") }
        return try JSONBody.klines(rows)
    }
}
