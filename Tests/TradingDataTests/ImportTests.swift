import Foundation
import Testing
import TradingCore
import TradingData
import TradingMarketData
import TradingTestSupport

/// A fresh store in a temporary directory.
func temporaryStore() throws -> MarketStore {
    try MarketStore(directory: try PackagePaths.temporaryDirectory().path)
}

func storedCandles(_ store: MarketStore, _ key: SeriesKey) throws -> [StoredCandle] {
    try store.read { reader in
        var all: [StoredCandle] = []
        try reader.candles(key) { all.append(contentsOf: $0) }
        return all
    }
}

let candleCSV = """
    timestamp,open,high,low,close,volume
    1700000000000,100.5,101,100,100.75,12.5
    1700000060000,100.75,102,100.5,101.25,3
    1700000120000,101.25,101.5,100.25,100.5,0.00000001

    """

@Suite("Import")
struct ImportTests {
    let key = SeriesKey(exchange: "binance", symbol: "BTCUSDT", kind: .candles, timeframe: "1m")

    @Test("imports exactly, and importing again changes nothing")
    func idempotent() throws {
        let files = try TestFiles()
        let path = try files.write("binance_BTCUSDT_1m.csv", candleCSV)
        let store = try temporaryStore()
        let first = try DataImporter.importFiles([path], options: ImportOptions(), into: store)
        #expect(first.first?.key == key && first.first?.rows == 3 && first.first?.inserted == 3)
        let stored = try storedCandles(store, key)
        #expect(stored.map(\.openTime) == [1_700_000_000_000, 1_700_000_060_000, 1_700_000_120_000])
        #expect(stored[0].open.description == "100.5" && stored[2].volume.description == "0.00000001")
        let second = try DataImporter.importFiles([path], options: ImportOptions(), into: store)
        #expect(second.first?.inserted == 0 && second.first?.alreadyStored == 3)
        #expect(try storedCandles(store, key) == stored)
    }

    @Test("a bad line stops the import, naming file:line and the reason; --skip-bad-lines skips and counts them")
    func rejectedLines() throws {
        let files = try TestFiles()
        let path = try files.write(
            "binance_BTCUSDT_1m.csv",
            """
            timestamp,open,high,low,close,volume
            1700000000000,100,101,99,100,1
            1700000060000,100,99,101,100,1
            1700000060000,100,x,99,100,1
            1700000000000,100,101,99,100,1
            1700000120000,100,101,99,100.5,1
            1700000120000,100,101,99,100.5,1
            1700000180000,100,101,99,100.123456789,1
            99999999999999999,100,101,99,100,1

            """
        )
        let store = try temporaryStore()
        do {
            _ = try DataImporter.importFiles([path], options: ImportOptions(), into: store)
            Issue.record("an import with bad lines succeeded")
        } catch {
            #expect(error.description.hasPrefix("\(path):3: high 99 < low 101"), "\(error)")
            #expect(error.description.contains("--skip-bad-lines"))
        }
        #expect(try store.read { try $0.summaries() }.isEmpty)

        var skipping = ImportOptions()
        skipping.skipBadLines = true
        let report = try #require(try DataImporter.importFiles([path], options: skipping, into: store).first)
        // Rows 2, 5 (the same bar as row 2, same values), 6 and 7 (the same twice) are good; the order of
        // candle rows does not matter.
        #expect(report.rows == 4 && report.inserted == 2)
        #expect(report.rejectedCount == 4)
        let lines = report.rejected.map(\.description)
        #expect(lines[0] == "\(path):3: high 99 < low 101")
        #expect(lines[1].hasPrefix("\(path):4: high: expected a decimal with at most 8 decimals, got 'x'"))
        #expect(lines[2].hasPrefix("\(path):8: close: expected a decimal with at most 8 decimals"))
        #expect(lines[3].hasPrefix("\(path):9: timestamp: time 99999999999999999 read as microseconds"), "\(lines[3])")
        #expect(lines[3].contains("outside the accepted range 2009-01-01T00:00:00Z to 2100-01-01T00:00:00Z"))
    }

