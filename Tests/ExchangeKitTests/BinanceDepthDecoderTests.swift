import ExchangeKit
import Foundation
import Testing
import TradingCore
import TradingTestSupport

@Suite("The fast depthUpdate decoder")
struct BinanceDepthDecoderTests {
    static let frames: [String] = [
        #"{"e":"depthUpdate","E":1672515782136,"s":"BNBBTC","U":157,"u":160,"b":[["0.0024","10"]],"a":[["0.0026","100"]]}"#,
        #"{"stream":"btcusdt@depth","data":{"e":"depthUpdate","E":1,"T":2,"s":"BTCUSDT","U":5,"u":9,"pu":4,"b":[],"a":[["28145.2","6.961"],["28173.3","0"]]}}"#,
        #" { "e" : "depthUpdate" , "E" : 7 , "U" : 1 , "u" : 2 , "b" : [ [ "1.5" , "2" ] ] , "a" : [ ] , "x" : {"nested":[1,"]",{"y":"\"}"}]} } "#,
        #"{"e":"depthUpdate","E":3,"U":10,"u":11,"b":[[5000,14.368],[28018.9,0]],"a":[]}"#,
    ]

    @Test("gives the same diff as the plain parser", arguments: frames)
    func matchesPlainParser(_ frame: String) throws {
        var diff = DepthDiff(firstUpdateID: 0, finalUpdateID: 0, bids: [], asks: [])
        try BinanceDepthDecoder().decode(Array(frame.utf8), into: &diff)
        let plain = try BinanceDepthParsing.diff(Array(frame.utf8))
        #expect(diff == plain)
    }

    @Test("every prefix of a frame, and other events, fail with an error instead of a partial diff")
    func truncatedFrames() {
        let decoder = BinanceDepthDecoder()
        for frame in Self.frames.map({ Array($0.utf8) }) {
            for cut in 0..<frame.count where cut < frame.count - 2 {
                var diff = DepthDiff(firstUpdateID: 0, finalUpdateID: 0, bids: [], asks: [])
                #expect(throws: ResponseFormatError.self) { try decoder.decode(Array(frame.prefix(cut)), into: &diff) }
            }
        }
        var diff = DepthDiff(firstUpdateID: 0, finalUpdateID: 0, bids: [], asks: [])
        #expect(throws: ResponseFormatError.self) {
            try decoder.decode(Array(#"{"e":"trade","E":1,"U":1,"u":2,"b":[],"a":[]}"#.utf8), into: &diff)
        }
        #expect(throws: ResponseFormatError.self) {
            try decoder.decode(
                Array(#"{"e":"depthUpdate","E":1,"U":1,"u":2,"b":[["x","1"]],"a":[]}"#.utf8),
                into: &diff
            )
        }
    }

    @Test(
        "replays a recorded USD-M book through decode and sync without a gap",
        .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason))
    )
    func replaysRecordedBook() throws {
        // The first capture window of the recorded book, turned back into the frames Binance sent.
        let lines = try gunzipLines(SharedData.data("binanceusdm_BTCUSDT_book.jsonl.gz"))
        var sync = BinanceBookSync(product: .usdm)
        var diff = DepthDiff(firstUpdateID: 0, finalUpdateID: 0, bids: [], asks: [])
        var applied = 0
        for line in lines.prefix(3_000) {
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            if record["type"] as? String == "snapshot" {
                if applied > 0 { break }
                let snapshot = DepthSnapshot(
                    lastUpdateID: (record["last_update_id"] as? NSNumber)?.uint64Value ?? 0,
                    bids: try Self.levels(record["bids"]),
                    asks: try Self.levels(record["asks"])
                )
                #expect(sync.start(from: snapshot) == .applied)
                continue
            }
            try BinanceDepthDecoder().decode(Array(Self.frame(record).utf8), into: &diff)
            let outcome = sync.receive(diff)
            #expect(outcome == .applied || outcome == .dropped, "\(outcome)")
            applied += 1
        }
        #expect(applied > 1_000)
        let bid = try #require(sync.book.bestBid)
        let ask = try #require(sync.book.bestAsk)
        #expect(bid.price < ask.price)
    }

    static func levels(_ value: Any?) throws -> [BookLevel] {
        try (value as? [[NSNumber]] ?? []).map {
            BookLevel(price: try Price("\($0[0])"), size: try Quantity("\($0[1])"))
        }
    }

    /// A recorded update as Binance's `depthUpdate` frame, prices and sizes as strings.
    static func frame(_ record: [String: Any]) -> String {
        func side(_ value: Any?) -> String {
            (value as? [[NSNumber]] ?? []).map { "[\"\($0[0])\",\"\($0[1])\"]" }.joined(separator: ",")
        }
        let time = (record["ts"] as? NSNumber)?.int64Value ?? 0
        let previous = (record["prev_last_update_id"] as? NSNumber).map { ",\"pu\":\($0)" } ?? ""
        return
            "{\"e\":\"depthUpdate\",\"E\":\(time),\"T\":\(time),\"s\":\"BTCUSDT\",\"U\":\(record["first_update_id"] ?? 0),"
            + "\"u\":\(record["last_update_id"] ?? 0)\(previous),\"b\":[\(side(record["bids"]))],\"a\":[\(side(record["asks"]))]}"
    }

    func gunzipLines(_ path: String) throws -> [String] {
        let result = try CommandRunner.run("/bin/sh", ["-c", "gzip -dc '\(path)'"])
        return result.standardOutput.split(separator: "\n").map(String.init)
    }
}
