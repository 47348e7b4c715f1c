import TradingMarketData

/// Reads the exchange, symbol and timeframe from file names:
/// `binance_BTCUSDT_1m.csv[.gz]` (../shared/data), `BTCUSDT-1m-2024-01.csv` (Binance public data, exchange
/// `binance`), `BTC_USDT-1h.json` (freqtrade; the exchange must be given).
enum SeriesNaming {
    struct Guess {
        var exchange: String?
        var symbol: String?
        var timeframe: String?
    }

    static func guess(_ path: String) -> Guess {
        var name = String(path.split(separator: "/").last ?? Substring(path))
        for suffix in [".gz", ".csv", ".jsonl", ".json", ".txt", ".feather"] where name.hasSuffix(suffix) {
            name.removeLast(suffix.count)
        }
        let dashed = name.split(separator: "-").map(String.init)
        if dashed.count >= 2, Timeframe(dashed[1]) != nil {
            // BTCUSDT-1m-2024-01 (Binance) or BTC_USDT-1m (freqtrade).
            let freqtrade = dashed[0].contains("_")
            return Guess(
                exchange: freqtrade ? nil : "binance",
                symbol: dashed[0].replacingUnderscores.uppercased(),
                timeframe: dashed[1]
            )
        }
        let parts = name.split(separator: "_").map(String.init)
        if parts.count >= 3 {
            return Guess(
                exchange: parts[0].lowercased(),
                symbol: parts[1].uppercased(),
                timeframe: Timeframe(parts[2]) != nil ? parts[2] : nil
            )
        }
        if parts.count == 2 {
            return Guess(exchange: parts[0].lowercased(), symbol: parts[1].uppercased(), timeframe: nil)
        }
        return Guess()
    }
}

extension String {
    fileprivate var replacingUnderscores: String { split(separator: "_").joined() }
}
