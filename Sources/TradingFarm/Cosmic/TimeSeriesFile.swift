public import TradingCosmos
import TradingCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    public static func read(_ path: String, valueRange: ClosedRange<Double>? = nil) throws(SeriesFileError) -> TimeSeries {
        let text: String
        do {
            text = try readText(path)
        } catch {
            throw error
        }
        var points: [(time: Timestamp, value: Double)] = []
        var timeColumn = 0
        var valueColumn = 1
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.trimmingCharacters(in: " \t").isEmpty { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: " \t\"") }
            if offset == 0, Double(fields[0]) == nil, (try? Timestamp(parsing: fields[0])) == nil {
                let names = fields.map { $0.lowercased() }
                timeColumn = names.firstIndex { $0 == "time" || $0 == "timestamp" || $0 == "date" } ?? 0
                valueColumn = names.firstIndex { $0 == "value" || $0 == "frequency" || $0 == "sentiment" } ?? 1
                continue
            }
            guard fields.count > max(timeColumn, valueColumn) else {
                throw SeriesFileError(path: path, line: offset + 1, reason: "expected at least \(max(timeColumn, valueColumn) + 1) columns")
            }
            guard let time = parseTime(fields[timeColumn]) else {
                throw SeriesFileError(path: path, line: offset + 1, reason: "bad time '\(fields[timeColumn])'")
            }
            guard let value = Double(fields[valueColumn]), value.isFinite else {
                throw SeriesFileError(path: path, line: offset + 1, reason: "bad value '\(fields[valueColumn])'")
            }
            if let range = valueRange, !range.contains(value) {
                throw SeriesFileError(path: path, line: offset + 1, reason: "value \(value) is outside \(range.lowerBound)…\(range.upperBound)")
            }
            points.append((time, value))
        }
        guard !points.isEmpty else { throw SeriesFileError(path: path, line: nil, reason: "no data rows") }
        return TimeSeries(points)
    }

    static func parseTime(_ text: String) -> Timestamp? {
        if let number = Int64(text) {
            // Seconds until the year 5138; milliseconds after.
            return number < 100_000_000_000 ? Timestamp(seconds: number) : Timestamp(milliseconds: number)
        }
        return try? Timestamp(parsing: text)
    }

    static func readText(_ path: String) throws(SeriesFileError) -> String {
        guard let file = fopen(path, "rb") else { throw SeriesFileError(path: path, line: nil, reason: "cannot open") }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count > 0 { bytes.append(contentsOf: buffer[0..<count]) }
            if count < buffer.count { break }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw SeriesFileError(path: path, line: nil, reason: "not UTF-8 text")
        }
        return text
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
