import Foundation
import Testing
import TradingCore
import TradingMarketData
import TradingTestSupport

@Suite("Data files")
struct DataSourceTests {
    let candles = """
        timestamp,open,high,low,close,volume
        1748798400000,105137.2,105137.21,105120.41,105121.96,2.14669
        1748798460000,105121.96,105121.96,105078.05,105078.05,8.6944
        1748798520000,105078.05,105100,105070,105090.5,1.5

        """

    @Test("candles stream as bars that close one interval after they open")
    func candleBars() throws {
        let files = try TestFiles()
        let source = try CandleFileSource(
            path: try files.write("binance_BTCUSDT_1m.csv", candles),
            instrument: InstrumentIndex(0),
            timeframe: Timeframe("1m")
        )
        let events = try drain(source)
        #expect(events.count == 3)
        guard case .bar(let bar) = events[0] else {
            Issue.record("not a bar")
            return
        }
        #expect(bar.openTime == Timestamp(milliseconds: 1_748_798_400_000))
        #expect(bar.closeTime == Timestamp(milliseconds: 1_748_798_460_000))
        #expect(bar.high == Fixtures.price("105137.21"))
        #expect(bar.volume == Fixtures.quantity("2.14669"))
    }

    @Test("gzip files read the same as plain ones")
    func gzip() throws {
        let files = try TestFiles()
        let plain = try drain(
            try CandleFileSource(
                path: try files.write("a_X_1m.csv", candles),
                instrument: InstrumentIndex(0),
                timeframe: nil
            )
        )
        let zipped = try drain(
            try CandleFileSource(
                path: try files.writeGzip("b_X_1m.csv.gz", candles),
                instrument: InstrumentIndex(0),
                timeframe: nil
            )
        )
        #expect(plain == zipped)
    }

