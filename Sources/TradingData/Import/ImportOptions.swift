public import TradingCore
public import TradingMarketData

/// How `omega data import` reads files.
public struct ImportOptions: Sendable {
    /// The series the rows go to; inferred from the file name when `nil`.
    public var exchange: String?
    public var symbol: String?
    public var timeframe: String?
    /// The kind of data (candles unless the header or this says otherwise).
    public var kind: DataKind?
    /// Skip bad lines (counted and reported) instead of stopping the import at the first one.
    public var skipBadLines = false
    /// Overwrite a stored bar or funding rate that has other values, instead of stopping at the conflict.
    public var replace = false
    /// Generic CSV: which column holds which field, as `field=column` (a header name or a 0-based index).
    public var columns: [String: String]?
    /// The unit of integer timestamps (`s`, `ms`, `us`, `ns`), or `iso` for date text (generic CSV only);
    /// told by the first value's size when `nil`.
    public var timestampUnit: String?
    /// Generic CSV: the time zone of date text without an offset (`UTC`, `+02:00`, `Europe/Berlin`).
    public var timeZone: String?

    public init() {}
}

/// A line an import skipped (with `--skip-bad-lines`) or stopped at.
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
    /// Candle rows with the same time as the row before them in the file (kept once; `omega data verify`).
    public var repeatedRows = 0
    /// Candle rows earlier than the row before them in the file (stored all the same; `omega data verify`).
    public var outOfOrderRows = 0
    /// The units the file's integer timestamps were read in (empty for date text and book lines).
    public var timestampUnits = EpochUnitsSeen()
    /// Whether the units were told by the values' size rather than given with `--timestamp-unit`.
    public var timestampUnitDetected = false

    /// Rows that were already stored (a re-import).
    public var alreadyStored: Int { rows - inserted }
}
