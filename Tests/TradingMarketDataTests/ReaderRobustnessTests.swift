import Foundation
import Testing
import TradingCore
import TradingMarketData
import TradingTestSupport

/// Bad inputs as a careless user or a broken download makes them: a valid file, mutated.
enum BadInput {
    static let tokens = [
        "", "-", "+", ".", "-0", "1e309", "NaN", "inf", "-1700000000000", "99999999999999999999", "9223372036854775807",
        "-9223372036854775808", "0", "0.000000000000000000001", "1700000000", "1700000000000000", "1700000000000000000",
        "10000000000000000000", "1E5", "0x10", "\"", "\"\"", ",", ",,", "\u{FEFF}", "é", "😀", "\t", " ", "\r",
        "buy", "sell", "snapshot", "update", "{", "}", "[", "]", "null", "true", "[[1,2]]", "[[\"a\",1]]",
        String(repeating: "9", count: 300), String(repeating: "x", count: 5_000), "2024-01-01", "4102444800000",
    ]

    /// `valid` with one to four random mutations: a byte changed, inserted or deleted, a token put in a field,
    /// a line repeated, dropped or moved, or the text cut short.
    static func mutate(_ valid: String, _ generator: inout SeededGenerator) -> String {
        var bytes = Array(valid.utf8)
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            switch Int.random(in: 0..<8, using: &generator) {
            case 0 where !bytes.isEmpty:
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            case 1:
                bytes.insert(
                    UInt8.random(in: 0...255, using: &generator),
                    at: Int.random(in: 0...bytes.count, using: &generator)
                )
            case 2 where !bytes.isEmpty:
                bytes.remove(at: Int.random(in: 0..<bytes.count, using: &generator))
            case 3, 4:
                // A token in place of a field (between separators).
                let separators = bytes.indices.filter { [0x2C, 0x0A, 0x3A, 0x5B].contains(bytes[$0]) }
                guard let start = separators.randomElement(using: &generator) else { continue }
                var end = start + 1
                while end < bytes.count, ![0x2C, 0x0A, 0x5D, 0x7D].contains(bytes[end]) { end += 1 }
                let token = Array(tokens.randomElement(using: &generator)!.utf8)
                bytes.replaceSubrange((start + 1)..<end, with: token)
            case 5:
                var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
                guard lines.count > 1 else { continue }
                let from = Int.random(in: 0..<lines.count, using: &generator)
                let line = lines[from]
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: lines.insert(line, at: Int.random(in: 0...lines.count, using: &generator))
                case 1: lines.remove(at: from)
                default:
                    lines.remove(at: from)
                    lines.insert(line, at: Int.random(in: 0...lines.count, using: &generator))
                }
                bytes = Array(lines.joined(separator: [0x0A]))
            case 6 where !bytes.isEmpty:
                bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &generator)))
            default:
                bytes += Array(tokens.randomElement(using: &generator)!.utf8)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }
}

@Suite("Readers never trap on bad input (seeded property, 10,000 inputs each)")
struct ReaderRobustnessTests {
    static let cases = 10_000

    static let candles = """
        timestamp,open,high,low,close,volume
        1700000000000,100.5,101,100,100.75,12.5
        1700000060000,100.75,102,100.5,101.25,3
        1700000120000,101.25,101.5,100.25,100.5,0.00000001
        1700000180000,100.5,100.5,99,99.5,7

        """
    static let trades = """
        timestamp,price,size,side
        1700000000000,100.5,0.1,buy
        1700000000000,100.4,0.2,sell
        1700000000002,100.7,0.4,buy

        """
    static let quotes = """
        timestamp,bid_price,bid_size,ask_price,ask_size
        1700000000000,100,1,100.1,2
        1700000000005,100.05,1,100.1,2

        """
    static let funding = """
        timestamp,symbol,funding_rate
        1700000000000,BTCUSDT,0.0001
        1700028800000,ETHUSDT,-0.0002
        1700028800000,BTCUSDT,0.0003

        """
    static let books = """
        {"ts":1700000001000,"type":"snapshot","last_update_id":10,"bids":[[100.5,2],[100,1]],"asks":[[101,3]]}
        {"ts":1700000000998,"type":"update","last_update_id":12,"bids":[[100.5,0]],"asks":[[101.5,1]]}
        {"ts":1700000002000,"type":"update","last_update_id":13,"bids":[[100.25,4]],"asks":[]}

        """

