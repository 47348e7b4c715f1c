import FuzzSupport
import TradingCore
import TradingMarketData

let candlePath = FuzzInput.path("fuzz_BTCUSDT_1m.csv")
let inferredPath = FuzzInput.path("fuzz.csv")

/// A candle file, read with the timeframe named and with it inferred: every input must end in a
/// ``DataError`` or bars.
func fuzzCandles(_ data: UnsafePointer<UInt8>, _ size: Int) {
    for (path, timeframe) in [(candlePath, Timeframe.minutes(1)), (inferredPath, nil)] as [(String, Timeframe?)] {
        FuzzInput.write(data, size, to: path)
        do {
            let source = try CandleFileSource(path: path, instrument: InstrumentIndex(0), timeframe: timeframe)
            while try source.next() != nil {}
            _ = try DataFileDescription.describe(path)
        } catch {}
    }
}
