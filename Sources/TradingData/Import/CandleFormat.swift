import Foundation
import TradingMarketData

/// The candle file layouts `omega data import` reads.
enum CandleFormat: String {
    /// `timestamp,open,high,low,close,volume` with ms timestamps (../shared/data).
    case omega = "omega csv"
    /// Binance public data klines: 12 columns, no header, ms or µs open times.
    case binanceKlines = "binance klines"
    /// freqtrade: a JSON array of `[ms, open, high, low, close, volume]`.
    case freqtrade = "freqtrade json"
    /// Any CSV with a header, mapped by `--columns`.
    case generic = "generic csv"

    /// Decides from the file name, the first line and the options.
    static func detect(path: String, firstLine: String, options: ImportOptions) -> CandleFormat? {
        if options.columns != nil { return .generic }
        let name = path.hasSuffix(".gz") ? String(path.dropLast(3)) : path
        if name.hasSuffix(".json") || firstLine.hasPrefix("[") { return .freqtrade }
        let fields = firstLine.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        if Array(fields.prefix(6)) == ["timestamp", "open", "high", "low", "close", "volume"] { return .omega }
        if fields.count == 12, fields.allSatisfy({ Double($0) != nil }) { return .binanceKlines }
        return nil
    }
}

/// A candle row's checks: positive prices, `low ≤ open, close ≤ high`, volume not negative.
enum CandleChecks {
    static func problem(_ candle: StoredCandle) -> String? {
        if candle.low.units <= 0 || candle.open.units <= 0 || candle.close.units <= 0 || candle.high.units <= 0 {
            return "prices must be positive"
        }
        if candle.high < candle.low { return "high \(candle.high) < low \(candle.low)" }
        if candle.open < candle.low || candle.open > candle.high {
            return "open \(candle.open) outside [low \(candle.low), high \(candle.high)]"
        }
        if candle.close < candle.low || candle.close > candle.high {
            return "close \(candle.close) outside [low \(candle.low), high \(candle.high)]"
        }
        if candle.volume.units < 0 { return "negative volume \(candle.volume)" }
        return nil
    }
}
