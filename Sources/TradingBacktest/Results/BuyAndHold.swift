public import TradingCore
package import TradingEngine

/// The benchmark every result is read against: buying each instrument at its first price and holding it to
/// its last, in equal parts (freqtrade's "market change"). It watches the run's bars and trades, so it covers
/// exactly the period and instruments the strategy saw.
///
/// The curve is the equal-weight average of each instrument's price relative to its first price, so it
/// starts at 1; an instrument that appears later joins the average at its own first price.
public struct BuyAndHold: Sendable {
    /// First and last price per instrument index (0 until seen).
    private var first: [Double]
    private var last: [Double]
    private var seen = 0
    /// The sum over seen instruments of last / first, kept as prices move.
    private var relativeSum = 0.0
    private var chart: SeriesDownsampler

    public init(instruments: Int, chartPoints: Int = 2_000) {
        first = Array(repeating: 0, count: instruments)
        last = Array(repeating: 0, count: instruments)
        chart = SeriesDownsampler(capacity: chartPoints)
    }

    /// Notes an event's price: a bar enters at its open and marks at its close; a trade at its price.
    @inline(__always)
    public mutating func add(_ event: MarketEvent) {
        guard let price = Self.price(of: event) else { return }
        mark(price.instrument, close: price.close, time: price.time, open: price.open)
    }

    @inline(__always)
    public mutating func add(_ bar: Bar) {
        mark(bar.instrument.int, close: bar.closeValue, time: bar.closeTime.nanoseconds, open: bar.open.doubleValue)
    }

    /// The bars of a tape, read from their compact records (a bar is built only for other events).
    package mutating func add(_ bars: CompactBars, otherEvent: (Int) -> MarketEvent) {
        add(stretch: bars.count) { index in
            guard bars.records[index].isBar else { return Self.price(of: otherEvent(index)) }
            let (instrument, time, close) = bars.mark(at: index)
            return (instrument, time, close, bars.open(at: index).doubleValue)
        }
    }

    /// A stretch of events held in a buffer.
    package mutating func add(_ events: UnsafeBufferPointer<MarketEvent>) {
        add(stretch: events.count) { Self.price(of: events[$0]) }
    }

    private static func price(of event: MarketEvent) -> (instrument: Int, time: Int64, close: Double, open: Double)? {
        switch event {
        case .bar(let bar):
            (bar.instrument.int, bar.closeTime.nanoseconds, bar.closeValue, bar.open.doubleValue)
        case .trade(let trade):
            (trade.instrument.int, trade.receivedTime.nanoseconds, trade.price.doubleValue, trade.price.doubleValue)
        default: nil
        }
    }

    /// Events seen by ``add(stretch:price:)``, and how many of them are charted: every one of the first 8,192,
    /// then one in 64.
    private var stretchEvents = 0
    private static let exactPrefix = 8_192
    private static let chartStride = 64

    /// A stretch of `count` events whose prices `price(index)` reads, without visiting every one: it reads
    /// forward only until every instrument has its first price, then one event in 64 for the chart, then
    /// backward from the end until every instrument has its last price. The first and last prices, and so
    /// the return, are exact; the curve between them is sampled.
    private mutating func add(
        stretch count: Int,
        price: (Int) -> (instrument: Int, time: Int64, close: Double, open: Double)?
    ) {
        guard count > 0 else { return }
        var index = 0
        // Every event while the run is young (tests, short runs) or an instrument still lacks its first price.
        while index < count && (stretchEvents + index < Self.exactPrefix || seen < first.count) {
            if let (instrument, time, close, open) = price(index) {
                mark(instrument, close: close, time: time, open: open)
            }
            index += 1
        }
        let start = index
        var next = start + (Self.chartStride - (stretchEvents + start) % Self.chartStride) % Self.chartStride
        while next < count {
            if let (instrument, time, close, open) = price(next) {
                mark(instrument, close: close, time: time, open: open)
            }
            next += Self.chartStride
        }
        // The stretch's last price of each instrument, read backwards.
        if start < count {
            var pending = seen
            var updated = [Bool](repeating: false, count: first.count)
            var back = count - 1
            while back >= start && pending > 0 {
                if let (instrument, time, close, open) = price(back), instrument < first.count, !updated[instrument] {
                    updated[instrument] = true
                    pending -= 1
                    setLast(instrument, close: close, open: open, time: time)
                }
                back -= 1
            }
        }
        stretchEvents += count
    }

    /// Moves an instrument's last price without charting it (the chart's next point includes it).
    private mutating func setLast(_ index: Int, close price: Double, open: Double, time: Int64) {
        guard price > 0 else { return }
        if first[index] == 0 {
            mark(index, close: price, time: time, open: open)
            return
        }
        relativeSum += (price - last[index]) / first[index]
        last[index] = price
        lastTime = max(lastTime, time)
    }

    private var lastTime: Int64 = .min

    /// `open` is read only for an instrument's first price.
    @inline(__always)
    private mutating func mark(_ index: Int, close price: Double, time: Int64, open entry: @autoclosure () -> Double) {
        guard index < first.count, price > 0 else { return }
        if first[index] == 0 {
            let opening = entry()
            guard opening > 0 else { return }
            first[index] = opening
            last[index] = opening
            relativeSum += 1
            seen += 1
        }
        relativeSum += (price - last[index]) / first[index]
        last[index] = price
        lastTime = max(lastTime, time)
        chart.add(time: time, value: relativeSum / Double(seen))
    }

    /// The finished benchmark.
    public var summary: BuyAndHoldSummary {
        var instruments: [BuyAndHoldSummary.Instrument] = []
        for index in first.indices where first[index] > 0 {
            instruments.append(.init(instrument: InstrumentIndex(index), first: first[index], last: last[index]))
        }
        var curve = chart
        // The last prices read backwards end the curve.
        if seen > 0, let end = chart.points.last, lastTime > end.time {
            curve.add(time: lastTime, value: relativeSum / Double(seen))
        }
        return BuyAndHoldSummary(instruments: instruments, curve: curve.points)
    }
}

/// Buy-and-hold over a run: each instrument's first and last price, their equal-weight return and the
/// curve (relative to 1 at the start) for charts.
public struct BuyAndHoldSummary: Sendable, Hashable {
    public struct Instrument: Sendable, Hashable {
        public let instrument: InstrumentIndex
        public let first: Double
        public let last: Double
        /// `last / first − 1`.
        public var change: Double { last / first - 1 }
    }

    public let instruments: [Instrument]
    public let curve: [SeriesDownsampler.Point]

    public init(instruments: [Instrument], curve: [SeriesDownsampler.Point]) {
        self.instruments = instruments
        self.curve = curve
    }

    /// The equal-weight return of holding every instrument, or `nil` when no price was seen.
    public var totalReturn: Double? {
        instruments.isEmpty ? nil : instruments.map(\.change).reduce(0, +) / Double(instruments.count)
    }

    /// A strategy's return minus buy-and-hold's (in return units, 0.05 = 5 percentage points).
    public func excess(of strategyReturn: Double) -> Double? { totalReturn.map { strategyReturn - $0 } }
}
