import ExchangeKit
import Foundation
import Testing
import TradingCore
import TradingTestSupport

/// Every case of `orderbook_sync_vectors.json`: the snapshot and the buffered events go through the parser
/// and ``BinanceBookSync``; the result, the events applied and the final book are the case's.
@Suite("Binance local order book sync", .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason)))
struct BinanceBookSyncVectorTests {
    static let cases = VectorCase.all("orderbook_sync_vectors.json", "cases")

    static func json(_ value: Any) throws -> [UInt8] { Array(try JSONSerialization.data(withJSONObject: value)) }

    @Test("the file has the in-sync, gap, stale and pu-break cases")
    func coverage() {
        #expect(Self.cases.count >= 5)
    }

    @Test("each case behaves as specified", arguments: cases)
    func syncs(_ vector: VectorCase) throws {
        let product: BinanceREST.Product = try vector.string("market") == "spot" ? .spot : .usdm
        var sync = BinanceBookSync(product: product)
        let events = try #require(vector["buffered_events"] as? [[String: Any]])
        for event in events {
            // Every event arrives before the snapshot, as in the procedure: they are buffered.
            #expect(sync.receive(try BinanceDepthParsing.diff(try Self.json(event))) == .buffered)
        }
        let snapshot = try BinanceDepthParsing.snapshot(try Self.json(try #require(vector["snapshot"])))
        let outcome = sync.start(from: snapshot)
        let expected = try #require(vector["expected"] as? [String: Any])
        let result = try #require(expected["result"] as? String)
        switch result {
        case "ok":
            #expect(outcome == .applied)
            #expect(sync.isSynced)
            #expect(sync.lastUpdateID == (expected["lastUpdateId"] as? NSNumber)?.uint64Value)
            let book = try #require(expected["book"] as? [String: Any])
            #expect(Self.levels(sync.book.bids) == (book["bids"] as? [[String]]).map(Self.normalised))
            #expect(Self.levels(sync.book.asks) == (book["asks"] as? [[String]]).map(Self.normalised))
        case "resync":
            guard case .resync(let reason) = outcome else {
                Issue.record("expected a resync, got \(outcome)")
                return
            }
            #expect(reason == expected["reason"] as? String)
            #expect(!sync.isSynced)
        case "refetch_snapshot":
            guard case .needsSnapshot = outcome else {
                Issue.record("expected a new snapshot to be needed, got \(outcome)")
                return
            }
            #expect(!sync.isSynced)
        default:
            Issue.record("unknown expected result \(result)")
        }
        if let ids = expected["applied_event_ids"] as? [[NSNumber]] {
            #expect(try appliedIDs(product, events: events, snapshot: snapshot) == ids.map { $0.map(\.uint64Value) })
        }
    }

    /// The events a sync applies before its outcome, as `[U, u]`: each prefix of the buffer is started from
    /// the snapshot, and an event counts as applied when the prefix ending with it moves the book to its `u`.
    func appliedIDs(
        _ product: BinanceREST.Product,
        events: [[String: Any]],
        snapshot: DepthSnapshot
    ) throws -> [[UInt64]] {
        var ids: [[UInt64]] = []
        var diffs: [DepthDiff] = []
        for event in events { diffs.append(try BinanceDepthParsing.diff(try Self.json(event))) }
        for count in diffs.indices {
            var partial = BinanceBookSync(product: product)
            for diff in diffs.prefix(count + 1) { _ = partial.receive(diff) }
            guard partial.start(from: snapshot) == .applied else { break }
            if partial.lastUpdateID == diffs[count].finalUpdateID {
                ids.append([diffs[count].firstUpdateID, diffs[count].finalUpdateID])
            }
        }
        return ids
    }

    static func levels(_ side: ReversedCollection<[BookLevel]>) -> [[String]] {
        side.map { [$0.price.description, $0.size.description] }
    }

    static func normalised(_ rows: [[String]]) -> [[String]] {
        rows.map { row in row.map { (try? Price($0).description) ?? $0 } }
    }

    @Test("a gap after the book is in sync drops the book; a new snapshot restores it")
    func gapAfterSync() throws {
        var sync = BinanceBookSync(product: .spot)
        let level = BookLevel(price: try Price("100"), size: try Quantity("1"))
        #expect(sync.start(from: DepthSnapshot(lastUpdateID: 10, bids: [level], asks: [])) == .applied)
        #expect(sync.receive(DepthDiff(firstUpdateID: 11, finalUpdateID: 12, bids: [], asks: [])) == .applied)
        #expect(sync.receive(DepthDiff(firstUpdateID: 5, finalUpdateID: 12, bids: [], asks: [])) == .dropped)
        #expect(
            sync.receive(DepthDiff(firstUpdateID: 14, finalUpdateID: 15, bids: [], asks: []))
                == .resync("gap: U=14 > local update id 12 + 1")
        )
        #expect(!sync.isSynced)
        #expect(sync.book.bestBid == nil)
        #expect(sync.receive(DepthDiff(firstUpdateID: 16, finalUpdateID: 17, bids: [], asks: [])) == .buffered)
        #expect(sync.start(from: DepthSnapshot(lastUpdateID: 16, bids: [level], asks: [])) == .applied)
        #expect(sync.lastUpdateID == 17)
    }
}

@Suite("Binance book sync at an event boundary")
struct BinanceBookBoundaryTests {
    @Test("a USD-M event whose pu is the snapshot's update ID follows it, though its U is past it")
    func boundary() throws {
        var sync = BinanceBookSync(product: .usdm)
        let level = BookLevel(price: try Price("100"), size: try Quantity("1"))
        #expect(sync.start(from: DepthSnapshot(lastUpdateID: 50, bids: [level], asks: [])) == .applied)
        #expect(
            sync.receive(DepthDiff(firstUpdateID: 51, finalUpdateID: 53, previousFinalUpdateID: 50, bids: [], asks: []))
                == .applied
        )
        #expect(sync.lastUpdateID == 53)
        var stale = BinanceBookSync(product: .usdm)
        #expect(stale.start(from: DepthSnapshot(lastUpdateID: 50, bids: [level], asks: [])) == .applied)
        let outcome = stale.receive(
            DepthDiff(firstUpdateID: 52, finalUpdateID: 53, previousFinalUpdateID: 51, bids: [], asks: [])
        )
        guard case .needsSnapshot = outcome else {
            Issue.record("an event past the snapshot with another pu needs a new snapshot, got \(outcome)")
            return
        }
    }
}