    /// Runs `read` over mutations of `valid`; each must return events in time order inside the accepted range,
    /// or throw a ``DataError`` naming the file.
    func check(_ name: String, valid: String, file: String, read: (String) throws -> [MarketEvent]) throws {
        let files = try TestFiles()
        let path = files.path(file)
        var outcomes = (events: 0, errors: 0)
        let failures = PropertyTesting.check("\(name) reader on bad input", cases: Self.cases) { generator in
            let text = BadInput.mutate(valid, &generator)
            do {
                try BadInput.write(text, to: path)
                let events = try read(path)
                outcomes.events += 1
                var last = Timestamp.distantPast
                for event in events {
                    let time = event.receivedTime
                    guard Timestamp.marketDataRange.contains(time), time >= last else {
                        return "an event at \(time) after \(last) passed: \(text.prefix(200))"
                    }
                    last = time
                }
            } catch let error as DataError {
                outcomes.errors += 1
                guard error.file == path, error.description.count < 3_000 else { return "unnamed error \(error)" }
            } catch {
                return "an untyped error \(error)"
            }
            return nil
        }
        print("\(name): \(outcomes.events) read, \(outcomes.errors) refused with a DataError")
        #expect(failures.isEmpty, "\(failures)")
        #expect(outcomes.errors > Self.cases / 10 && outcomes.events > 0)
    }

    @Test("candle files") func candleFiles() throws {
        try check("candle", valid: Self.candles, file: "fuzz_BTCUSDT_1m.csv") { path in
            try drain(CandleFileSource(path: path, instrument: InstrumentIndex(0), timeframe: nil))
        }
    }

    @Test("trade files") func tradeFiles() throws {
        try check("trade", valid: Self.trades, file: "t.csv") { path in
            try drain(TradeFileSource(path: path, instrument: InstrumentIndex(0)))
        }
    }

    @Test("quote files") func quoteFiles() throws {
        try check("quote", valid: Self.quotes, file: "q.csv") { path in
            try drain(QuoteFileSource(path: path, instrument: InstrumentIndex(0)))
        }
    }

    @Test("funding files") func fundingFiles() throws {
        try check("funding", valid: Self.funding, file: "f.csv") { path in
            try drain(
                FundingFileSource(
                    path: path,
                    instruments: ["BTCUSDT": InstrumentIndex(0), "ETHUSDT": InstrumentIndex(1)]
                )
            )
        }
    }

    @Test("order-book files") func bookFiles() throws {
        try check("book", valid: Self.books, file: "b.jsonl") { path in
            try drain(BookFileSource(path: path, instrument: InstrumentIndex(0)))
        }
    }

    @Test("gzip files: bytes of a gzip stream mutated") func gzipFiles() throws {
        let files = try TestFiles()
        let source = try Data(contentsOf: URL(fileURLWithPath: files.writeGzip("g_BTCUSDT_1m.csv.gz", Self.candles)))
        let path = files.path("m_BTCUSDT_1m.csv.gz")
        var outcomes = (read: 0, refused: 0)
        let failures = PropertyTesting.check("gzip reader on bad input", cases: Self.cases) { generator in
            var bytes = [UInt8](source)
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                switch Int.random(in: 0..<3, using: &generator) {
                case 0:
                    bytes[Int.random(in: 0..<bytes.count, using: &generator)] ^= UInt8.random(
                        in: 1...255,
                        using: &generator
                    )
                case 1: bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &generator)))
                default:
                    bytes.insert(
                        UInt8.random(in: 0...255, using: &generator),
                        at: Int.random(in: 0...bytes.count, using: &generator)
                    )
                }
                if bytes.isEmpty { bytes = [0x1F] }
            }
            do {
                try Data(bytes).write(to: URL(fileURLWithPath: path))
                let reader = try LineReader(path: path, chunkSize: 64)
                var text: [UInt8] = []
                while let line = try reader.nextLine() { text += Array(line) + [0x0A] }
                outcomes.read += 1
                // zlib accepted it: the CRC-32 and length matched, so the text is the original's.
                let gzip = bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
                if gzip && text != Array(Self.candles.utf8) { return "a corrupt stream read as other text" }
            } catch let error as DataError {
                outcomes.refused += 1
                guard error.file == path else { return "unnamed error \(error)" }
            } catch {
                return "an untyped error \(error)"
            }
            return nil
        }
        print("gzip: \(outcomes.read) read, \(outcomes.refused) refused with a DataError")
        #expect(failures.isEmpty, "\(failures)")
        #expect(outcomes.refused > Self.cases / 2)
    }
}
