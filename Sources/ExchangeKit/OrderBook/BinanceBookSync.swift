public import TradingCore

/// A local Binance order book kept from a REST snapshot and the `depthUpdate` stream, by the procedure
/// Binance publishes ("How to manage a local order book correctly"), for spot and USD-M:
///
/// 1. Open the stream and buffer its events; then fetch a snapshot (`GET /api/v3/depth` or `/fapi/v1/depth`).
/// 2. Drop buffered events the snapshot already holds: `u` ≤ `lastUpdateId` (spot) or `u` < `lastUpdateId`
///    (USD-M).
/// 3. The first event applied must straddle the snapshot: `U` ≤ `lastUpdateId` + 1 ≤ `u` (spot) or
///    `U` ≤ `lastUpdateId` ≤ `u` (USD-M; or `pu` = `lastUpdateId` when the snapshot fell on an event
///    boundary), whether it was buffered or arrives after the snapshot. If it starts after that, the snapshot
///    is too old: fetch another (``Outcome/needsSnapshot(_:)``).
/// 4. Every later event continues the last: `U` = previous `u` + 1 (spot) or `pu` = previous `u` (USD-M).
///    Anything else is a gap: the book is dropped and must be rebuilt (``Outcome/resync(_:)``), never
///    patched into a silently wrong book.
///
/// The type is a pure state machine: the caller fetches snapshots, and turns a resync into the engine's
/// connectivity event.
public struct BinanceBookSync: Sendable {
    public enum Outcome: Sendable, Hashable {
        /// The event was applied; the book is current to its `u`.
        case applied
        /// Held until a snapshot arrives.
        case buffered
        /// Older than the book: ignored.
        case dropped
        /// The snapshot is older than the buffered stream: fetch a newer snapshot.
        case needsSnapshot(String)
        /// A gap in the stream: the book is no longer trusted; rebuild it from a new snapshot.
        case resync(String)
    }

    public let product: BinanceREST.Product
    /// The book, valid while ``isSynced``.
    public private(set) var book = OrderBook()
    public private(set) var isSynced = false
    /// The last applied event's `u` (or the snapshot's `lastUpdateId`).
    public private(set) var lastUpdateID: UInt64 = 0
    private var buffer: [DepthDiff] = []
    /// Set from a snapshot until the first event is applied: that event must straddle the snapshot rather
    /// than continue the previous event (its `pu` belongs to events the snapshot already holds).
    private var awaitingFirstEvent = false
    private let instrument: InstrumentIndex
    /// At most this many events wait for a snapshot; older ones are dropped (a snapshot that old would
    /// be refused anyway).
    public var bufferLimit = 10_000

    public init(product: BinanceREST.Product, instrument: InstrumentIndex = InstrumentIndex(0)) {
        self.product = product
        self.instrument = instrument
    }

    /// Takes one stream event.
    public mutating func receive(_ diff: DepthDiff) -> Outcome {
        guard isSynced else {
            if buffer.count >= bufferLimit { buffer.removeFirst(buffer.count - bufferLimit + 1) }
            buffer.append(diff)
            return .buffered
        }
        return applyNext(diff)
    }

    /// Starts the book from `snapshot` and applies the buffered events that follow it.
    /// - Returns: ``Outcome/applied`` when the book is in sync, or why it is not.
    public mutating func start(from snapshot: DepthSnapshot) -> Outcome {
        let pending = buffer
        buffer.removeAll()
        book = OrderBook()
        book.apply(
            BookUpdate(
                instrument: instrument,
                kind: .snapshot,
                bids: snapshot.bids,
                asks: snapshot.asks,
                updateID: snapshot.lastUpdateID,
                exchangeTime: .zero,
                receivedTime: .zero
            )
        )
        lastUpdateID = snapshot.lastUpdateID
        let fresh = pending.filter {
            product == .spot ? $0.finalUpdateID > snapshot.lastUpdateID : $0.finalUpdateID >= snapshot.lastUpdateID
        }
        guard let first = fresh.first else {
            isSynced = true
            awaitingFirstEvent = true
            return .applied
        }
        let straddle = product == .spot ? snapshot.lastUpdateID + 1 : snapshot.lastUpdateID
        guard first.firstUpdateID <= straddle || continues(first, from: snapshot.lastUpdateID) else {
            buffer = pending
            return .needsSnapshot(
                "lastUpdateId \(snapshot.lastUpdateID) < U \(first.firstUpdateID) of the first buffered event"
            )
        }
        isSynced = true
        awaitingFirstEvent = false
        apply(first)
        for diff in fresh.dropFirst() {
            let outcome = applyNext(diff)
            if case .resync = outcome { return outcome }
        }
        return .applied
    }

    /// Forgets the book (after a disconnect): events buffer again until the next snapshot.
    public mutating func reset() {
        isSynced = false
        awaitingFirstEvent = false
        buffer.removeAll()
        book = OrderBook()
    }

    private mutating func applyNext(_ diff: DepthDiff) -> Outcome {
        if awaitingFirstEvent {
            let covered = product == .spot ? diff.finalUpdateID <= lastUpdateID : diff.finalUpdateID < lastUpdateID
            if covered { return .dropped }
            let straddle = product == .spot ? lastUpdateID + 1 : lastUpdateID
            guard diff.firstUpdateID <= straddle || continues(diff, from: lastUpdateID) else {
                let reason =
                    "lastUpdateId \(lastUpdateID) < U \(diff.firstUpdateID) of the first event after the snapshot"
                reset()
                return .needsSnapshot(reason)
            }
            awaitingFirstEvent = false
            apply(diff)
            return .applied
        }
        if diff.finalUpdateID <= lastUpdateID { return .dropped }
        switch product {
        case .spot:
            guard diff.firstUpdateID == lastUpdateID + 1 else {
                let reason = "gap: U=\(diff.firstUpdateID) > local update id \(lastUpdateID) + 1"
                reset()
                return .resync(reason)
            }
        case .usdm:
            guard diff.previousFinalUpdateID == lastUpdateID else {
                let previous = diff.previousFinalUpdateID.map(String.init) ?? "none"
                let reason = "pu=\(previous) != previous u=\(lastUpdateID)"
                reset()
                return .resync(reason)
            }
        }
        apply(diff)
        return .applied
    }

    /// A USD-M event that names the snapshot's update ID as its previous one (`pu` = `lastUpdateId`) follows
    /// the snapshot exactly, though its `U` is past it: the snapshot fell on an event boundary.
    private func continues(_ diff: DepthDiff, from lastUpdateID: UInt64) -> Bool {
        product == .usdm && diff.previousFinalUpdateID == lastUpdateID
    }

    private mutating func apply(_ diff: DepthDiff) {
        book.apply(
            BookUpdate(
                instrument: instrument,
                kind: .delta,
                bids: diff.bids,
                asks: diff.asks,
                updateID: diff.finalUpdateID,
                exchangeTime: diff.exchangeTime,
                receivedTime: diff.exchangeTime
            )
        )
        lastUpdateID = diff.finalUpdateID
    }
}
