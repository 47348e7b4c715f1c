import ExchangeKit
import Foundation
import Testing
import TradingCore
import TradingTestSupport

/// OKX/Bitget books with CRC32 checksums (expected values computed independently with Python's
/// `zlib.crc32`) and Bybit books with consecutive update IDs, including a recorded Bybit capture.
@Suite("OKX, Bitget and Bybit local order books")
struct VenueBookSyncTests {
    func levels(_ rows: [(String, String)]) throws -> [ChecksummedBookSync.Level] {
        try rows.map { try ChecksummedBookSync.Level(price: $0.0, size: $0.1) }
    }

    @Test("a snapshot and an update match the venue's checksum, over the text the venue sent")
    func checksumsMatch() throws {
        var sync = ChecksummedBookSync()
        let snapshot = sync.receive(
            isSnapshot: true,
            bids: try levels([("3366.1", "7"), ("3366", "6")]),
            asks: try levels([("3366.8", "9"), ("3368", "8")]),
            checksum: -1_881_014_294,
            sequence: 10
        )
        #expect(snapshot == .applied)
        // 3366.1 deleted; 3367.0 × 2.50 added (kept as sent: "3367.0", "2.50").
        let update = sync.receive(
            isSnapshot: false,
            bids: try levels([("3366.1", "0")]),
            asks: try levels([("3367.0", "2.50")]),
            checksum: -1_927_464_429,
            sequence: 11,
            previousSequence: 10
        )
        #expect(update == .applied)
        #expect(sync.bids.map(\.price) == ["3366"] && sync.asks.map(\.price) == ["3366.8", "3367.0", "3368"])
    }

    @Test("only the best 25 levels a side count")
    func top25() throws {
        let bids = try levels((0..<30).map { (String(format: "%.1f", 100 - Double($0) * 0.5), "\($0 + 1)") })
        let asks = try levels((0..<30).map { (String(format: "%.1f", 101 + Double($0) * 0.5), "\(($0 + 1) * 2)") })
        #expect(ChecksummedBookSync.checksum(bids: bids, asks: asks) == 1_188_788_054)
    }

    @Test("a checksum mismatch or a sequence break drops the book instead of keeping a wrong one")
    func mismatchesResync() throws {
        var sync = ChecksummedBookSync()
        _ = sync.receive(
            isSnapshot: true,
            bids: try levels([("1", "1")]),
            asks: try levels([("2", "1")]),
            checksum: nil,
            sequence: 5
        )
        let wrong = sync.receive(
            isSnapshot: false,
            bids: try levels([("1", "3")]),
            asks: [],
            checksum: 12_345,
            sequence: 6,
            previousSequence: 5
        )
        guard case .resync = wrong else {
            Issue.record("a wrong checksum must resync, got \(wrong)")
            return
        }
        #expect(!sync.isSynced && sync.bids.isEmpty)
        #expect(sync.receive(isSnapshot: false, bids: [], asks: [], checksum: nil) == .waitingForSnapshot)
        _ = sync.receive(isSnapshot: true, bids: try levels([("1", "1")]), asks: [], checksum: nil, sequence: 7)
        let gap = sync.receive(isSnapshot: false, bids: [], asks: [], checksum: nil, sequence: 9, previousSequence: 8)
        #expect(gap == .resync("prevSeqId 8 != last seqId 7"))
    }

    @Test("Bybit deltas must carry consecutive update IDs")
    func bybitSequence() throws {
        var sync = BybitBookSync()
        let level = BookLevel(price: try Price("1.95"), size: try Quantity("10"))
        #expect(
            sync.receive(isSnapshot: false, updateID: 4, bids: [level], asks: [], time: .zero) == .waitingForSnapshot
        )
        #expect(sync.receive(isSnapshot: true, updateID: 5, bids: [level], asks: [], time: .zero) == .applied)
        #expect(sync.receive(isSnapshot: false, updateID: 6, bids: [], asks: [level], time: .zero) == .applied)
        #expect(
            sync.receive(isSnapshot: false, updateID: 8, bids: [], asks: [], time: .zero)
                == .resync("u=8 does not follow 6")
        )
        #expect(!sync.isSynced)
    }

    @Test(
        "the recorded Bybit XRPUSDT book replays in sequence",
        .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason))
    )
    func bybitRecorded() throws {
        let text = try String(contentsOfFile: SharedData.data("bybit_XRPUSDT_book.jsonl"), encoding: .utf8)
        var sync = BybitBookSync()
        var applied = 0
        for line in text.split(separator: "\n") {
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            func side(_ key: String) throws -> [BookLevel] {
                try (record[key] as? [[NSNumber]] ?? []).map {
                    BookLevel(price: try Price("\($0[0])"), size: try Quantity("\($0[1])"))
                }
            }
            let outcome = sync.receive(
                isSnapshot: record["type"] as? String == "snapshot",
                updateID: (record["last_update_id"] as? NSNumber)?.uint64Value ?? 0,
                bids: try side("bids"),
                asks: try side("asks"),
                time: Timestamp(milliseconds: (record["ts"] as? NSNumber)?.int64Value ?? 0)
            )
            #expect(outcome == .applied)
            applied += 1
        }
        #expect(applied == 50)
        let bid = try #require(sync.book.bestBid)
        let ask = try #require(sync.book.bestAsk)
        #expect(bid.price < ask.price)
    }
}
