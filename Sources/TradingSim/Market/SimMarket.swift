public import TradingCore
import TradingMarketData

/// The sim's market: one-minute bars for every listed base asset, replayed by the ``ReplayClock``. Spot and
/// USD-M symbols of the same base trade at the same prices (no basis), each on its own tick.
///
/// The bars come from the seeded ``RegimeMarket`` (BTC, ETH and SOL moving together through up, sideways,
/// crash, down and squeeze phases). They are generated once at start; after the last one the market stands
/// still at its last price.
public struct SimMarket: Sendable {
    /// One minute of one base asset, as doubles for serving (prices are put on each symbol's tick when
    /// written).
    public struct Minute: Sendable, Hashable {
        public let openTime: Int64
        /// The bar's exact prices and volume, on the regime market's tick and lot step.
        public let bar: Bar
        public var open: Double { bar.open.doubleValue }
        public var high: Double { bar.high.doubleValue }
        public var low: Double { bar.low.doubleValue }
        public var close: Double { bar.close.doubleValue }
        public var volume: Double { bar.volume.doubleValue }
    }

    /// Every base asset's minutes, in time order (every base has as many).
    public let minutes: [String: [Minute]]
    public let start: Timestamp
    /// Per base, the recorded book at the end of each minute a `--data` book file covers.
    public let recordedBooks: [String: [Int: SimReplayData.RecordedBook]]
    /// Per base, funding rates from a `--data` funding file by settlement time (Unix milliseconds), ascending.
    let fundingRates: [String: [(time: Int64, rate: Ratio)]]
    /// The rate settled every 8 hours where no funding file gives one.
    public let fixedFundingRate: Ratio
    public static let minuteNanoseconds: Int64 = 60_000_000_000

    /// The regime market's bars for `seed` and `bars` minutes from `start`, or, with `data`, the data's bars
    /// for the bases it drives and the regime market's for the others, from the data's first minute and as
    /// long as the longest series (a shorter one stands still at its last close).
    public init(
        seed: UInt64,
        bars: Int,
        start: Timestamp,
        data: SimReplayData? = nil,
        fundingRate: Ratio = Ratio(raw: FixedPoint.scale / 10_000)
    ) throws {
        let start = data?.start ?? start
        let length = data.map { max(1, $0.minutes.values.map(\.count).max() ?? 1) } ?? bars
        let bases = RegimeMarket.assets.map(\.base)
        var minutes: [String: [Minute]] = [:]
        for base in bases { minutes[base] = [] }
        if bases.contains(where: { data?.minutes[$0] == nil }) {
            let source = RegimeMarket(seed: seed, bars: length, start: start).source()
            while let event = try source.next() {
                guard case .bar(let bar) = event else { continue }
                let base = bases[bar.instrument.int]
                guard data?.minutes[base] == nil else { continue }
                minutes[base, default: []].append(Minute(openTime: bar.openTime.nanoseconds, bar: bar))
            }
        }
        for (base, bars) in data?.minutes ?? [:] {
            var series = bars.map { Minute(openTime: $0.openTime.nanoseconds, bar: $0) }
            while series.count < length, let last = series.last?.bar {
                let open = last.closeTime
                let flat = Bar(
                    instrument: last.instrument,
                    openTime: open,
                    closeTime: open.advanced(byNanoseconds: Self.minuteNanoseconds),
                    open: last.close,
                    high: last.close,
                    low: last.close,
                    close: last.close,
                    volume: .zero
                )
                series.append(Minute(openTime: open.nanoseconds, bar: flat))
            }
            minutes[base] = series
        }
        self.minutes = minutes
        self.start = start
        recordedBooks = data?.books ?? [:]
        fundingRates = data?.funding ?? [:]
        fixedFundingRate = fundingRate
    }

    /// The number of minutes of every base.
    public var length: Int { minutes.values.first?.count ?? 0 }

    /// The funding rate `base`'s perpetual settles at the 8-hour mark `time` (Unix milliseconds): the funding
    /// file's rate for that mark (reported within a minute of it), else the fixed rate.
    public func fundingRate(_ base: String, at time: Int64) -> Ratio {
        guard let rates = fundingRates[base], !rates.isEmpty else { return fixedFundingRate }
        var low = 0
        var high = rates.count
        while low < high {
            let middle = (low + high) / 2
            if rates[middle].time < time - 60_000 { low = middle + 1 } else { high = middle }
        }
        guard low < rates.count, rates[low].time <= time + 60_000 else { return fixedFundingRate }
        return rates[low].rate
    }