    @Test("a file without one good row fails, even when skipping bad lines")
    func nothingGood() throws {
        let files = try TestFiles()
        let path = try files.write("binance_BTCUSDT_1m.csv", "timestamp,open,high,low,close,volume\nx,1,2,0.5,1,1\n")
        var skipping = ImportOptions()
        skipping.skipBadLines = true
        #expect(throws: StoreError.self) {
            try DataImporter.importFiles([path], options: skipping, into: temporaryStore())
        }
    }

    @Test("rows in any order give the same store; timestamps in s, ms, us and ns are told by their size")
    func orderAndUnits() throws {
        let files = try TestFiles()
        let ordered = try files.write("binance_BTCUSDT_1m.csv", candleCSV)
        let shuffled = try files.write(
            "x/binance_BTCUSDT_1m.csv",
            """
            timestamp,open,high,low,close,volume
            1700000120000000000,101.25,101.5,100.25,100.5,0.00000001
            1700000000,100.5,101,100,100.75,12.5
            1700000060000000,100.75,102,100.5,101.25,3

            """
        )
        let reference = try temporaryStore()
        _ = try DataImporter.importFiles([ordered], options: ImportOptions(), into: reference)
        let store = try temporaryStore()
        let report = try #require(try DataImporter.importFiles([shuffled], options: ImportOptions(), into: store).first)
        #expect(report.timestampUnits.description == "seconds and microseconds and nanoseconds")
        #expect(report.timestampUnitDetected)
        #expect(report.first == 1_700_000_000_000 && report.last == 1_700_000_120_000)
        #expect(try storedCandles(store, key) == storedCandles(reference, key))
    }

    @Test("a changed value for a stored bar is a conflict naming the bar; --replace overwrites it")
    func conflicts() throws {
        let files = try TestFiles()
        let original = try files.write("binance_BTCUSDT_1m.csv", candleCSV)
        let corrected = try files.write(
            "fix/binance_BTCUSDT_1m.csv",
            "timestamp,open,high,low,close,volume\n1700000060000,100.75,102,100.5,101.5,3\n"
        )
        let store = try temporaryStore()
        _ = try DataImporter.importFiles([original], options: ImportOptions(), into: store)
        let before = try storedCandles(store, key)
        do {
            _ = try DataImporter.importFiles([corrected], options: ImportOptions(), into: store)
            Issue.record("a conflicting bar was accepted")
        } catch {
            #expect(
                error.description.contains(
                    "the bar at 2023-11-14T22:14:20Z is already stored with other values (close 101.25 → 101.5)"
                ),
                "\(error)"
            )
            #expect(error.description.contains("--replace"))
        }
        #expect(try storedCandles(store, key) == before)
        var replacing = ImportOptions()
        replacing.replace = true
        let report = try #require(try DataImporter.importFiles([corrected], options: replacing, into: store).first)
        #expect(report.inserted == 1)
        let after = try storedCandles(store, key)
        #expect(after.count == 3 && after[1].close.description == "101.5" && after[0] == before[0])
    }

    @Test("a store holding a time outside the range (written by an older version) is an error, not a trap")
    func oldStore() throws {
        let store = try temporaryStore()
        try store.transaction { writer in
            let inserter = try writer.inserter(.candles, series: try writer.seriesID(key))
            let value = Decimal8(units: 100_000_000)
            try inserter.add(
                StoredCandle(
                    openTime: 1_700_000_000_000_000,
                    open: value,
                    high: value,
                    low: value,
                    close: value,
                    volume: value
                )
            )
            _ = try inserter.finish()
        }
        let error = #expect(throws: StoreError.self) { try store.read { try $0.summaries() } }
        #expect(error?.description.contains("holds a time of 1700000000000000 ms, outside the accepted range") == true)
        #expect(throws: StoreError.self) { try storedCandles(store, key) }
    }

    @Test("two imports at once both succeed: the second waits for the first")
    func concurrentWriters() async throws {
        let files = try TestFiles()
        let directory = try PackagePaths.temporaryDirectory().path
        var paths: [String] = []
        for (index, symbol) in ["BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT"].enumerated() {
            var text = "timestamp,open,high,low,close,volume\n"
            for minute in 0..<20_000 { text += "\(1_700_000_000_000 + Int64(minute) * 60_000),1,2,0.5,1,\(index)\n" }
            paths.append(try files.write("binance_\(symbol)_1m.csv", text))
        }
        try await withThrowingTaskGroup(of: Int.self) { group in
            for path in paths {
                group.addTask {
                    // A store per writer, as separate `omega data import` processes would open it.
                    let store = try MarketStore(directory: directory)
                    return try DataImporter.importFiles([path], options: ImportOptions(), into: store)[0].inserted
                }
            }
            var total = 0
            for try await inserted in group { total += inserted }
            #expect(total == 80_000)
        }
    }

    @Test("Binance klines (ms and µs), freqtrade JSON and gzip give the same candles")
    func formats() throws {
        let files = try TestFiles()
        let klines = try files.write(
            "BTCUSDT-1m-2023-11.csv",
            """
            1700000000000,100.5,101.00000000,100,100.75,12.5,1700000059999,1259.375,10,6,604.5,0
            1700000060000000,100.75,102,100.5,101.25,3,1700000119999999,303.75,3,1,101,0
            1700000120000,101.25,101.5,100.25,100.5,0.00000001,1700000179999,0,1,0,0,0

            """
        )
        let freqtrade = try files.write(
            "BTC_USDT-1m.json",
            "[[1700000000000,100.5,101.0,100.0,100.75,12.5],[1700000060000,100.75,102.0,100.5,101.25,3.0],[1700000120000,101.25,101.5,100.25,100.5,1e-08]]"
        )
        let gzip = try files.writeGzip("binance_BTCUSDT_1m.csv.gz", candleCSV)
        var reference: [StoredCandle]?
        for (path, exchange) in [(klines, nil), (freqtrade, "binance"), (gzip, nil)] as [(String, String?)] {
            let store = try temporaryStore()
            var options = ImportOptions()
            options.exchange = exchange
            let report = try #require(try DataImporter.importFiles([path], options: options, into: store).first)
            #expect(report.key == key, "\(path)")
            #expect(report.rejectedCount == 0, "\(report.rejected)")
            let candles = try storedCandles(store, key)
            if let reference { #expect(candles == reference, "\(path)") } else { reference = candles }
        }
        #expect(reference?.count == 3)
    }

    @Test("a generic CSV maps columns, reads dates in a time zone, and needs the series named")
    func generic() throws {
        let files = try TestFiles()
        let path = try files.write(
            "export.csv",
            """
            Date,Open,High,Low,Close,Volume BTC
            2023-11-14 23:13:20,100.5,101,100,100.75,12.5
            2023-11-14 23:14:20,100.75,102,100.5,101.25,3

            """
        )
        let store = try temporaryStore()
        var options = ImportOptions()
        options.columns = [
            "timestamp": "Date", "open": "Open", "high": "High", "low": "Low", "close": "Close", "volume": "Volume BTC",
        ]
        #expect(throws: StoreError.self) { try DataImporter.importFiles([path], options: options, into: store) }
        options.exchange = "binance"
        options.symbol = "BTCUSDT"
        options.timeframe = "1m"
        options.timeZone = "+01:00"
        let report = try #require(try DataImporter.importFiles([path], options: options, into: store).first)
        #expect(report.rows == 2)
        // 23:13:20 at +01:00 is 22:13:20 UTC, Unix 1,700,000,000 s; Berlin is at +01:00 in November.
        #expect(try storedCandles(store, key).map(\.openTime) == [1_700_000_000_000, 1_700_000_060_000])
        options.timeZone = "Europe/Berlin"
        let berlin = try temporaryStore()
        _ = try DataImporter.importFiles([path], options: options, into: berlin)
        #expect(try storedCandles(berlin, key).map(\.openTime) == [1_700_000_000_000, 1_700_000_060_000])
    }

    @Test("the data directory: --data-dir, then OMEGA_DATA_DIR, then ~/.omega/data")
    func dataDirectory() {
        #expect(DataDirectory.resolve("/x/y") == "/x/y")
        #expect(DataDirectory.databasePath(in: "/x/y") == "/x/y/omega.sqlite")
        let fallback = DataDirectory.resolve(nil)
        if let environment = ProcessInfo.processInfo.environment["OMEGA_DATA_DIR"], !environment.isEmpty {
            #expect(fallback == environment)
        } else {
            #expect(fallback.hasSuffix("/.omega/data"))
        }
    }
}

