import HeapModule
public import TradingCore
import TradingEngine
public import TradingMarketData

/// Merges several market-data sources into one stream ordered by replay time, breaking ties the same
/// way every run: by `(receivedTime, kindPriority, source index, sequence within the source)`.
///
/// Only the head event of each source is held in memory.
public struct ReplayMerger {
    private struct Entry: Comparable {
        let time: Int64
        let priority: Int
        let source: Int
        let sequence: UInt64
        let event: MarketEvent

        static func < (lhs: Entry, rhs: Entry) -> Bool {
            (lhs.time, lhs.priority, lhs.source, lhs.sequence) < (rhs.time, rhs.priority, rhs.source, rhs.sequence)
        }

        static func == (lhs: Entry, rhs: Entry) -> Bool {
            (lhs.time, lhs.priority, lhs.source, lhs.sequence) == (rhs.time, rhs.priority, rhs.source, rhs.sequence)
        }
    }

    public let sources: [any MarketDataSource]
    private var heap = Heap<Entry>()
    private var sequences: [UInt64]
    private var lastTimes: [Int64]
    private var started = false

    public init(sources: [any MarketDataSource]) {
        self.sources = sources
        sequences = Array(repeating: 0, count: sources.count)
        lastTimes = Array(repeating: .min, count: sources.count)
    }

    /// The next event across all sources, or `nil` when every source is done.
    /// - Throws: ``DataError`` from a source, or when a source goes back in time.
    public mutating func next() throws(DataError) -> MarketEvent? {
        if !started {
            started = true
            for index in sources.indices { try pull(index) }
        }
        guard let entry = heap.popMin() else { return nil }
        try pull(entry.source)
        return entry.event
    }

    private mutating func pull(_ index: Int) throws(DataError) {
        guard let event = try sources[index].next() else { return }
        let time = event.receivedTime.nanoseconds
        guard time >= lastTimes[index] else {
            throw DataError(file: sources[index].name, message: "events go back in time at \(event.receivedTime)")
        }
        lastTimes[index] = time
        sequences[index] += 1
        heap.insert(
            Entry(
                time: time,
                priority: sources[index].kindPriority,
                source: index,
                sequence: sequences[index],
                event: event
            )
        )
    }

    /// Average progress over the sources, from 0 to 1.
    public var progress: Double {
        guard !sources.isEmpty else { return 1 }
        return sources.reduce(0) { $0 + $1.progress } / Double(sources.count)
    }
}
