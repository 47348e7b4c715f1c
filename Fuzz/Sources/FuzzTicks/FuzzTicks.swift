import FuzzSupport
import TradingCore
import TradingMarketData

let path = FuzzInput.path("ticks.csv")

/// Trade, quote and funding files: the first byte picks the reader, the rest is the file.
func fuzzTicks(_ data: UnsafePointer<UInt8>, _ size: Int) {
    guard size > 0 else { return }
    FuzzInput.write(data + 1, size - 1, to: path)
    do {
        let source: any MarketDataSource
        switch data[0] % 3 {
        case 0: source = try TradeFileSource(path: path, instrument: InstrumentIndex(0))
        case 1: source = try QuoteFileSource(path: path, instrument: InstrumentIndex(0))
        default:
            source = try FundingFileSource(
                path: path,
                instruments: ["BTCUSDT": InstrumentIndex(0), "ETHUSDT": InstrumentIndex(1)]
            )
        }
        while try source.next() != nil {}
    } catch {}
}