    /// The minutes of `base` that have closed by market time `now`.
    public func closed(_ base: String, at now: Timestamp) -> ArraySlice<Minute> {
        guard let all = minutes[base], !all.isEmpty else { return [] }
        let elapsed = (now.nanoseconds - start.nanoseconds) / Self.minuteNanoseconds
        let count = Int(max(0, min(Int64(all.count), elapsed)))
        return all[..<count]
    }

    /// The price of the last trade of `base` printed by market time `now` (the first open before any).
    public func lastPrice(_ base: String, at now: Timestamp) -> Double? {
        guard let trade = trades(base, upTo: now, limit: 1).last else { return minutes[base]?.first?.open }
        return trade.price.doubleValue
    }

    /// The four trades the `index`-th minute of `base` prints (``TradeTape``), sized on the USD-M lot step.
    public func tape(_ base: String, minute index: Int) -> [TradeTape.Trade] {
        guard let all = minutes[base], all.indices.contains(index) else { return [] }
        let step = SimSymbol.find("\(base)USDT", on: .usdm).flatMap { try? FixedPoint.parse($0.stepSize) } ?? 1
        return TradeTape.trades(
            of: all[index],
            index: index,
            previousClose: index > 0 ? all[index - 1].bar.close : nil,
            lotStep: Quantity(raw: step)
        )
    }

    /// The order book's state at market time `now`: the book moves with every printed trade, so its update
    /// ID is `1,000,000 + minute × 10 + trades printed in the minute` (IDs grow with market time, as
    /// Binance's do), its price the last trade's, its sizes seeded by the minute.
    public func bookState(_ base: String, at now: Timestamp) -> (updateId: Int64, price: Double, minute: Int64) {
        let elapsed = max(0, (now.nanoseconds - start.nanoseconds) / Self.minuteNanoseconds)
        let count = Int64(minutes[base]?.count ?? 0)
        let minute = min(elapsed, max(0, count - 1))
        let printed = tape(base, minute: Int(minute)).filter { $0.time <= now }.count
        return (1_000_000 + minute * 10 + Int64(printed), lastPrice(base, at: now) ?? 0, minute)
    }

    /// The kline of `interval` that holds market time `now`, built from the trades printed so far (Binance's
    /// kline stream sends the open kline as it grows); `nil` before the first trade.
    public func liveKline(_ base: String, interval: KlineInterval, at now: Timestamp) -> (kline: Kline, closed: Bool)? {
        guard let all = minutes[base], !all.isEmpty else { return nil }
        let length = interval.milliseconds
        let nowMs = now.milliseconds
        let bucket = nowMs - ((nowMs % length) + length) % length
        let firstMinute = Int(max(0, (bucket * 1_000_000 - start.nanoseconds) / Self.minuteNanoseconds))
        let elapsed = Int(max(0, (now.nanoseconds - start.nanoseconds) / Self.minuteNanoseconds))
        var kline: Kline?
        var index = firstMinute
        while index <= min(elapsed, all.count - 1) {
            if all[index].openTime + Self.minuteNanoseconds - 1 <= now.nanoseconds {
                if kline == nil {
                    kline = Kline(openTime: bucket, length: length, minute: all[index])
                } else {
                    kline?.add(all[index])
                }
            } else {
                for trade in tape(base, minute: index) where trade.time <= now {
                    let price = trade.price.doubleValue
                    let size = trade.size.doubleValue
                    if kline == nil {
                        kline = Kline(openTime: bucket, length: length, price: price, size: size)
                    } else {
                        kline?.add(price: price, size: size)
                    }
                }
            }
            index += 1
        }
        guard let kline else { return nil }
        return (kline, nowMs >= kline.closeTime)
    }

