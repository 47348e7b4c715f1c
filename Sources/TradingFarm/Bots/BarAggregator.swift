import TradingBacktest
public import TradingMarketData
public import TradingCore
import TradingEngine

/// Builds a bot's timeframe bars from the replayed ones, as they arrive: first open, highest high, lowest
/// low, last close, summed volume. A bar completes with the source bar that closes at or after its end, so
/// it is acted on at the same time as a bar of that timeframe read from a file. A bar left unfinished by a
/// gap in the data is completed late, when the first source bar of a later bucket arrives
/// (``Completed/late``). Source bars that are as long as the timeframe, or longer, pass through unchanged.
/// Buckets follow ``Timeframe/bucketStart(_:)``.
public struct BarAggregator: Sendable, Hashable {
    /// What one source bar completes.
    public struct Completed: Sendable, Hashable {
        /// An earlier bar a gap left unfinished, completed now that a later bucket has begun.
        public var late: Bar?
        /// The bar that ends with this source bar.
        public var current: Bar?
    }

    public let timeframe: Timeframe
    private var bucketOpen: Timestamp?
    private var bucketClose = Timestamp.zero
    private var open = Price.zero
    private var high = Price.zero
    private var low = Price.zero
    private var close = Price.zero
    private var volume = Quantity.zero

    public init(timeframe: Timeframe) { self.timeframe = timeframe }

    /// Adds a source bar (in time order).
    public mutating func add(_ bar: Bar) -> Completed {
        let start = Timestamp(milliseconds: timeframe.bucketStart(bar.openTime.milliseconds))
        var completed = Completed()
        if let previous = bucketOpen, previous != start {
            completed.late = finished(instrument: bar.instrument)
        }
        let end = timeframe.closeTime(opening: start)
        if bar.openTime == start && bar.closeTime >= end {
            completed.current = bar
            return completed
        }
        if bucketOpen != start {
            bucketOpen = start
            bucketClose = end
            open = bar.open
            high = bar.high
            low = bar.low
            volume = bar.volume
        } else {
            high = max(high, bar.high)
            low = min(low, bar.low)
            volume = volume + bar.volume
        }
        close = bar.close
        if bar.closeTime >= bucketClose { completed.current = finished(instrument: bar.instrument) }
        return completed
    }

    private mutating func finished(instrument: InstrumentIndex) -> Bar? {
        guard let start = bucketOpen else { return nil }
        bucketOpen = nil
        return Bar(instrument: instrument, openTime: start, closeTime: bucketClose, open: open, high: high, low: low, close: close, volume: volume)
    }
}
