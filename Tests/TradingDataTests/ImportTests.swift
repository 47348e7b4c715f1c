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

    @Test("bad lines are skipped and reported with file:line and the reason")
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

            """
        )
        let store = try temporaryStore()
        let report = try #require(try DataImporter.importFiles([path], options: ImportOptions(), into: store).first)
        #expect(report.rows == 2)
        #expect(report.rejectedCount == 5)
        let lines = report.rejected.map(\.description)
        #expect(lines[0] == "\(path):3: high 99 < low 101")
        #expect(lines[1].hasPrefix("\(path):4: high: expected a decimal with at most 8 decimals, got 'x'"))
        #expect(
            lines[2] == "\(path):5: timestamp 1700000000000 is before the previous row's 1700000000000"
                || lines[2].hasPrefix("\(path):5: duplicate timestamp")
        )
        #expect(lines[3] == "\(path):7: duplicate timestamp 1700000120000")
        #expect(lines[4].hasPrefix("\(path):8: close: expected a decimal with at most 8 decimals"))
    }

    @Test("a failure leaves the store unchanged: strict mode, or a missing file in the list")
    func atomic() throws {
        let files = try TestFiles()
        let good = try files.write("binance_BTCUSDT_1m.csv", candleCSV)
        let bad = try files.write(
            "binance_ETHUSDT_1m.csv",
            "timestamp,open,high,low,close,volume\n1700000000000,1,2,0.5,1,1\n1700000060000,1,0.5,2,1,1\n"
        )
        let store = try temporaryStore()
        var strict = ImportOptions()
        strict.strict = true
        do {
            _ = try DataImporter.importFiles([good, bad], options: strict, into: store)
            Issue.record("strict import accepted a bad line")
        } catch {
            #expect(error.description.contains("binance_ETHUSDT_1m.csv:3: high 0.5 < low 2"))
        }
        #expect(try store.read { try $0.summaries() }.isEmpty)
        #expect(throws: StoreError.self) {
            try DataImporter.importFiles([good, files.path("missing.csv")], options: ImportOptions(), into: store)
        }
        #expect(try store.read { try $0.summaries() }.isEmpty)
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
        let reports = try DataImporter.importFiles([trades, quotes], options: ImportOptions(), into: store)
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
        let again = try DataImporter.importFiles([trades, quotes], options: ImportOptions(), into: store)
        #expect(again.map(\.inserted) == [0, 0])
    }
}
