public import TradingMarketData

/// How `omega data import` reads files.
public struct ImportOptions: Sendable {
    /// The series the rows go to; inferred from the file name when `nil`.
    public var exchange: String?
    public var symbol: String?
    public var timeframe: String?
    /// The kind of data (candles unless the header or this says otherwise).
    public var kind: DataKind?
    /// Abort on the first bad line instead of skipping it.
    public var strict = false
    /// Generic CSV: which column holds which field, as `field=column` (a header name or a 0-based index).
    public var columns: [String: String]?
    /// Generic CSV: the unit of numeric timestamps (`s`, `ms`, `us`, `ns`), or `iso` for date text.
    public var timestampUnit: String?
    /// Generic CSV: the time zone of date text without an offset (`UTC`, `+02:00`, `Europe/Berlin`).
    public var timeZone: String?

    public init() {}
}

/// A line an import skipped (or, with `--strict`, stopped at).
public struct RejectedLine: Sendable, Hashable, CustomStringConvertible {
    public let file: String
    /// 1-based line number (row number for JSON arrays).
    public let line: Int
    public let reason: String

    public var description: String { "\(file):\(line): \(reason)" }
}

/// What one file gave.
public struct FileImportReport: Sendable, Hashable {
    public let file: String
    public let format: String
    public let key: SeriesKey
    public let rows: Int
    public let inserted: Int
    public let rejected: [RejectedLine]
    /// How many lines were rejected in all (only the first 1,000 are kept in `rejected`).
    public let rejectedCount: Int
    public let first: Int64?
    public let last: Int64?

    /// Rows that were already stored (a re-import).
    public var alreadyStored: Int { rows - inserted }
}
