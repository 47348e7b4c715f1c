public import TradingMarketData

/// Builds bars of a longer timeframe from shorter bars: first open, highest high, lowest low, last close,
/// summed volume, for every target bucket that has at least one source bar. Gaps stay gaps, unless
/// `fillForward` asks for flat, zero-volume bars (flagged as filled) at the previous close.
public struct CandleResampler {
    public let target: Timeframe
    public let fillForward: Bool
    private var current: StoredCandle?
    private var lastClose: Decimal8?
    private var lastBucket: Int64?
    /// Source bars seen in the current bucket.
    private var members = 0
    /// Buckets built from fewer source bars than `expectedMembers` (when known).
    public private(set) var partialBuckets = 0
    private let expectedMembers: Int?

    /// - Parameter source: the source timeframe, to count partial buckets (when it divides the target).
    public init(target: Timeframe, source: Timeframe? = nil, fillForward: Bool = false) {
        self.target = target
        self.fillForward = fillForward
        if let source, case .months = target {
            expectedMembers = nil
            _ = source
        } else if let source, source.approximateNanoseconds > 0, target.approximateNanoseconds % source.approximateNanoseconds == 0 {
            expectedMembers = Int(target.approximateNanoseconds / source.approximateNanoseconds)
        } else {
            expectedMembers = nil
        }
    }

    /// Adds a source bar (in time order); returns the target bars it completed.
    public mutating func add(_ candle: StoredCandle) -> [StoredCandle] {
        let bucket = target.bucketStart(candle.openTime)
        var finished: [StoredCandle] = []
        if var bar = current {
            if target.bucketStart(bar.openTime) == bucket {
                bar.high = max(bar.high, candle.high)
                bar.low = min(bar.low, candle.low)
                bar.close = candle.close
                bar.volume.units += candle.volume.units
                bar.filled = bar.filled && candle.filled
                current = bar
                members += 1
                return []
            }
            finished.append(close(bar))
            if fillForward, let lastBucket, let close = lastClose {
                var time = target.nextBucket(after: lastBucket)
                while time < bucket {
                    finished.append(StoredCandle(openTime: time, open: close, high: close, low: close, close: close, volume: Decimal8(units: 0), filled: true))
                    time = target.nextBucket(after: time)
                }
            }
        }
        var bar = candle
        bar.openTime = bucket
        current = bar
        members = 1
        return finished
    }

    private mutating func close(_ bar: StoredCandle) -> StoredCandle {
        if let expectedMembers, members < expectedMembers { partialBuckets += 1 }
        lastClose = bar.close
        lastBucket = bar.openTime
        return bar
    }

    /// The last, possibly unfinished, bar.
    public mutating func finish() -> [StoredCandle] {
        guard let bar = current else { return [] }
        current = nil
        return [close(bar)]
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
            current = StoredCandle(openTime: open, open: trade.price, high: trade.price, low: trade.price, close: trade.price, volume: trade.size)
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
