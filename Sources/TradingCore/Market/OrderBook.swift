/// A level-2 order book for one instrument: the total size at each price, kept sorted.
///
/// Levels are stored with the best price last, so that the many updates near the top of the book move
/// few elements. Iteration helpers present them best first.
public struct OrderBook: Sendable, Hashable {
    /// Bid levels sorted by ascending price (best bid last).
    @usableFromInline var bidLevels: [BookLevel] = []
    /// Ask levels sorted by descending price (best ask last).
    @usableFromInline var askLevels: [BookLevel] = []
    /// The last applied update ID.
    public private(set) var updateID: UInt64 = 0
    /// The exchange time of the last applied update.
    public private(set) var exchangeTime: Timestamp = .zero

    public init() {}

    /// Applies a snapshot (replaces the book) or a delta (sets each level's absolute size; zero deletes).
    public mutating func apply(_ update: BookUpdate) {
        if update.kind == .snapshot {
            bidLevels = update.bids.filter { $0.size.raw > 0 }.sorted { $0.price < $1.price }
            askLevels = update.asks.filter { $0.size.raw > 0 }.sorted { $0.price > $1.price }
        } else {
            for level in update.bids { OrderBook.set(level, in: &bidLevels, descendingBest: false) }
            for level in update.asks { OrderBook.set(level, in: &askLevels, descendingBest: true) }
        }
        updateID = update.updateID
        exchangeTime = update.exchangeTime
    }

    /// Sets one level in a side array. `descendingBest` is true for asks (stored by descending price).
    static func set(_ level: BookLevel, in levels: inout [BookLevel], descendingBest: Bool) {
        // Binary search for the insertion point in the side's sort order.
        var low = 0
        var high = levels.count
        while low < high {
            let mid = (low + high) / 2
            let before = descendingBest ? levels[mid].price > level.price : levels[mid].price < level.price
            if before { low = mid + 1 } else { high = mid }
        }
        if low < levels.count && levels[low].price == level.price {
            if level.size.raw == 0 {
                levels.remove(at: low)
            } else {
                levels[low] = level
            }
        } else if level.size.raw > 0 {
            levels.insert(level, at: low)
        }
    }

    /// The highest bid, if any.
    @inlinable
    public var bestBid: BookLevel? { bidLevels.last }
    /// The lowest ask, if any.
    @inlinable
    public var bestAsk: BookLevel? { askLevels.last }

    /// Whether both sides have at least one level.
    public var isTwoSided: Bool { !bidLevels.isEmpty && !askLevels.isEmpty }

    /// Whether the best bid is at or above the best ask.
    public var isCrossed: Bool {
        guard let bid = bestBid, let ask = bestAsk else { return false }
        return bid.price >= ask.price
    }

    /// Number of levels on each side.
    public var depth: (bids: Int, asks: Int) { (bidLevels.count, askLevels.count) }

    /// Bid levels, best first.
    public var bids: ReversedCollection<[BookLevel]> { bidLevels.reversed() }
    /// Ask levels, best first.
    public var asks: ReversedCollection<[BookLevel]> { askLevels.reversed() }

    /// The levels a taker on `side` consumes, best first: asks for a buyer, bids for a seller.
    public func levels(takenBy side: OrderSide) -> ReversedCollection<[BookLevel]> {
        side == .buy ? asks : bids
    }

    /// The size resting at exactly `price` on the side where an order on `side` would rest
    /// (bids for buy orders), or zero.
    public func restingSize(at price: Price, side: OrderSide) -> Quantity {
        let levels = side == .buy ? bidLevels : askLevels
        var low = 0
        var high = levels.count
        let descending = side == .sell
        while low < high {
            let mid = (low + high) / 2
            let before = descending ? levels[mid].price > price : levels[mid].price < price
            if before { low = mid + 1 } else { high = mid }
        }
        if low < levels.count && levels[low].price == price { return levels[low].size }
        return .zero
    }

    /// The mid price of the best bid and ask, if both exist.
    public var midPrice: Price? {
        guard let bid = bestBid, let ask = bestAsk else { return nil }
        return Price(raw: FixedPoint.multiplyDivide(bid.price.raw + ask.price.raw, 1, 2, rounding: .toNearestOrEven))
    }
}
