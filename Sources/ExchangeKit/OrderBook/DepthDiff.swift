public import TradingCore

/// One diff of a venue's depth stream: absolute sizes per price (zero removes the level) and the update
/// IDs that say where it belongs in the sequence.
///
/// Binance: `U` is the first and `u` the last update ID in the event; USD-M adds `pu`, the previous
/// event's `u`. Bybit and Bitget send one sequence number (`u`/`seq`) per message; OKX a `seqId` and
/// `prevSeqId`.
public struct DepthDiff: Sendable, Hashable {
    public var firstUpdateID: UInt64
    public var finalUpdateID: UInt64
    /// The previous event's final update ID, where the venue sends one (USD-M `pu`, OKX `prevSeqId`).
    public var previousFinalUpdateID: UInt64?
    public var bids: [BookLevel]
    public var asks: [BookLevel]
    /// The venue's event time.
    public var exchangeTime: Timestamp

    public init(
        firstUpdateID: UInt64,
        finalUpdateID: UInt64,
        previousFinalUpdateID: UInt64? = nil,
        bids: [BookLevel],
        asks: [BookLevel],
        exchangeTime: Timestamp = .zero
    ) {
        self.firstUpdateID = firstUpdateID
        self.finalUpdateID = finalUpdateID
        self.previousFinalUpdateID = previousFinalUpdateID
        self.bids = bids
        self.asks = asks
        self.exchangeTime = exchangeTime
    }
}

/// A full book from REST: the levels and the update ID they are current to.
public struct DepthSnapshot: Sendable, Hashable {
    public var lastUpdateID: UInt64
    public var bids: [BookLevel]
    public var asks: [BookLevel]

    public init(lastUpdateID: UInt64, bids: [BookLevel], asks: [BookLevel]) {
        self.lastUpdateID = lastUpdateID
        self.bids = bids
        self.asks = asks
    }
}
