import Foundation
import GRDB
import GRDBSQLite

/// The embedded market data store: SQLite through GRDB, one file per data directory.
///
/// Series (exchange, symbol, kind, timeframe) get a small integer id; candles are keyed by
/// (series, open time), so the primary key is (exchange, symbol, timeframe, open time). Numbers are exact
/// 8-decimal integers (``Decimal8``). Writes run in one transaction per call, so a failed import leaves
/// nothing behind. Rows already stored with the same values are left alone, so importing a file twice
/// changes nothing; a bar stored with other values is a conflict (``ConflictPolicy``). Concurrent writers
/// wait for each other (SQLite busy timeout).
public final class MarketStore: @unchecked Sendable {
    public let path: String
    let queue: DatabaseQueue

    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    /// - Throws: ``StoreError`` naming the file.
    public init(path: String) throws(StoreError) {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        do {
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            var configuration = Configuration()
            // Writers take the write lock when their transaction begins and wait up to a minute for another
            // writer (another `omega data import`) to finish, rather than failing with "database is locked".
            configuration.busyMode = .timeout(60)
            configuration.prepareDatabase { db in
                StoreConflict.register(in: db)
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                try db.execute(sql: "PRAGMA cache_size = -65536")
            }
            queue = try DatabaseQueue(path: path, configuration: configuration)
            // Two processes opening a new store at once may both find it empty; the one that loses fails to create
            // the tables the other has just committed, and on a second look finds them migrated.
            do {
                try StoreSchema.migrator.migrate(queue)
            } catch {
                try StoreSchema.migrator.migrate(queue)
            }
        } catch {
            throw StoreError("cannot open the data store \(path): \(error)")
        }
    }

    /// Opens the store in a data directory (see ``DataDirectory``).
    public convenience init(directory: String) throws(StoreError) {
        try self.init(path: DataDirectory.databasePath(in: directory))
    }

    /// The schema version the store is at.
    public var schemaVersion: String? {
        try? queue.read { db in
            try String.fetchOne(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid DESC LIMIT 1")
        }
    }

    /// Runs `body` in one write transaction: everything it writes is kept only if it returns normally.
    public func transaction<Result>(_ body: (StoreWriter) throws -> Result) throws(StoreError) -> Result {
        do {
            var result: Result?
            try queue.writeWithoutTransaction { db in
                // IMMEDIATE: take the write lock up front, so the busy timeout applies (a deferred transaction
                // that upgrades to writing fails at once when another writer got there first).
                try db.inTransaction(.immediate) {
                    result = try body(StoreWriter(db: db))
                    return .commit
                }
            }
            guard let result else { throw StoreError("\(path): the transaction did not run") }
            return result
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("\(path): \(error)")
        }
    }

    /// Runs `body` with read access.
    public func read<Result>(_ body: (StoreReader) throws -> Result) throws(StoreError) -> Result {
        do {
            return try queue.read { db in try body(StoreReader(db: db)) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("\(path): \(error)")
        }
    }
}

/// The versioned schema.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: series, candles, trades, quotes, books, funding") { db in
            try db.execute(
                sql: """
                    CREATE TABLE series (
                        id INTEGER PRIMARY KEY,
                        exchange TEXT NOT NULL,
                        symbol TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        timeframe TEXT NOT NULL,
                        UNIQUE (exchange, symbol, kind, timeframe)
                    );
                    CREATE TABLE candles (
                        series INTEGER NOT NULL REFERENCES series(id),
                        open_time INTEGER NOT NULL,
                        open INTEGER NOT NULL, high INTEGER NOT NULL, low INTEGER NOT NULL, close INTEGER NOT NULL,
                        volume INTEGER NOT NULL,
                        filled INTEGER NOT NULL DEFAULT 0,
                        PRIMARY KEY (series, open_time)
                    ) WITHOUT ROWID;
                    CREATE TABLE trades (
                        series INTEGER NOT NULL REFERENCES series(id),
                        time INTEGER NOT NULL,
                        sequence INTEGER NOT NULL,
                        price INTEGER NOT NULL, size INTEGER NOT NULL, buy INTEGER NOT NULL,
                        PRIMARY KEY (series, time, sequence)
                    ) WITHOUT ROWID;
                    CREATE TABLE quotes (
                        series INTEGER NOT NULL REFERENCES series(id),
                        time INTEGER NOT NULL,
                        sequence INTEGER NOT NULL,
                        bid_price INTEGER NOT NULL, bid_size INTEGER NOT NULL, ask_price INTEGER NOT NULL, ask_size INTEGER NOT NULL,
                        PRIMARY KEY (series, time, sequence)
                    ) WITHOUT ROWID;
                    CREATE TABLE books (
                        series INTEGER NOT NULL REFERENCES series(id),
                        time INTEGER NOT NULL,
                        sequence INTEGER NOT NULL,
                        line TEXT NOT NULL,
                        PRIMARY KEY (series, time, sequence)
                    ) WITHOUT ROWID;
                    CREATE TABLE funding (
                        series INTEGER NOT NULL REFERENCES series(id),
                        time INTEGER NOT NULL,
                        rate INTEGER NOT NULL,
                        PRIMARY KEY (series, time)
                    ) WITHOUT ROWID;
                    """
            )
        }
        migrator.registerMigration("v2: download progress") { db in
            try db.execute(
                sql: """
                    CREATE TABLE downloads (
                        series INTEGER NOT NULL REFERENCES series(id),
                        range_start INTEGER NOT NULL,
                        range_end INTEGER NOT NULL,
                        cursor INTEGER NOT NULL,
                        PRIMARY KEY (series, range_start, range_end)
                    );
                    """
            )
        }
        return migrator
    }
}
