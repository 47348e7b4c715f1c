import GRDB
import GRDBSQLite
public import TradingMarketData

/// Writes inside one store transaction.
public struct StoreWriter {
    let db: Database

    /// The series' id, created on first use.
    public func seriesID(_ key: SeriesKey) throws -> Int64 {
        if let id = try StoreReader(db: db).seriesID(key) { return id }
        try db.execute(
            sql: "INSERT INTO series (exchange, symbol, kind, timeframe) VALUES (?, ?, ?, ?)",
            arguments: [key.exchange, key.symbol, key.kind.rawValue, key.timeframe]
        )
        return db.lastInsertedRowID
    }

    /// A prepared insert for one table. A candle or funding rate already stored with the same values is left
    /// as it is; one stored with other values is handled by `conflicts`. Ticks and book lines are keyed by
    /// time and file order and are left as they are.
    public func inserter(_ kind: DataKind, series: Int64, conflicts: ConflictPolicy = .fail) throws -> RowInserter {
        let columns: String
        let row: String
        let onConflict: String
        switch kind {
        case .candles:
            columns = "candles (series, open_time, open, high, low, close, volume, filled)"
            row = "(?, ?, ?, ?, ?, ?, ?, ?)"
            let differs =
                "candles.open <> excluded.open OR candles.high <> excluded.high OR candles.low <> excluded.low"
                + " OR candles.close <> excluded.close OR candles.volume <> excluded.volume"
            switch conflicts {
            case .fail:
                onConflict =
                    "ON CONFLICT (series, open_time) DO UPDATE SET open = omega_candle_conflict(excluded.open_time,"
                    + " candles.open, candles.high, candles.low, candles.close, candles.volume, excluded.open,"
                    + " excluded.high, excluded.low, excluded.close, excluded.volume) WHERE \(differs)"
            case .replace:
                onConflict =
                    "ON CONFLICT (series, open_time) DO UPDATE SET open = excluded.open, high = excluded.high,"
                    + " low = excluded.low, close = excluded.close, volume = excluded.volume,"
                    + " filled = excluded.filled WHERE \(differs) OR candles.filled <> excluded.filled"
            }
        case .funding:
            columns = "funding (series, time, rate)"
            row = "(?, ?, ?)"
            switch conflicts {
            case .fail:
                onConflict =
                    "ON CONFLICT (series, time) DO UPDATE SET rate = omega_funding_conflict(excluded.time,"
                    + " funding.rate, excluded.rate) WHERE funding.rate <> excluded.rate"
            case .replace:
                onConflict =
                    "ON CONFLICT (series, time) DO UPDATE SET rate = excluded.rate WHERE funding.rate <> excluded.rate"
            }
        case .trades:
            columns = "trades (series, time, sequence, price, size, buy)"
            row = "(?, ?, ?, ?, ?, ?)"
            onConflict = "ON CONFLICT DO NOTHING"
        case .quotes:
            columns = "quotes (series, time, sequence, bid_price, bid_size, ask_price, ask_size)"
            row = "(?, ?, ?, ?, ?, ?, ?)"
            onConflict = "ON CONFLICT DO NOTHING"
        case .books:
            columns = "books (series, time, sequence, line)"
            row = "(?, ?, ?, ?)"
            onConflict = "ON CONFLICT DO NOTHING"
        }
        var batch: Statement?
        if kind == .candles {
            let rows = Array(repeating: row, count: RowInserter.candleBatch).joined(separator: ", ")
            batch = try db.makeStatement(sql: "INSERT INTO \(columns) VALUES \(rows) \(onConflict)")
        }
        return RowInserter(
            statement: try db.makeStatement(sql: "INSERT INTO \(columns) VALUES \(row) \(onConflict)"),
            batch: batch,
            connection: db.sqliteConnection,
            series: series
        )
    }

    /// Records how far a download of `[start, end)` has come (the open time to continue after).
    public func recordDownload(_ key: SeriesKey, start: Int64, end: Int64, cursor: Int64) throws {
        let id = try seriesID(key)
        try db.execute(
            sql:
                "INSERT INTO downloads (series, range_start, range_end, cursor) VALUES (?, ?, ?, ?) ON CONFLICT (series, range_start, range_end) DO UPDATE SET cursor = excluded.cursor",
            arguments: [id, start, end, cursor]
        )
    }

    /// Rows changed on this connection so far (for counting inserts across several inserters).
    public var totalChanges: Int { Int(sqlite3_total_changes(db.sqliteConnection)) }

    /// Deletes every row of a series in `[from, to)` (ms), for replacing a range.
    public func delete(_ key: SeriesKey, from: Int64, to: Int64) throws {
        guard let id = try StoreReader(db: db).seriesID(key) else { return }
        let column = key.kind == .candles ? "open_time" : "time"
        try db.execute(
            sql: "DELETE FROM \(key.kind.rawValue) WHERE series = ? AND \(column) >= ? AND \(column) < ?",
            arguments: [id, from, to]
        )
    }
}

/// What an insert does with a candle or funding rate stored before with other values.
public enum ConflictPolicy: Sendable {
    /// Stop with a ``StoreError`` naming the row, its stored and its new values.
    case fail
    /// Overwrite the stored values (`omega data import --replace`, a download, a resample).
    case replace
}

