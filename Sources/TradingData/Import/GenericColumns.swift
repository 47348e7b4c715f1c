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

    /// The row's candle, its open time in Unix milliseconds: integers read by `time`, date text in the zone.
    func candle(
        _ line: UnsafeBufferPointer<UInt8>,
        _ ranges: [Range<Int>],
        time clock: inout FileTime
    ) -> Result<StoredCandle, StoreError> {
        guard let widest = indices.max(), ranges.count > widest else {
            return .failure(StoreError("expected at least \((indices.max() ?? 0) + 1) columns, got \(ranges.count)"))
        }
        let field = UnsafeBufferPointer(rebasing: line[ranges[indices[0]]])
        let checked: Result<Int64, StoreError>
        if unit != "iso", let integer = TimestampParsing.integer(field) {
            checked = clock.milliseconds(integer)
        } else {
            let text = String(decoding: field, as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
            if let milliseconds = TimestampParsing.milliseconds(text: text, timeZone: timeZone) {
                checked = FileTime.checked(milliseconds: milliseconds, text: text)
            } else {
                checked = .failure(
                    StoreError("timestamp: cannot read '\(quoted(field))' (use --timestamp-unit s|ms|us|ns|iso)")
                )
            }
        }
        switch checked {
        case .failure(let error): return .failure(error)
        case .success(let time): return FileImport.candle(line, ranges, time: time, columns: Array(indices.dropFirst()))
        }
    }
}
