import Foundation
import TradingMarketData

/// A generic candle CSV mapped with `--columns timestamp=Date,open=Open,high=High,low=Low,close=Close,volume=Volume`
/// (header names, or 0-based column numbers), with `--timestamp-unit` and `--timezone`.
struct GenericColumns {
    static let fields = ["timestamp", "open", "high", "low", "close", "volume"]
    let indices: [Int]
    let unit: String?
    let timeZone: TimeZone?

    init(header: String, options: ImportOptions, path: String) throws(StoreError) {
        let names = header.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        let mapping = options.columns ?? [:]
        var indices: [Int] = []
        for field in Self.fields {
            let column = mapping[field] ?? field
            if let index = names.firstIndex(where: { $0.caseInsensitiveCompare(column) == .orderedSame }) {
                indices.append(index)
            } else if let index = Int(column), index >= 0, index < names.count {
                indices.append(index)
            } else {
                throw StoreError(
                    "\(path):1: no column '\(column)' for \(field); the header has \(names.joined(separator: ", ")) (map it with --columns \(field)=NAME)"
                )
            }
        }
        self.indices = indices
        if let unit = options.timestampUnit, !["s", "ms", "us", "ns", "iso"].contains(unit) {
            throw StoreError("--timestamp-unit \(unit): expected s, ms, us, ns or iso")
        }
        unit = options.timestampUnit
        if let zone = options.timeZone {
            guard let parsed = TimestampParsing.timeZone(zone) else {
                throw StoreError(
                    "--timezone \(zone): expected UTC, an offset like +02:00, or a zone name like Europe/Berlin"
                )
            }
            timeZone = parsed
        } else {
            timeZone = nil
        }
    }

    mutating func candle(_ line: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>]) -> Result<StoredCandle, StoreError>
    {
        guard let widest = indices.max(), ranges.count > widest else {
            return .failure(StoreError("expected at least \((indices.max() ?? 0) + 1) columns, got \(ranges.count)"))
        }
        let field = UnsafeBufferPointer(rebasing: line[ranges[indices[0]]])
        var time: Int64?
        if unit != "iso", let integer = TimestampParsing.integer(field) {
            time = TimestampParsing.milliseconds(integer, unit: unit)
        } else {
            let text = String(decoding: field, as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
            time = TimestampParsing.milliseconds(text: text, timeZone: timeZone)
        }
        guard let time else {
            return .failure(
                StoreError(
                    "timestamp: cannot read '\(String(decoding: field, as: UTF8.self))' (use --timestamp-unit s|ms|us|ns|iso)"
                )
            )
        }
        return FileImport.candle(line, ranges, time: time, columns: Array(indices.dropFirst()))
    }
}
