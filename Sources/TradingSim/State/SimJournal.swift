import GRDB
import GRDBSQLite
import Synchronization

/// `omega sim --state FILE`: the sim's state in SQLite (GRDB, WAL), kept across restarts.
///
/// The venue is deterministic: its state is a function of the market and of the requests that changed it,
/// each at its market time. So the journal keeps those requests (new orders, cancels, leverage and margin
/// type, manual clock steps) in the order they took effect, and the market time the clock had reached; a
/// restarted sim replays them against the same market and resumes the clock where it stopped, with every
/// order, fill, balance and position as they were. A file written by a sim with another market or other
/// accounts is refused, naming what differs.
public final class SimJournal: Sendable {
    /// One request that changed the state.
    public struct Entry: Sendable, Hashable {
        /// Market time it took effect at, in nanoseconds.
        public let marketTime: Int64
        public let apiKey: String
        /// `POST`, `DELETE`, or `STEP` for a manual clock step.
        public let method: String
        public let path: String
        /// The request's parameters as received (query and body, without the signature).
        public let parameters: String

        public init(marketTime: Int64, apiKey: String, method: String, path: String, parameters: String) {
            self.marketTime = marketTime
            self.apiKey = apiKey
            self.method = method
            self.path = path
            self.parameters = parameters
        }
    }

    public let path: String
    private let queue: DatabaseQueue
    /// Entries appended since the last flush, written in one transaction (group commit).
    private let pending = Mutex<[Entry]>([])

    /// Opens or creates the journal at `path` for a sim whose market and accounts `fingerprint` describes.
    /// - Throws: ``SimStateError`` when the file cannot be opened or belongs to another sim.
    public init(path: String, fingerprint: String) throws(SimStateError) {
        self.path = path
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            queue = try DatabaseQueue(path: path, configuration: configuration)
            var migrator = DatabaseMigrator()
            migrator.registerMigration("v1: meta, requests") { db in
                try db.execute(
                    sql: """
                        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                        CREATE TABLE requests (
                            seq INTEGER PRIMARY KEY AUTOINCREMENT,
                            market_time INTEGER NOT NULL,
                            api_key TEXT NOT NULL,
                            method TEXT NOT NULL,
                            path TEXT NOT NULL,
                            parameters TEXT NOT NULL
                        );
                        """
                )
            }
            try migrator.migrate(queue)
            let stored = try queue.write { db -> String in
                if let existing = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'fingerprint'") {
                    return existing
                }
                try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('fingerprint', ?)", arguments: [fingerprint])
                return fingerprint
            }
            guard stored == fingerprint else {
                throw SimStateError(
                    "\(path) holds the state of another sim (\(stored)); this one is \(fingerprint). Start with the "
                        + "same --seed, --bars, --history and --account options, or give a new --state file."
                )
            }
        } catch let error as SimStateError {
            throw error
        } catch {
            throw SimStateError("cannot open the sim state \(path): \(error)")
        }
    }

    /// Queues an entry; ``flush(marketTime:)`` writes it. The venue appends and flushes under its lock, so
    /// the entries are written in the order they took effect.
    public func append(_ entry: Entry) { pending.withLock { $0.append(entry) } }

    /// Writes the queued entries and the clock's market time in one transaction.
    public func flush(marketTime: Int64) throws(SimStateError) {
        let entries = pending.withLock { pending in
            defer { pending.removeAll() }
            return pending
        }
        do {
            try queue.write { db in
                for entry in entries {
                    try db.execute(
                        sql:
                            "INSERT INTO requests (market_time, api_key, method, path, parameters) VALUES (?, ?, ?, ?, ?)",
                        arguments: [entry.marketTime, entry.apiKey, entry.method, entry.path, entry.parameters]
                    )
                }
                try db.execute(
                    sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('market_time', ?)",
                    arguments: [String(marketTime)]
                )
            }
        } catch {
            // Put them back: a later flush retries them in order.
            pending.withLock { $0.insert(contentsOf: entries, at: 0) }
            throw SimStateError("cannot write the sim state \(path): \(error)")
        }
    }

    /// Every entry, in the order they took effect.
    public func entries() throws(SimStateError) -> [Entry] {
        do {
            return try queue.read { db in
                try Row.fetchAll(
                    db,
                    sql: "SELECT market_time, api_key, method, path, parameters FROM requests ORDER BY seq"
                )
                .map { row in
                    Entry(
                        marketTime: row[0],
                        apiKey: row[1],
                        method: row[2],
                        path: row[3],
                        parameters: row[4]
                    )
                }
            }
        } catch {
            throw SimStateError("cannot read the sim state \(path): \(error)")
        }
    }

    /// The market time the clock had reached when the state was last written.
    public func marketTime() throws(SimStateError) -> Int64? {
        do {
            return try queue.read { db in
                try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'market_time'").flatMap { Int64($0) }
            }
        } catch {
            throw SimStateError("cannot read the sim state \(path): \(error)")
        }
    }

    /// Forgets every entry (the admin API's reset).
    public func clear() throws(SimStateError) {
        pending.withLock { $0.removeAll() }
        do {
            try queue.write { db in
                try db.execute(sql: "DELETE FROM requests")
                try db.execute(sql: "DELETE FROM meta WHERE key = 'market_time'")
            }
        } catch {
            throw SimStateError("cannot write the sim state \(path): \(error)")
        }
    }
}

/// A state file that cannot be used; the message names the file.
public struct SimStateError: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
