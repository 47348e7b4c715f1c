public import TradingCore

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
        switch event {
        case .bar(let bar): add(bar)
        case .trade(let trade):
            mark(
                trade.instrument.int,
                entry: trade.price.doubleValue,
                price: trade.price.doubleValue,
                time: trade.receivedTime
            )
        default: break
        }
    }

    @inline(__always)
    public mutating func add(_ bar: Bar) {
        mark(bar.instrument.int, entry: bar.open.doubleValue, price: bar.close.doubleValue, time: bar.closeTime)
    }

    @inline(__always)
    private mutating func mark(_ index: Int, entry: Double, price: Double, time: Timestamp) {
        guard index < first.count, entry > 0, price > 0 else { return }
        if first[index] == 0 {
            first[index] = entry
            last[index] = entry
            relativeSum += 1
            seen += 1
        }
        relativeSum += (price - last[index]) / first[index]
        last[index] = price
        chart.add(time: time.nanoseconds, value: relativeSum / Double(seen))
    }

    /// The finished benchmark.
    public var summary: BuyAndHoldSummary {
        var instruments: [BuyAndHoldSummary.Instrument] = []
        for index in first.indices where first[index] > 0 {
            instruments.append(.init(instrument: InstrumentIndex(index), first: first[index], last: last[index]))
        }
        return BuyAndHoldSummary(instruments: instruments, curve: chart.points)
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
