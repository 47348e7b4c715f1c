/// The sim's order book where the data has none: levels one tick apart on each side of the last price, the
/// best bid one tick below it and the best ask at it rounded up, with sizes that grow away from the top and
/// vary with a seeded hash of the level and the minute. `lastUpdateId` advances with market time (ten
/// updates a minute), so snapshots taken later have larger IDs, as Binance's do.
public struct SyntheticBook: Sendable {
    /// The typical size at the top of the book, in lot steps.
    public let topSteps: Int64

    public init(topSteps: Int64 = 400) { self.topSteps = topSteps }

    /// Levels on each side. Each printed trade moves the whole ladder, so a diff event lists every level
    /// (about 40 bytes each): 200 a side keeps an event near 16 KB for a thousand stream clients, where
    /// Binance's 1,000 would make it 80 KB. REST `depth` answers at most this many levels.
    public static let depth = 200

    public struct Snapshot: Sendable {
        public let lastUpdateId: Int64
        /// (price, quantity) as decimal text, best first.
        public let bids: [(String, String)]
        public let asks: [(String, String)]
    }

    /// The book as of `updateId` (``SimMarket/bookState(_:at:)``), `levels` deep on each side.
    public func snapshot(
        symbol: SimSymbol,
        state: (updateId: Int64, price: Double, minute: Int64),
        levels: Int
    )
        -> Snapshot
    {
        let book = snapshot(symbol: symbol, price: state.price, minute: state.minute, levels: levels)
        return Snapshot(lastUpdateId: state.updateId, bids: book.bids, asks: book.asks)
    }

    /// What changed from `old` to `new`, as Binance's diff depth sends it: every level of the new book
    /// whose size differs, and every level of the old book that is gone, with size zero.
    public static func diff(
        from old: Snapshot,
        to new: Snapshot,
        zero: String
    )
        -> (bids: [(String, String)], asks: [(String, String)])
    {
        func side(_ before: [(String, String)], _ after: [(String, String)]) -> [(String, String)] {
            var previous: [String: String] = [:]
            for (price, size) in before { previous[price] = size }
            var changes: [(String, String)] = []
            var present = Set<String>()
            for (price, size) in after {
                present.insert(price)
                if previous[price] != size { changes.append((price, size)) }
            }
            for (price, _) in before where !present.contains(price) { changes.append((price, zero)) }
            return changes
        }
        return (side(old.bids, new.bids), side(old.asks, new.asks))
    }

    public func snapshot(symbol: SimSymbol, price: Double, minute: Int64, levels: Int) -> Snapshot {
        let (tickUnits, tickDecimals) = DecimalText.units(symbol.tickSize)
        let (stepUnits, stepDecimals) = DecimalText.units(symbol.stepSize)
        let tick = Double(tickUnits) / Double(DecimalText.power(tickDecimals))
        let priceDecimals = symbol.kind == .spot ? 8 : symbol.pricePrecision
        let quantityDecimals = symbol.kind == .spot ? 8 : symbol.quantityPrecision
        let ticks = Int64((price / tick).rounded(.up))
        var bids: [(String, String)] = []
        var asks: [(String, String)] = []
        for level in 0..<Int64(max(0, levels)) {
            for bid in [true, false] {
                let priceTicks = bid ? ticks - 1 - level : ticks + level
                guard priceTicks > 0 else { continue }
                let steps = size(level: level, bid: bid, minute: minute)
                let priceText = DecimalText.format(
                    units: priceTicks * tickUnits,
                    decimals: priceDecimals,
                    from: tickDecimals
                )
                let quantityText = DecimalText.format(
                    units: steps * stepUnits,
                    decimals: quantityDecimals,
                    from: stepDecimals
                )
                if bid { bids.append((priceText, quantityText)) } else { asks.append((priceText, quantityText)) }
            }
        }
        return Snapshot(lastUpdateId: 1_000_000 + minute * 10, bids: bids, asks: asks)
    }

    /// Lot steps at `level` (0 = the top): grows with depth, varies ±50 % with a hash (SplitMix64).
    private func size(level: Int64, bid: Bool, minute: Int64) -> Int64 {
        var z = UInt64(bitPattern: minute) &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(bitPattern: level) &* 2 &+ (bid ? 1 : 0)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        let jitter = 0.5 + Double(z % 1_000) / 1_000
        return max(1, Int64(Double(topSteps) * (1 + Double(level) * 0.15) * jitter))
    }
}
