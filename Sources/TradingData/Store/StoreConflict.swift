import GRDB
import TradingCore

/// The SQL functions an insert calls when a row is already stored with other values
/// (``ConflictPolicy/fail``): each fails the statement with a message naming the row and both values.
enum StoreConflict {
    /// Starts the message of a conflict, so the inserter tells it from other SQLite errors.
    static let marker = "omega-conflict: "

    static func register(in db: Database) {
        db.add(function: candle)
        db.add(function: funding)
    }

    private static func decimal(_ value: DatabaseValue) -> String {
        Int64.fromDatabaseValue(value).map { Decimal8(units: $0).description } ?? "?"
    }

    private static func time(_ value: DatabaseValue) -> String {
        guard let milliseconds = Int64.fromDatabaseValue(value), let time = Timestamp(checkedMilliseconds: milliseconds)
        else { return "?" }
        return time.iso8601
    }

    /// (open time, stored open, high, low, close, volume, new open, high, low, close, volume).
    static let candle = DatabaseFunction("omega_candle_conflict", argumentCount: 11, pure: false) { values in
        let names = ["open", "high", "low", "close", "volume"]
        let changes = names.indices.compactMap { index -> String? in
            let stored = decimal(values[1 + index])
            let new = decimal(values[6 + index])
            return stored == new ? nil : "\(names[index]) \(stored) → \(new)"
        }
        throw DatabaseError(
            message: marker + "the bar at \(time(values[0])) is already stored with other values ("
                + changes.joined(separator: ", ") + "); give --replace to overwrite it"
        )
    }

    /// (time, stored rate, new rate).
    static let funding = DatabaseFunction("omega_funding_conflict", argumentCount: 3, pure: false) { values in
        throw DatabaseError(
            message: marker + "the funding rate at \(time(values[0])) is already stored as \(decimal(values[1])),"
                + " not \(decimal(values[2])); give --replace to overwrite it"
        )
    }
}
