import TradingCore

/// The integer times of one imported file: read in `--timestamp-unit` when given, otherwise each in the unit
/// its size tells (``EpochUnit/init(detecting:)``), and held to ``Timestamp/marketDataRange``.
/// The store keeps Unix milliseconds: a candle's time must fall on a whole millisecond, a tick's is truncated
/// to its millisecond (its sequence number keeps the file's order).
struct FileTime {
    /// The unit given, if any.
    let unit: EpochUnit?
    /// The units the values were read in.
    private(set) var seen = EpochUnitsSeen()

    init(unit: EpochUnit? = nil) { self.unit = unit }

    /// `value` as Unix milliseconds, or why it cannot be.
    mutating func milliseconds(_ value: Int64, truncating: Bool = false) -> Result<Int64, StoreError> {
        let unit = self.unit ?? EpochUnit(detecting: value)
        seen.insert(unit)
        do {
            let time = try unit.timestamp(value, in: Timestamp.marketDataRange)
            guard truncating || time.nanoseconds % 1_000_000 == 0 else {
                return .failure(StoreError("timestamp: \(value) \(unit) is not a whole millisecond"))
            }
            return .success(time.milliseconds)
        } catch {
            return .failure(StoreError("timestamp: \(error)"))
        }
    }

    /// Milliseconds read from date text, held to the same range.
    static func checked(milliseconds: Int64, text: String) -> Result<Int64, StoreError> {
        guard let time = Timestamp(checkedMilliseconds: milliseconds), Timestamp.marketDataRange.contains(time) else {
            return .failure(
                StoreError(
                    "timestamp: '\(text.prefix(100))' is outside the accepted range "
                        + Timestamp.describe(Timestamp.marketDataRange)
                )
            )
        }
        return .success(milliseconds)
    }
}