/// Binds and steps prepared inserts with the SQLite C API: the import hot path. Candles go in
/// multi-row statements of ``candleBatch`` rows (far fewer statement executions); ``finish()`` writes the
/// rest.
public final class RowInserter {
    static let candleBatch = 64
    private let statement: Statement
    private let handle: OpaquePointer
    private let batchStatement: Statement?
    private let connection: OpaquePointer?
    private let series: Int64
    private let startChanges: Int64
    private var pending: [StoredCandle] = []

    init(statement: Statement, batch: Statement?, connection: OpaquePointer?, series: Int64) {
        self.statement = statement
        handle = statement.sqliteStatement
        batchStatement = batch
        self.connection = connection
        self.series = series
        startChanges = Int64(sqlite3_total_changes(connection))
        pending.reserveCapacity(Self.candleBatch)
    }

    /// Writes any pending rows and returns how many rows this inserter stored (not already there).
    /// Call it once all rows are added: rows still pending are not written otherwise.
    public func finish() throws -> Int {
        try flush()
        return Int(Int64(sqlite3_total_changes(connection)) - startChanges)
    }

    private func step(_ handle: OpaquePointer) throws {
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "error \(code)"
            sqlite3_reset(handle)
            if message.hasPrefix(StoreConflict.marker) {
                throw StoreError(String(message.dropFirst(StoreConflict.marker.count)))
            }
            throw StoreError("insert failed: \(message)")
        }
        sqlite3_reset(handle)
    }

    private func step() throws { try step(handle) }

    public func add(_ candle: StoredCandle) throws {
        guard batchStatement != nil else { return try addOne(candle) }
        pending.append(candle)
        if pending.count == Self.candleBatch { try flush() }
    }

    /// Writes the candles waiting for a full batch.
    public func flush() throws {
        guard !pending.isEmpty else { return }
        defer { pending.removeAll(keepingCapacity: true) }
        guard pending.count == Self.candleBatch, let batch = batchStatement?.sqliteStatement else {
            for candle in pending { try addOne(candle) }
            return
        }
        var parameter: Int32 = 1
        for candle in pending {
            sqlite3_bind_int64(batch, parameter, series)
            sqlite3_bind_int64(batch, parameter + 1, candle.openTime)
            sqlite3_bind_int64(batch, parameter + 2, candle.open.units)
            sqlite3_bind_int64(batch, parameter + 3, candle.high.units)
            sqlite3_bind_int64(batch, parameter + 4, candle.low.units)
            sqlite3_bind_int64(batch, parameter + 5, candle.close.units)
            sqlite3_bind_int64(batch, parameter + 6, candle.volume.units)
            sqlite3_bind_int64(batch, parameter + 7, candle.filled ? 1 : 0)
            parameter += 8
        }
        try step(batch)
    }

    private func addOne(_ candle: StoredCandle) throws {
        sqlite3_bind_int64(handle, 1, series)
        sqlite3_bind_int64(handle, 2, candle.openTime)
        sqlite3_bind_int64(handle, 3, candle.open.units)
        sqlite3_bind_int64(handle, 4, candle.high.units)
        sqlite3_bind_int64(handle, 5, candle.low.units)
        sqlite3_bind_int64(handle, 6, candle.close.units)
        sqlite3_bind_int64(handle, 7, candle.volume.units)
        sqlite3_bind_int64(handle, 8, candle.filled ? 1 : 0)
        try step()
    }

    public func add(_ trade: StoredTrade, sequence: Int64) throws {
        sqlite3_bind_int64(handle, 1, series)
        sqlite3_bind_int64(handle, 2, trade.time)
        sqlite3_bind_int64(handle, 3, sequence)
        sqlite3_bind_int64(handle, 4, trade.price.units)
        sqlite3_bind_int64(handle, 5, trade.size.units)
        sqlite3_bind_int64(handle, 6, trade.buy ? 1 : 0)
        try step()
    }

    public func addQuote(
        time: Int64,
        sequence: Int64,
        bid: Decimal8,
        bidSize: Decimal8,
        ask: Decimal8,
        askSize: Decimal8
    ) throws {
        sqlite3_bind_int64(handle, 1, series)
        sqlite3_bind_int64(handle, 2, time)
        sqlite3_bind_int64(handle, 3, sequence)
        sqlite3_bind_int64(handle, 4, bid.units)
        sqlite3_bind_int64(handle, 5, bidSize.units)
        sqlite3_bind_int64(handle, 6, ask.units)
        sqlite3_bind_int64(handle, 7, askSize.units)
        try step()
    }

    public func addBook(time: Int64, sequence: Int64, line: String) throws {
        sqlite3_bind_int64(handle, 1, series)
        sqlite3_bind_int64(handle, 2, time)
        sqlite3_bind_int64(handle, 3, sequence)
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        sqlite3_bind_text(handle, 4, line, -1, transient)
        try step()
    }

    public func addFunding(time: Int64, rate: Decimal8) throws {
        sqlite3_bind_int64(handle, 1, series)
        sqlite3_bind_int64(handle, 2, time)
        sqlite3_bind_int64(handle, 3, rate.units)
        try step()
    }
}
