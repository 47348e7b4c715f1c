public import TradingCore

/// The trades the sim prints: every one-minute bar replayed as four trades along the backtest's documented
/// intra-bar path (open → nearer extreme → farther extreme → close, at 0, 20, 40 and 59.999 seconds into
/// the minute; on a tie a bar closing below its open visits the high first). Each trade is a quarter of the
/// bar's volume (at least one lot step); its aggressor is the side that moved the price (a buyer when the
/// price rose or stood still).
///
/// Orders on the sim are matched against these trades by the backtest's simulated exchange, so a backtest
/// on the same trades fills the same orders at the same prices.
public enum TradeTape {
    /// One printed trade.
    public struct Trade: Sendable, Hashable {
        /// Binance's trade ID: `minute × 4 + k + 1` for the `k`-th trade of the market's `minute`-th bar.
        public let id: Int64
        public let time: Timestamp
        public let price: Price
        public let size: Quantity
        public let aggressor: OrderSide
    }

    /// Offsets of the four trades from the minute's open, in nanoseconds.
    public static let offsets: [Int64] = [0, 20_000_000_000, 40_000_000_000, 59_999_000_000]

    /// The four trades of the `index`-th minute, which follows a minute that closed at `previousClose`.
    public static func trades(
        of minute: SimMarket.Minute,
        index: Int,
        previousClose: Price?,
        lotStep: Quantity
    )
        -> [Trade]
    {
        let bar = minute.bar
        let highFirst: Bool = {
            let toHigh = bar.high.raw - bar.open.raw
            let toLow = bar.open.raw - bar.low.raw
            if toHigh != toLow { return toHigh < toLow }
            return bar.close < bar.open
        }()
        let prices = [bar.open, highFirst ? bar.high : bar.low, highFirst ? bar.low : bar.high, bar.close]
        var size = Quantity(raw: bar.volume.raw / 4)
        if lotStep.raw > 0 { size = Quantity(raw: max(lotStep.raw, size.raw - size.raw % lotStep.raw)) }
        var trades: [Trade] = []
        var last = previousClose ?? bar.open
        for (k, price) in prices.enumerated() {
            trades.append(
                Trade(
                    id: Int64(index) * 4 + Int64(k) + 1,
                    time: Timestamp(nanoseconds: minute.openTime + offsets[k]),
                    price: price,
                    size: size,
                    aggressor: price < last ? .sell : .buy
                )
            )
            last = price
        }
        return trades
    }
}
