import GRDB
import TradingCore
import TradingMarketData

/// Reads inside one store transaction.
public struct StoreReader {
    let db: Database

    init(db: Database) { self.db = db }

    /// Reads inside a write transaction (seeing what it wrote so far).
    public init(writer: StoreWriter) { db = writer.db }

    public func seriesID(_ key: SeriesKey) throws -> Int64? {
        try Int64.fetchOne(
            db,
            sql: "SELECT id FROM series WHERE exchange = ? AND symbol = ? AND kind = ? AND timeframe = ?",
            arguments: [key.exchange, key.symbol, key.kind.rawValue, key.timeframe]
        )
    }

    /// Where an earlier download of `[start, end)` stopped, if one was recorded.
    public func downloadCursor(_ key: SeriesKey, start: Int64, end: Int64) throws -> Int64? {
        guard let id = try seriesID(key) else { return nil }
        return try Int64.fetchOne(
            db,
            sql: "SELECT cursor FROM downloads WHERE series = ? AND range_start = ? AND range_end = ?",
            arguments: [id, start, end]
        )
    }

    /// Fails on a stored time outside ``Timestamp/marketDataRange`` (written before imports checked it).
    static func check(_ key: SeriesKey, _ milliseconds: Int64) throws(StoreError) {
        guard let time = Timestamp(checkedMilliseconds: milliseconds), Timestamp.marketDataRange.contains(time) else {
            throw StoreError(
                "\(key) holds a time of \(milliseconds) ms, outside the accepted range "
                    + "\(Timestamp.describe(Timestamp.marketDataRange)); it was stored before imports checked times:"
                    + " import the data again into a new data directory (--data-dir)"
            )
        }
    }

    /// Every stored series with its row count and time span (ms).
    /// - Throws: ``StoreError`` when a series holds times outside the accepted range.
    public func summaries() throws -> [SeriesSummary] {
        let rows = try Row.fetchAll(
            db,
            sql: "SELECT id, exchange, symbol, kind, timeframe FROM series ORDER BY exchange, symbol, kind, timeframe"
        )
        var result: [SeriesSummary] = []
        for row in rows {
            let id: Int64 = row["id"]
            guard let kind = DataKind(rawValue: row["kind"]) else { continue }
            let key = SeriesKey(
                exchange: row["exchange"],
                symbol: row["symbol"],
                kind: kind,
                timeframe: row["timeframe"]
            )
            let column = kind == .candles ? "open_time" : "time"
            let stats = try Row.fetchOne(
                db,
                sql:
                    "SELECT COUNT(*) AS n, MIN(\(column)) AS first, MAX(\(column)) AS last FROM \(kind.rawValue) WHERE series = ?",
                arguments: [id]
            )
            let count: Int = stats?["n"] ?? 0
            guard count > 0 else { continue }
            let first: Int64 = stats?["first"] ?? 0
            let last: Int64 = stats?["last"] ?? 0
            try Self.check(key, first)
            try Self.check(key, last)
            result.append(SeriesSummary(key: key, rows: count, first: first, last: last))
        }
        return result
    }

    /// The candles of a series with `from ≤ open time < to` (ms), in time order, handed over in batches so
    /// memory stays flat.
    public func candles(
        _ key: SeriesKey,
        from: Int64 = .min,
        to: Int64 = .max,
        batchSize: Int = 65_536,
        _ body: ([StoredCandle]) throws -> Void
    ) throws {
        guard let id = try seriesID(key) else { return }
        let cursor = try Row.fetchCursor(
            db,
            sql:
                "SELECT open_time, open, high, low, close, volume, filled FROM candles WHERE series = ? AND open_time >= ? AND open_time < ? ORDER BY open_time",
            arguments: [id, from, to]
        )
        var batch: [StoredCandle] = []
        batch.reserveCapacity(batchSize)
        while let row = try cursor.next() {
            try Self.check(key, row[0])
            batch.append(
                StoredCandle(
                    openTime: row[0],
                    open: Decimal8(units: row[1]),
                    high: Decimal8(units: row[2]),
                    low: Decimal8(units: row[3]),
                    close: Decimal8(units: row[4]),
                    volume: Decimal8(units: row[5]),
                    filled: (row[6] as Int64) != 0
                )
            )
            if batch.count == batchSize {
                try body(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try body(batch) }
    }

    /// Up to `limit` candles with `after < open time < to` (ms), in time order: one page of a pull-based read.
    public func candlePage(_ key: SeriesKey, after: Int64, to: Int64, limit: Int) throws -> [StoredCandle] {
        guard let id = try seriesID(key) else { return [] }
        let rows = try Row.fetchAll(
            db,
            sql:
                "SELECT open_time, open, high, low, close, volume, filled FROM candles WHERE series = ? AND open_time > ? AND open_time < ? ORDER BY open_time LIMIT ?",
            arguments: [id, after, to, limit]
        )
        return try rows.map { row in
            try Self.check(key, row[0])
            return StoredCandle(
                openTime: row[0],
                open: Decimal8(units: row[1]),
                high: Decimal8(units: row[2]),
                low: Decimal8(units: row[3]),
                close: Decimal8(units: row[4]),
                volume: Decimal8(units: row[5]),
                filled: (row[6] as Int64) != 0
            )
        }
    }

    /// The trades of a series with `from ≤ time < to` (ms), in order, in batches.
    public func trades(
        _ key: SeriesKey,
        from: Int64 = .min,
        to: Int64 = .max,
        batchSize: Int = 65_536,
        _ body: ([StoredTrade]) throws -> Void
    ) throws {
        guard let id = try seriesID(key) else { return }
        let cursor = try Row.fetchCursor(
            db,
            sql:
                "SELECT time, price, size, buy FROM trades WHERE series = ? AND time >= ? AND time < ? ORDER BY time, sequence",
            arguments: [id, from, to]
        )
        var batch: [StoredTrade] = []
        while let row = try cursor.next() {
            try Self.check(key, row[0])
            batch.append(
                StoredTrade(
                    time: row[0],
                    price: Decimal8(units: row[1]),
                    size: Decimal8(units: row[2]),
                    buy: (row[3] as Int64) != 0
                )
            )
            if batch.count == batchSize {
                try body(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try body(batch) }
    }
}

/// A stored series and its extent.
public struct SeriesSummary: Sendable, Hashable {
    public let key: SeriesKey
    public let rows: Int
    /// First and last time (ms): bar open times for candles.
    public let first: Int64
    public let last: Int64
}
