public import TradingCore

/// A bar that folds into a longer one: the open of the first, the highest high, the lowest low, the close
/// of the last and the summed volume. ``Bar`` (engine values) and the data store's candles conform.
public protocol AggregatableBar: Sendable {
    /// The bar's open time, in Unix milliseconds.
    var openMilliseconds: Int64 { get }
    /// This bar as the first of a bucket that opens at `start` and closes at `end` (Unix milliseconds).
    func opening(bucketAt start: Int64, closingAt end: Int64) -> Self
    /// This bucket so far with `later`, a bar after it, folded in: highest high, lowest low, `later`'s close,
    /// summed volume.
    func merging(_ later: Self) -> Self
}

/// Builds bars of a longer timeframe from shorter ones as they arrive, in time order: the one aggregation
/// under the farm bots' timeframes and the data store's resampling.
///
/// A bucket is ``Timeframe/bucketStart(_:)``'s. It completes with the source bar that closes at its end, so
/// a bot acts on it at the same time as on a bar of that timeframe read from a file. A bucket that a gap in
/// the data leaves unfinished completes late, when the first bar of a later bucket arrives
/// (``Completed/late``). A source bar as long as the timeframe that opens at a bucket's start passes through
/// unchanged. A source bar that would reach past its bucket's end is refused: a bucket is built only from the
/// bars inside it.
public struct BarAggregator<Source: AggregatableBar>: Sendable {
    /// What one source bar completed.
    public struct Completed: Sendable {
        /// An earlier bucket a gap left unfinished, completed now that a later one has begun.
        public var late: Aggregate?
        /// The bucket that ends with this source bar.
        public var current: Aggregate?

        public init(late: Aggregate? = nil, current: Aggregate? = nil) {
            self.late = late
            self.current = current
        }
    }

    /// A finished bucket, and how many source bars it was built from.
    public struct Aggregate: Sendable {
        public var bar: Source
        public var members: Int
    }

    public let timeframe: Timeframe
    private var bucket: Source?
    private var bucketEnd: Int64 = 0
    private var members = 0

    public init(timeframe: Timeframe) { self.timeframe = timeframe }

    /// Adds the next source bar, which closes at `closeMilliseconds`.
    /// - Throws: ``BarAggregationError`` when the bar opens before the last one or reaches past its bucket.
    public mutating func add(_ bar: Source, closingAt closeMilliseconds: Int64) throws(BarAggregationError) -> Completed
    {
        let open = bar.openMilliseconds
        let start = timeframe.bucketStart(open)
        let end = timeframe.nextBucket(after: start)
        var completed = Completed()
        if let current = bucket {
            let currentStart = current.openMilliseconds
            guard open >= currentStart else {
                throw BarAggregationError(
                    bar: open,
                    message: "bar at \(open) ms comes before the bucket at \(currentStart) ms"
                )
            }
            if start != currentStart { completed.late = finish() }
        }
        if open == start && closeMilliseconds >= end {
            completed.current = Aggregate(bar: bar, members: 1)
            return completed
        }
        guard closeMilliseconds <= end else {
            throw BarAggregationError(
                bar: open,
                message:
                    "bar \(open)…\(closeMilliseconds) ms reaches past the end of its \(timeframe) bucket at \(end) ms"
            )
        }
        if let current = bucket {
            bucket = current.merging(bar)
            members += 1
        } else {
            bucket = bar.opening(bucketAt: start, closingAt: end)
            bucketEnd = end
            members = 1
        }
        if closeMilliseconds >= bucketEnd { completed.current = finish() }
        return completed
    }

    /// The bucket in progress, unfinished, and forgets it (the end of the data).
    public mutating func finish() -> Aggregate? {
        guard let current = bucket else { return nil }
        bucket = nil
        defer { members = 0 }
        return Aggregate(bar: current, members: members)
    }
}

/// A source bar that cannot go into a bucket, naming it by its open time.
public struct BarAggregationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bar's open time, in Unix milliseconds.
    public let bar: Int64
    public let message: String

    public var description: String { message }
}

extension Bar: AggregatableBar {
    public var openMilliseconds: Int64 { openTime.milliseconds }

    public func opening(bucketAt start: Int64, closingAt end: Int64) -> Bar {
        Bar(
            instrument: instrument,
            openTime: Timestamp(milliseconds: start),
            closeTime: Timestamp(milliseconds: end),
            open: open,
            high: high,
            low: low,
            close: close,
            volume: volume
        )
    }

    public func merging(_ later: Bar) -> Bar {
        Bar(
            instrument: instrument,
            openTime: openTime,
            closeTime: closeTime,
            open: open,
            high: max(high, later.high),
            low: min(low, later.low),
            close: later.close,
            volume: volume + later.volume
        )
    }
}
