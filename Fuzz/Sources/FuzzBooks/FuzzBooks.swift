import FuzzSupport
import TradingCore
import TradingMarketData

let path = FuzzInput.path("book.jsonl")

/// JSON-lines order books, applied to a book as a replay would.
func fuzzBooks(_ data: UnsafePointer<UInt8>, _ size: Int) {
    FuzzInput.write(data, size, to: path)
    do {
        let source = try BookFileSource(path: path, instrument: InstrumentIndex(0))
        var book = OrderBook()
        while let event = try source.next() {
            if case .book(let update) = event { book.apply(update) }
        }
    } catch {}
}