    /// The last `limit` trades of `base` printed by market time `now`, oldest first.
    public func trades(_ base: String, upTo now: Timestamp, limit: Int) -> [TradeTape.Trade] {
        guard let all = minutes[base], !all.isEmpty, limit > 0 else { return [] }
        let elapsed = (now.nanoseconds - start.nanoseconds) / Self.minuteNanoseconds
        var index = Int(min(Int64(all.count - 1), elapsed))
        var result: [TradeTape.Trade] = []
        while index >= 0 && result.count < limit {
            let printed = tape(base, minute: index).filter { $0.time <= now }
            result.insert(contentsOf: printed.suffix(limit - result.count), at: 0)
            index -= 1
        }
        return result
    }

    /// Klines of `interval` built from the closed minutes: the buckets that overlap `[from, to]` (Unix
    /// milliseconds, inclusive), at most `limit`, the earliest first when `from` is given, else the latest.
    public func klines(
        _ base: String,
        interval: KlineInterval,
        from: Int64?,
        to: Int64?,
        limit: Int,
        at now: Timestamp
    ) -> [Kline] {
        let minutes = closed(base, at: now)
        guard !minutes.isEmpty else { return [] }
        let length = interval.milliseconds
        var klines: [Kline] = []
        for minute in minutes {
            let time = minute.openTime / 1_000_000
            let bucket = time - ((time % length) + length) % length
            if let last = klines.last, last.openTime == bucket {
                klines[klines.count - 1].add(minute)
            } else {
                klines.append(Kline(openTime: bucket, length: length, minute: minute))
            }
        }
        var selected = klines.filter { ($0.openTime + length - 1) >= (from ?? .min) && $0.openTime <= (to ?? .max) }
        if selected.count > limit {
            selected = from != nil ? Array(selected.prefix(limit)) : Array(selected.suffix(limit))
        }
        return selected
    }
}

/// A kline as Binance serves it, built from one-minute bars.
public struct Kline: Sendable, Hashable {
    public let openTime: Int64
    public let length: Int64
    public private(set) var open: Double
    public private(set) var high: Double
    public private(set) var low: Double
    public private(set) var close: Double
    public private(set) var volume: Double
    public private(set) var quoteVolume: Double
    public private(set) var trades: Int

    init(openTime: Int64, length: Int64, minute: SimMarket.Minute) {
        self.openTime = openTime
        self.length = length
        open = minute.open
        high = minute.high
        low = minute.low
        close = minute.close
        volume = minute.volume
        quoteVolume = minute.volume * minute.close
        trades = 1
    }

    init(openTime: Int64, length: Int64, price: Double, size: Double) {
        self.openTime = openTime
        self.length = length
        open = price
        high = price
        low = price
        close = price
        volume = size
        quoteVolume = size * price
        trades = 1
    }

    mutating func add(price: Double, size: Double) {
        high = max(high, price)
        low = min(low, price)
        close = price
        volume += size
        quoteVolume += size * price
        trades += 1
    }

    mutating func add(_ minute: SimMarket.Minute) {
        high = max(high, minute.high)
        low = min(low, minute.low)
        close = minute.close
        volume += minute.volume
        quoteVolume += minute.volume * minute.close
        trades += 1
    }

    /// The last millisecond of the kline (Binance's `closeTime`).
    public var closeTime: Int64 { openTime + length - 1 }
}

/// The kline intervals the sim serves: Binance's fixed-length ones, aligned to the Unix epoch as Binance
/// aligns them (`1w` and `1M` are not served).
public enum KlineInterval: String, Sendable, CaseIterable {
    case m1 = "1m"
    case m3 = "3m"
    case m5 = "5m"
    case m15 = "15m"
    case m30 = "30m"
    case h1 = "1h"
    case h2 = "2h"
    case h4 = "4h"
    case h6 = "6h"
    case h8 = "8h"
    case h12 = "12h"
    case d1 = "1d"
    case d3 = "3d"

    public var milliseconds: Int64 {
        let minute: Int64 = 60_000
        switch self {
        case .m1: return minute
        case .m3: return 3 * minute
        case .m5: return 5 * minute
        case .m15: return 15 * minute
        case .m30: return 30 * minute
        case .h1: return 60 * minute
        case .h2: return 120 * minute
        case .h4: return 240 * minute
        case .h6: return 360 * minute
        case .h8: return 480 * minute
        case .h12: return 720 * minute
        case .d1: return 1_440 * minute
        case .d3: return 4_320 * minute
        }
    }
}