@Suite("Import of ticks")
struct TickImportTests {
    @Test(
        "trades in the same millisecond keep their order; bad sides and crossed quotes are rejected; re-imports add nothing"
    )
    func ticks() throws {
        let files = try TestFiles()
        let trades = try files.write(
            "binance_BTCUSDT_trades.csv",
            """
            timestamp,price,size,side
            1700000000000,100.5,0.1,buy
            1700000000000,100.4,0.2,sell
            1700000000001,100.6,0.3,hold
            1700000000002,100.7,0.4,buy

            """
        )
        let quotes = try files.write(
            "binance_BTCUSDT_bbo.csv",
            """
            timestamp,bid_price,bid_size,ask_price,ask_size
            1700000000000,100,1,100.1,2
            1700000000005,100.2,1,100.1,2

            """
        )
        let store = try temporaryStore()
        var skipping = ImportOptions()
        skipping.skipBadLines = true
        let reports = try DataImporter.importFiles([trades, quotes], options: skipping, into: store)
        #expect(reports.map(\.rows) == [3, 1] && reports.map(\.inserted) == [3, 1])
        #expect(reports[0].rejected.map(\.description) == ["\(trades):4: side: expected buy or sell, got 'hold'"])
        #expect(reports[1].rejected.map(\.description) == ["\(quotes):3: crossed quote: bid 100.2 > ask 100.1"])
        let stored = try store.read { reader in
            var all: [StoredTrade] = []
            try reader.trades(SeriesKey(exchange: "binance", symbol: "BTCUSDT", kind: .trades)) {
                all.append(contentsOf: $0)
            }
            return all
        }
        #expect(stored.map(\.price.description) == ["100.5", "100.4", "100.7"])
        let again = try DataImporter.importFiles([trades, quotes], options: skipping, into: store)
        #expect(again.map(\.inserted) == [0, 0])
    }
}
