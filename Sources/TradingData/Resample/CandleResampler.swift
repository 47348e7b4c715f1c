public import TradingMarketData

/// Resamples a stored candle series to a longer timeframe with ``BarAggregator``, and adds what a stored
/// series needs on top: gaps stay gaps unless `fillForward` asks for flat, zero-volume bars (flagged as
/// filled) at the previous close, and buckets built from fewer source bars than they hold are counted.
public struct CandleResampler {
    public let target: Timeframe
    public let source: Timeframe
    public let fillForward: Bool
    private var aggregator: BarAggregator<StoredCandle>
    private var lastClose: Decimal8?
    private var lastBucket: Int64?
    /// Buckets built from fewer source bars than `expectedMembers` (when the source divides the target).
    public private(set) var partialBuckets = 0
    private let expectedMembers: Int?

    public init(target: Timeframe, source: Timeframe, fillForward: Bool = false) {
        self.target = target
        self.source = source
        self.fillForward = fillForward
        aggregator = BarAggregator(timeframe: target)
        if case .months = target {
            expectedMembers = nil
        } else if source.approximateNanoseconds > 0, target.approximateNanoseconds % source.approximateNanoseconds == 0
        {
            expectedMembers = Int(target.approximateNanoseconds / source.approximateNanoseconds)
        } else {
            expectedMembers = nil
        }
    }

    /// Adds a source candle (in time order); returns the target bars it completed, with any forward-filled
    /// bars before them.
    /// - Throws: ``BarAggregationError`` for a candle that reaches past the end of its target bucket (the
    ///   target does not tile the source) or comes out of order.
    public mutating func add(_ candle: StoredCandle) throws(BarAggregationError) -> [StoredCandle] {
        let completed = try aggregator.add(candle, closingAt: source.nextBucket(after: candle.openTime))
        var finished: [StoredCandle] = []
        if let late = completed.late { emit(late, into: &finished) }
        if let current = completed.current { emit(current, into: &finished) }
        return finished
    }

    /// The last, possibly unfinished, bar.
    public mutating func finish() -> [StoredCandle] {
        var finished: [StoredCandle] = []
        if let last = aggregator.finish() { emit(last, into: &finished) }
        return finished
    }

    private mutating func emit(_ aggregate: BarAggregator<StoredCandle>.Aggregate, into finished: inout [StoredCandle])
    {
        let bar = aggregate.bar
        if fillForward, let lastBucket, let close = lastClose {
            var time = target.nextBucket(after: lastBucket)
            while time < bar.openTime {
                finished.append(
                    StoredCandle(
                        openTime: time,
                        open: close,
                        high: close,
                        low: close,
                        close: close,
                        volume: Decimal8(units: 0),
                        filled: true
                    )
                )
                time = target.nextBucket(after: time)
            }
        }
        if let expectedMembers, aggregate.members < expectedMembers { partialBuckets += 1 }
        lastClose = bar.close
        lastBucket = bar.openTime
        finished.append(bar)
    }
}

extension StoredCandle: AggregatableBar {
    public var openMilliseconds: Int64 { openTime }

    public func opening(bucketAt start: Int64, closingAt end: Int64) -> StoredCandle {
        var bar = self
        bar.openTime = start
        return bar
    }

    public func merging(_ later: StoredCandle) -> StoredCandle {
        var bar = self
        bar.high = max(high, later.high)
        bar.low = min(low, later.low)
        bar.close = later.close
        bar.volume.units += later.volume.units
        bar.filled = filled && later.filled
        return bar
    }
}

/// Bars from trades: time bars, or bars that close after `n` trades (tick bars), a traded volume (volume
/// bars) or a traded value in the quote currency (dollar bars). A bar's open time is its first trade's.
public struct TradeBarBuilder {
    public enum Rule: Sendable, Hashable, CustomStringConvertible {
        case time(Timeframe)
        case ticks(Int)
        case volume(Decimal8)
        case dollars(Decimal8)

        /// The label the bars are stored under: `1h`, `ticks-1000`, `volume-50`, `dollars-1000000`.
        public var description: String {
            switch self {
            case .time(let frame): frame.description
            case .ticks(let n): "ticks-\(n)"
            case .volume(let amount): "volume-\(amount)"
            case .dollars(let amount): "dollars-\(amount)"
            }
        }
    }

    public let rule: Rule
    private var current: StoredCandle?
    private var trades = 0
    /// Traded value in the current bar, in 10⁻¹⁶ quote units (price units × size units).
    private var value: Int128 = 0

    public init(rule: Rule) { self.rule = rule }

    /// Adds a trade (in time order); returns the bar it completed, if any.
    public mutating func add(_ trade: StoredTrade) -> StoredCandle? {
        var finished: StoredCandle?
        if case .time(let frame) = rule, let bar = current, frame.bucketStart(trade.time) != bar.openTime {
            finished = bar
            current = nil
        }
        if var bar = current {
            bar.high = max(bar.high, trade.price)
            bar.low = min(bar.low, trade.price)
            bar.close = trade.price
            bar.volume.units += trade.size.units
            current = bar
        } else {
            let open: Int64
            if case .time(let frame) = rule { open = frame.bucketStart(trade.time) } else { open = trade.time }
            current = StoredCandle(
                openTime: open,
                open: trade.price,
                high: trade.price,
                low: trade.price,
                close: trade.price,
                volume: trade.size
            )
            trades = 0
            value = 0
        }
        trades += 1
        value += Int128(trade.price.units) * Int128(trade.size.units)
        let full: Bool
        switch rule {
        case .time: full = false
        case .ticks(let n): full = trades >= n
        case .volume(let amount): full = (current?.volume.units ?? 0) >= amount.units
        case .dollars(let amount): full = value >= Int128(amount.units) * Int128(Decimal8.scale)
        }
        if full, let bar = current {
            current = nil
            return bar
        }
        return finished
    }

    /// The last, unfinished bar.
    public mutating func finish() -> StoredCandle? {
        defer { current = nil }
        return current
    }
}
