public import TradingBacktest
import TradingCore
public import TradingEngine

/// Builds a bot's timeframe bars from the replayed ones, as they arrive: first open, highest high, lowest
/// low, last close, summed volume. A bar completes with the source bar that closes at or after its end, so
/// it is acted on at the same time as a bar of that timeframe read from a file. Source bars that are as
/// long as the timeframe, or longer, pass through unchanged. Buckets follow ``Timeframe/bucketStart(_:)``.
public struct BarAggregator: Sendable, Hashable {
    public let timeframe: Timeframe
    private var bucketOpen: Timestamp?
    private var bucketClose = Timestamp.zero
    private var open = Price.zero
    private var high = Price.zero
    private var low = Price.zero
    private var volume = Quantity.zero

    public init(timeframe: Timeframe) { self.timeframe = timeframe }

    /// Adds a source bar (in time order); returns the timeframe bar it completes, if any.
    public mutating func add(_ bar: Bar) -> Bar? {
        let start = Timestamp(milliseconds: timeframe.bucketStart(bar.openTime.milliseconds))
        let end = timeframe.closeTime(opening: start)
        if bar.openTime == start && bar.closeTime >= end { return bar }
        if bucketOpen != start {
            // A new bucket; an unfinished one (a gap in the data) is dropped, as a file would not hold it either.
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
        guard bar.closeTime >= bucketClose else { return nil }
        bucketOpen = nil
        return Bar(
            instrument: bar.instrument, openTime: start, closeTime: bucketClose, open: open, high: high, low: low,
            close: bar.close, volume: volume)
    }
}
