/// Binance spot `GET /api/v3/klines` and USD-M futures `GET /fapi/v1/klines`: arrays of
/// `[openTime, open, high, low, close, volume, closeTime, …]`, oldest first.
public struct BinanceKlines: KlineVenue {
    public let futures: Bool

    public init(futures: Bool) { self.futures = futures }

    public var name: String { futures ? "binanceusdm" : "binance" }
    public var defaultBaseURL: String { futures ? "https://fapi.binance.com" : "https://api.binance.com" }
    public var pageSize: Int { futures ? 1_500 : 1_000 }
    public var weight: Int { futures ? 10 : 2 }
    public var rateLimit: (capacity: Int, window: Duration) { futures ? (2_400, .seconds(60)) : (6_000, .seconds(60)) }
    public var usedWeightHeader: (name: String, limit: Int)? { ("X-MBX-USED-WEIGHT-1M", futures ? 2_400 : 6_000) }

    public func intervalCode(_ interval: KlineInterval) -> String? {
        switch interval {
        case .months(1): return "1M"
        case .months: return nil
        case .minutes(let n):
            let codes: [Int: String] = [
                1: "1m", 3: "3m", 5: "5m", 15: "15m", 30: "30m", 60: "1h", 120: "2h", 240: "4h", 360: "6h", 480: "8h",
                720: "12h", 1_440: "1d", 4_320: "3d", 10_080: "1w",
            ]
            return codes[n]
        }
    }

    public func url(base: String, symbol: String, interval: String, start: Int64, end: Int64) -> String {
        let path = futures ? "/fapi/v1/klines" : "/api/v3/klines"
        return
            "\(base)\(path)?symbol=\(symbol.uppercased())&interval=\(interval)&startTime=\(start)&endTime=\(end - 1)&limit=\(pageSize)"
    }

    public func parse(_ body: [UInt8]) throws -> [Kline] {
        guard let rows = try JSONBody.object(body) as? [Any] else {
            throw ResponseFormatError("expected a JSON array of klines")
        }
        return try JSONBody.klines(rows)
    }
}
