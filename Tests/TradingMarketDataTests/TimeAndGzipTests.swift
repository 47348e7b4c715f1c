import Foundation
import Testing
import TradingCore
import TradingMarketData
import TradingTestSupport

@Suite("Times and gzip in data files")
struct TimeAndGzipTests {
    static func candles(_ times: [Int64]) -> String {
        "timestamp,open,high,low,close,volume\n" + times.map { "\($0),100,101,99,100,1\n" }.joined()
    }

    @Test("integer times in s, ms, us and ns are told by their size and give the same bars")
    func units() throws {
        let files = try TestFiles()
        let milliseconds: [Int64] = [1_700_000_000_000, 1_700_000_060_000, 1_700_000_120_000]
        var reference: [MarketEvent]?
        for (unit, factor) in [("s", -1_000), ("ms", 1), ("us", 1_000), ("ns", 1_000_000)] as [(String, Int64)] {
            let times = milliseconds.map { factor < 0 ? $0 / -factor : $0 * factor }
            let path = try files.write("\(unit)/x_BTCUSDT_1m.csv", Self.candles(times))
            let source = try CandleFileSource(path: path, instrument: InstrumentIndex(0), timeframe: nil)
            let events = try drain(source)
            #expect(source.timestampUnits.units.map(\.rawValue) == [unit])
            if let reference { #expect(events == reference, "\(unit)") } else { reference = events }
        }
        #expect(reference?.count == 3)
    }

    @Test(
        "a time outside 2009 to 2100 is an error naming the file, the line and the field",
        arguments: [
            "1000",  // 1970 in seconds
            "-1700000000000",  // before 1970
            "1200000000000",  // 2008
            "4200000000000",  // 2103
            "9223372036854775807",  // the largest integer: nanoseconds, in 2262
            "99999999999999999",  // microseconds, year 5138
        ]
    )
    func outOfRange(value: String) throws {
        let files = try TestFiles()
        let path = try files.write(
            "x_BTCUSDT_1m.csv",
            "timestamp,open,high,low,close,volume\n1699999940000,100,101,99,100,1\n\(value),100,101,99,100,1\n"
        )
        let source = try CandleFileSource(path: path, instrument: InstrumentIndex(0), timeframe: .minutes(1))
        let error = #expect(throws: DataError.self) { try drain(source) }
        #expect(error?.line == 3 && error?.field == "timestamp", "\(String(describing: error))")
        #expect(
            error?.message.contains("outside the accepted range 2009-01-01T00:00:00Z to 2100-01-01T00:00:00Z") == true
        )
    }

    @Test("text and integer times on the command line are checked against 1970 to 2100")
    func parsing() throws {
        #expect(try Timestamp(parsing: "2024-01-01") == Timestamp(milliseconds: 1_704_067_200_000))
        #expect(try Timestamp(parsing: "1704067200") == Timestamp(milliseconds: 1_704_067_200_000))
        #expect(try Timestamp(parsing: "1704067200000") == Timestamp(milliseconds: 1_704_067_200_000))
        for text in ["1500-01-01", "9999-01-01", "2100-01-01T00:00:01", "99999999999999", "99999999999999999999"] {
            let error = #expect(throws: TimestampParseError.self) { try Timestamp(parsing: text) }
            #expect(error?.range != nil, "\(text)")
        }
        #expect(EpochUnit.seconds.timestamp(.max) == nil)
        #expect(Timestamp(checkedMilliseconds: .min) == nil)
    }

    @Test("a gzip file cut before its trailer, or with a wrong CRC, is an error naming the file")
    func gzip() throws {
        let files = try TestFiles()
        let text = Self.candles((0..<5_000).map { 1_700_000_000_000 + $0 * 60_000 })
        let path = try files.writeGzip("x_BTCUSDT_1m.csv.gz", text)
        #expect(try drain(CandleFileSource(path: path, instrument: InstrumentIndex(0), timeframe: nil)).count == 5_000)
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        // Without the 8-byte trailer every byte of data still decompresses: only the trailer tells.
        let cuts: [(String, Data)] = [
            ("trailer", whole.prefix(whole.count - 8)),
            ("half", whole.prefix(whole.count / 2)),
            ("crc", Data(whole.enumerated().map { $0.offset == whole.count - 6 ? $0.element ^ 0xFF : $0.element })),
        ]
        for (name, bytes) in cuts {
            let broken = files.path("\(name)_BTCUSDT_1m.csv.gz")
            try bytes.write(to: URL(fileURLWithPath: broken))
            let error = #expect(throws: DataError.self, "\(name)") {
                try drain(CandleFileSource(path: broken, instrument: InstrumentIndex(0), timeframe: .minutes(1)))
            }
            #expect(error?.file == broken)
        }
    }

    @Test(
        "prices outside 1e-12 to 1e12, sizes over 1e15, and prices 1e7 times apart are data errors",
        arguments: [
            ("1700000060000,100,100000000000000,99,100,1", "high", "outside the accepted range 1e-12 to 1e12"),
            ("1700000060000,100,101,0.0000000000001,100,1", "low", "outside the accepted range 1e-12 to 1e12"),
            ("1700000060000,100,101,99,100,10000000000000000", "volume", "outside the accepted range 0 to 1e15"),
            ("1700000060000,1000000001,1000000001,1000000001,1000000001,1", "high", "more than 10000000× away"),
            ("1700000060000,0.00001,0.00001,0.00001,0.00001,1", "high", "more than 10000000× away"),
        ]
    )
    func prices(row: String, field: String, message: String) throws {
        let files = try TestFiles()
        let path = try files.write("x_BTCUSDT_1m.csv", Self.candles([1_700_000_000_000]) + row + "\n")
        let source = try CandleFileSource(path: path, instrument: InstrumentIndex(0), timeframe: .minutes(1))
        let error = #expect(throws: DataError.self) { try drain(source) }
        #expect(error?.line == 3 && error?.field == field, "\(String(describing: error))")
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
    }
}
