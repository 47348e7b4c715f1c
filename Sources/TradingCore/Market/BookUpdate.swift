/// One price level of an order book: the total size resting at a price. A size of zero in an update
/// deletes the level.
public struct BookLevel: Sendable, Hashable {
    public let price: Price
    public let size: Quantity

    @inlinable
    public init(price: Price, size: Quantity) {
        self.price = price
        self.size = size
    }
}

/// A change to a level-2 order book: a full snapshot, or a set of absolute level sizes.
public struct BookUpdate: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// Replace the whole book.
        case snapshot
        /// Set each listed level to its size; size zero deletes the level.
        case delta
    }

    public let instrument: InstrumentIndex
    public let kind: Kind
    /// Bids, best (highest) first.
    public let bids: [BookLevel]
    /// Asks, best (lowest) first.
    public let asks: [BookLevel]
    /// The venue's last update ID covered by this message.
    public let updateID: UInt64
    public let exchangeTime: Timestamp
    public let receivedTime: Timestamp

    public init(
        instrument: InstrumentIndex,
        kind: Kind,
        bids: [BookLevel],
        asks: [BookLevel],
        updateID: UInt64,
        exchangeTime: Timestamp,
        receivedTime: Timestamp
    ) {
        self.instrument = instrument
        self.kind = kind
        self.bids = bids
        self.asks = asks
        self.updateID = updateID
        self.exchangeTime = exchangeTime
        self.receivedTime = receivedTime
    }
}
