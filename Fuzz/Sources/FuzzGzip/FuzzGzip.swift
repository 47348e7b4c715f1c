import FuzzSupport
import TradingMarketData

let path = FuzzInput.path("lines.csv.gz")

/// Any bytes as a (possibly gzip) file read line by line: a truncated or corrupt stream must be a
/// ``DataError``.
func fuzzGzip(_ data: UnsafePointer<UInt8>, _ size: Int) {
    FuzzInput.write(data, size, to: path)
    do {
        let reader = try LineReader(path: path, chunkSize: 64)
        while try reader.nextLine() != nil {}
    } catch {}
}