    @Test("the bar length is inferred from the first rows when not given")
    func inferredTimeframe() throws {
        let files = try TestFiles()
        let source = try CandleFileSource(
            path: try files.write("data.csv", candles),
            instrument: InstrumentIndex(0),
            timeframe: nil
        )
        _ = try drain(source)
        #expect(source.timeframe == .minutes(1))
        #expect(
            Timeframe("1M")?.closeTime(opening: Timestamp(milliseconds: 1_325_376_000_000)).iso8601
                == "2012-02-01T00:00:00Z"
        )
    }

    @Test(
        "bad rows fail with the file, the line and the field",
        arguments: [
            (
                "1748798460000,105121.96,abc,105078.05,105078.05,8.6944",
                ":3: field 'high': expected a decimal number, got 'abc'"
            ),
            (
                "1748798400000,1,1,1,1,1",
                ":3: field 'timestamp': time 2025-06-01T17:20:00Z is not after the previous row's 2025-06-01T17:20:00Z"
            ),
            ("1748798460000,100,99,101,100,1", ":3: field 'high': high 99 is below low 101"),
            ("1748798460000,105,110,100,111,1", ":3: field 'close': close 111 is outside the bar's range [100, 110]"),
            ("1748798460000,105,110,100", ":3: field 'close': missing (the row has too few columns)"),
            ("1748798460000,105,110,100,101,1,7", ":3: too many columns"),
            ("17487984x0000,105,110,100,101,1", ":3: field 'timestamp': expected an integer, got '17487984x0000'"),
            ("1748798460000,-5,110,100,101,1", ":3: field 'open': price must be positive, got -5"),
        ]
    )
    func badRows(row: String, message: String) throws {
        let files = try TestFiles()
        let path = try files.write(
            "bad_X_1m.csv",
            "timestamp,open,high,low,close,volume\n1748798400000,105,110,100,101,1\n\(row)\n"
        )
        let source = try CandleFileSource(path: path, instrument: InstrumentIndex(0), timeframe: .minutes(1))
        let error = #expect(throws: DataError.self) { try drain(source) }
        #expect(error?.description.hasPrefix(path + message) == true, "\(error?.description ?? "")")
    }

    @Test("an unknown header names what was expected")
    func badHeader() throws {
        let files = try TestFiles()
        let path = try files.write("x_Y_1m.csv", "time,o,h,l,c\n1,2,3,4,5\n")
        let error = #expect(throws: DataError.self) { try DataFileDescription.describe(path) }
        #expect(error?.description.contains(":1: unknown header 'time,o,h,l,c'") == true)
        #expect(throws: DataError.self) { try DataFileDescription.describe(files.path("missing.csv")) }
    }

    @Test("trades, quotes and funding rates parse and check their order")
    func ticks() throws {
        let files = try TestFiles()
        let trades = try drain(
            try TradeFileSource(
                path: try files.write(
                    "t.csv",
                    "timestamp,price,size,side\n1700000001000,100.5,0.2,buy\n1700000001000,100.4,0.1,sell\n"
                ),
                instrument: InstrumentIndex(0)
            )
        )
        #expect(trades.count == 2)
        guard case .trade(let first) = trades[0] else {
            Issue.record("not a trade")
            return
        }
        #expect(first.aggressor == .buy && first.size == Fixtures.quantity("0.2"))
        let badSide = try TradeFileSource(
            path: try files.write("t2.csv", "timestamp,price,size,side\n1700000001000,1,1,hold\n"),
            instrument: InstrumentIndex(0)
        )
        #expect(#expect(throws: DataError.self) { try drain(badSide) }?.field == "side")
        let crossed = try QuoteFileSource(
            path: try files.write(
                "q.csv",
                "timestamp,bid_price,bid_size,ask_price,ask_size\n1700000000001,101,1,100,1\n"
            ),
            instrument: InstrumentIndex(0)
        )
        #expect(#expect(throws: DataError.self) { try drain(crossed) }?.message.contains("crossed") == true)
        let funding = try drain(
            try FundingFileSource(
                path: try files.write(
                    "f.csv",
                    "timestamp,symbol,funding_rate\n1700000000001,BNBUSDT,0.0001\n1700000000001,BTCUSDT,-0.0002\n1700000000009,BTCUSDT,0.0003\n"
                ),
                instruments: ["BTCUSDT": InstrumentIndex(0)]
            )
        )
        #expect(funding.count == 2)
        guard case .funding(let rate) = funding[0] else {
            Issue.record("not funding")
            return
        }
        #expect(rate.rate == Fixtures.ratio("-0.0002"))
    }

    @Test("JSON-lines books replay snapshots and deltas in file order")
    func books() throws {
        let files = try TestFiles()
        let text = """
            {"ts":1700000001000,"recv_ns":5,"type":"snapshot","last_update_id":10,"bids":[[100.5,2],[100,1]],"asks":[[101,3]]}
            {"ts":1700000000998,"type":"update","first_update_id":11,"last_update_id":12,"bids":[[100.5,0]],"asks":[[101.5,1]],"extra":{"a":[1,2]}}

            """
        let events = try drain(
            try BookFileSource(path: try files.write("b.jsonl", text), instrument: InstrumentIndex(0))
        )
        #expect(events.count == 2)
        guard case .book(let snapshot) = events[0], case .book(let delta) = events[1] else {
            Issue.record("not books")
            return
        }
        #expect(snapshot.kind == .snapshot && snapshot.bids.count == 2 && snapshot.updateID == 10)
        #expect(delta.kind == .delta && delta.exchangeTime == Timestamp(milliseconds: 1_700_000_000_998))
        #expect(delta.receivedTime == Timestamp(milliseconds: 1_700_000_001_000))  // replayed after the snapshot
        let broken = try BookFileSource(
            path: try files.write("c.jsonl", "{\"ts\":1,\"type\":\"update\",\"bids\":[[1,2]\n"),
            instrument: InstrumentIndex(0)
        )
        #expect(#expect(throws: DataError.self) { try drain(broken) }?.line == 1)
    }

    @Test(
        "real order books replay without crossing",
        .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason))
    )
    func realBooks() throws {
        for name in ["bybit_XRPUSDT_book.jsonl", "binance_BTCUSDT_book.jsonl.gz"] {
            var book = OrderBook()
            var count = 0
            let source = try BookFileSource(path: SharedData.data(name), instrument: InstrumentIndex(0))
            while let event = try source.next() {
                guard case .book(let update) = event else { continue }
                book.apply(update)
                count += 1
                #expect(!book.isCrossed, "\(name) crossed at line \(count)")
            }
            #expect(count > 40)
            #expect(book.isTwoSided)
        }
    }

    @Test("the time range keeps [from, to)")
    func range() throws {
        let files = try TestFiles()
        let range = TimeRange(
            from: Timestamp(milliseconds: 1_748_798_460_000),
            to: Timestamp(milliseconds: 1_748_798_520_000)
        )
        let events = try drain(
            try CandleFileSource(
                path: try files.write("r_X_1m.csv", candles),
                instrument: InstrumentIndex(0),
                timeframe: nil,
                range: range
            )
        )
        #expect(events.count == 1)
        #expect(events.first?.exchangeTime == Timestamp(milliseconds: 1_748_798_460_000))
    }

    @Test(
        "file names say the venue, the symbol and the kind",
        arguments: [
            ("binance_BTCUSDT_1m.csv", "BTCUSDT.BINANCE", InstrumentKind.spot, "BTC", "USDT"),
            ("binanceusdm_ETHUSDT_1h.csv", "ETHUSDT-PERP.BINANCE", .linearPerpetual, "ETH", "USDT"),
            ("ftx_BTC-PERP_1m.csv", "BTC-PERP.FTX", .linearPerpetual, "BTC", "USD"),
            ("binance_XRPETH_1m.csv", "XRPETH.BINANCE", .spot, "XRP", "ETH"),
            ("kraken_XBTUSDT_1m.csv", "XBTUSDT.KRAKEN", .spot, "XBT", "USDT"),
            ("btcusd_1M_backtesting-py.csv", "BTCUSD.SIM", .spot, "BTC", "USD"),
        ]
    )
    func fileNames(name: String, id: String, kind: InstrumentKind, base: String, quote: String) throws {
        let files = try TestFiles()
        let description = try DataFileDescription.describe(try files.write(name, candles))
        #expect(description.instrumentID?.description == id)
        #expect(description.instrumentKind == kind)
        #expect(description.base.code == base && description.quote.code == quote)
    }
}
