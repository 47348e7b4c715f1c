public import TradingCore

/// A local Bybit v5 order book from the `orderbook.{depth}.{symbol}` stream: a `snapshot` message replaces the
/// book, each `delta` sets levels (size 0 deletes) and must carry the next update ID (`u` = previous `u` + 1).
/// Anything else is a gap: the book is dropped until the next snapshot (resubscribe to get one), never
/// patched. A snapshot with `u` = 1 (Bybit restarted its service) starts over like any snapshot.
public struct BybitBookSync: Sendable {
    public enum Outcome: Sendable, Hashable {
        case applied
        /// A delta before any snapshot: ignored until one arrives.
        case waitingForSnapshot
        /// An update ID out of sequence: the book is dropped; resubscribe for a snapshot.
        case resync(String)
    }

    public private(set) var book = OrderBook()
    public private(set) var isSynced = false
    public private(set) var lastUpdateID: UInt64 = 0
    private let instrument: InstrumentIndex

    public init(instrument: InstrumentIndex = InstrumentIndex(0)) { self.instrument = instrument }

    /// Applies a `snapshot` (`isSnapshot`) or `delta` message's levels and update ID `u`.
    public mutating func receive(
        isSnapshot: Bool,
        updateID: UInt64,
        bids: [BookLevel],
        asks: [BookLevel],
        time: Timestamp
    )
        -> Outcome
    {
        if isSnapshot {
            book = OrderBook()
            book.apply(update(.snapshot, bids, asks, updateID, time))
            lastUpdateID = updateID
            isSynced = true
            return .applied
        }
        guard isSynced else { return .waitingForSnapshot }
        guard updateID == lastUpdateID + 1 else {
            let reason = "u=\(updateID) does not follow \(lastUpdateID)"
            isSynced = false
            book = OrderBook()
            return .resync(reason)
        }
        book.apply(update(.delta, bids, asks, updateID, time))
        lastUpdateID = updateID
        return .applied
    }

    private func update(
        _ kind: BookUpdate.Kind,
        _ bids: [BookLevel],
        _ asks: [BookLevel],
        _ id: UInt64,
        _ time: Timestamp
    )
        -> BookUpdate
    {
        BookUpdate(
            instrument: instrument,
            kind: kind,
            bids: bids,
            asks: asks,
            updateID: id,
            exchangeTime: time,
            receivedTime: time
        )
    }
}
