import TradingBacktest
import TradingCore
public import TradingCosmos
import TradingMarketData

/// An error in an input series file, naming the file and line.
public struct SeriesFileError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let line: Int?
    public let reason: String
    public var description: String { line.map { "\(path):\($0): \(reason)" } ?? "\(path): \(reason)" }
}

/// Reads a two-column series (`time,value`) such as a fear-and-greed index or measured Schumann
/// frequencies. The first line may be a header. Times are Unix seconds or milliseconds, or ISO-8601 UTC;
/// values are decimal numbers. Other columns are ignored when the header names `time`/`timestamp` and
/// `value`.
public enum TimeSeriesFile {
    public static func read(
        _ path: String,
        valueRange: ClosedRange<Double>? = nil
    ) throws(SeriesFileError) -> TimeSeries {
        var points: [(time: Timestamp, value: Double)] = []
        var timeColumn = 0
        var valueColumn = 1
        try forEachLine(path) { (number, line) throws(SeriesFileError) in
            if line.trimmingCharacters(in: " \t\r").isEmpty { return }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: " \t\r\"")
            }
            if number == 1, Double(fields[0]) == nil, (try? Timestamp(parsing: fields[0])) == nil {
                let names = fields.map { $0.lowercased() }
                timeColumn = names.firstIndex { $0 == "time" || $0 == "timestamp" || $0 == "date" } ?? 0
                valueColumn = names.firstIndex { $0 == "value" || $0 == "frequency" || $0 == "sentiment" } ?? 1
                return
            }
            guard fields.count > max(timeColumn, valueColumn) else {
                throw SeriesFileError(
                    path: path,
                    line: number,
                    reason: "expected at least \(max(timeColumn, valueColumn) + 1) columns"
                )
            }
            let time: Timestamp
            switch parseTime(fields[timeColumn]) {
            case .success(let value): time = value
            case .failure(let error): throw SeriesFileError(path: path, line: number, reason: "\(error)")
            }
            guard let value = Double(fields[valueColumn]), value.isFinite else {
                throw SeriesFileError(
                    path: path,
                    line: number,
                    reason: "bad value '\(fields[valueColumn].prefix(100))'"
                )
            }
            if let range = valueRange, !range.contains(value) {
                throw SeriesFileError(
                    path: path,
                    line: number,
                    reason: "value \(value) is outside \(range.lowerBound)…\(range.upperBound)"
                )
            }
            points.append((time, value))
        }
        guard !points.isEmpty else { throw SeriesFileError(path: path, line: nil, reason: "no data rows") }
        return TimeSeries(points)
    }

    /// A date or an integer Unix time (its unit told by its size), from 1970 to 2100
    /// (``Timestamp/commandLineRange``: a factor's history may start before market data does).
    static func parseTime(_ text: String) -> Result<Timestamp, TimestampParseError> {
        Result { () throws(TimestampParseError) in try Timestamp(parsing: text) }
    }

    /// Calls `body` with each line (1-based number, text) of a plain or gzip file, through ``LineReader``.
    static func forEachLine(
        _ path: String,
        _ body: (Int, String) throws(SeriesFileError) -> Void
    ) throws(SeriesFileError) {
        let reader: LineReader
        do {
            reader = try LineReader(path: path)
        } catch {
            throw SeriesFileError(path: path, line: nil, reason: "\(error)")
        }
        while true {
            let bytes: UnsafeBufferPointer<UInt8>?
            do {
                bytes = try reader.nextLine()
            } catch {
                throw SeriesFileError(path: path, line: reader.lineNumber + 1, reason: "\(error)")
            }
            guard let bytes else { return }
            guard let line = String(validating: bytes, as: UTF8.self) else {
                throw SeriesFileError(path: path, line: reader.lineNumber, reason: "not UTF-8 text")
            }
            try body(reader.lineNumber, line)
        }
    }

    /// The whole file as text (for small configuration files).
    static func readText(_ path: String) throws(SeriesFileError) -> String {
        var lines: [String] = []
        try forEachLine(path) { _, line in lines.append(line) }
        return lines.joined(separator: "\n")
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text.removeFirst() }
        while let last = text.last, set.contains(last) { text.removeLast() }
        return String(text)
    }
}
