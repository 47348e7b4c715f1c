public import TradingCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A phase of the ``RegimeMarket``: which way the market moves, how far and how wildly.
public enum MarketRegime: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case up, down, sideways, crash, squeeze

    /// The move of the common factor over the whole phase (a fraction of the price) and its volatility per
    /// one-minute bar.
    var move: Double {
        switch self {
        case .up: 0.15
        case .down: -0.16
        case .sideways: 0
        case .crash: -0.25
        case .squeeze: 0.22
        }
    }

    var volatility: Double {
        switch self {
        case .up: 0.0009
        case .down: 0.0011
        case .sideways: 0.0007
        case .crash: 0.0030
        case .squeeze: 0.0028
        }
    }

    public var description: String { rawValue }
}

/// The farm's default market: BTC, ETH and SOL USDT perpetuals that move together through a fixed sequence of
/// regimes (up, sideways, a crash, down, sideways, a short squeeze, up, sideways), so that a leaderboard on it
/// says which persona does well in which kind of market.
///
/// The model, per one-minute bar and per asset:
/// - a common factor whose log price follows an anchor that moves by the regime's ``MarketRegime`` move
///   spread evenly over the phase, plus a mean-reverting (Ornstein–Uhlenbeck) deviation with the regime's
///   volatility, reverting with a half-life of about 8 hours;
/// - each asset's log price is its start price times the factor to the power of its beta (ETH 1.2, SOL 1.5),
///   plus a mean-reverting deviation of its own;
/// - four steps inside each bar give the high, low and close (the open is the previous close), rounded to
///   the asset's tick; volume is log-normal around the asset's typical size, scaled by the volatility.
///
/// The regimes take fixed shares of the bars (``schedule``), so a farm of any length goes through all of
/// them. The same seed always gives the same bars.
public struct RegimeMarket: Sendable, Hashable {
    /// One traded asset of the market.
    public struct Asset: Sendable, Hashable {
        public let base: String
        public let startPrice: Double
        public let beta: Double
        /// Volatility per bar of the asset's own deviation from the factor.
        public let ownVolatility: Double
        /// Tick size and lot step as decimal text (Binance USD-M's filters for the pair).
        public let tick: String
        public let step: String
        /// Typical volume per one-minute bar, in the base asset.
        public let volume: Double
    }

    /// A stretch of bars in one regime.
    public struct Phase: Sendable, Hashable {
        public let regime: MarketRegime
        /// The first bar's index and the number of bars.
        public let firstBar: Int
        public let bars: Int
        /// The open time of the first bar and the close time of the last.
        public let start: Timestamp
        public let end: Timestamp
    }

    public static let assets: [Asset] = [
        Asset(base: "BTC", startPrice: 42_000, beta: 1.0, ownVolatility: 0, tick: "0.1", step: "0.001", volume: 40),
        Asset(
            base: "ETH",
            startPrice: 2_300,
            beta: 1.2,
            ownVolatility: 0.0005,
            tick: "0.01",
            step: "0.001",
            volume: 600
        ),
        Asset(
            base: "SOL",
            startPrice: 95,
            beta: 1.5,
            ownVolatility: 0.0008,
            tick: "0.001",
            step: "0.01",
            volume: 9_000
        ),
    ]

    /// The regimes in order, each with its share of the bars.
    public static let regimes: [(regime: MarketRegime, share: Double)] = [
        (.up, 0.20), (.sideways, 0.15), (.crash, 0.04), (.down, 0.18),
        (.sideways, 0.13), (.squeeze, 0.04), (.up, 0.14), (.sideways, 0.12),
    ]

    public var seed: UInt64
    public var bars: Int
    public var start: Timestamp
    public let intervalNanoseconds: Int64 = 60_000_000_000

    public init(
        seed: UInt64 = 42,
        bars: Int = 43_200,
        start: Timestamp = Timestamp(CivilTime(year: 2024, month: 1, day: 1))
    ) {
        self.seed = seed
        self.bars = bars
        self.start = start
    }

    /// The phases for ``bars`` bars: each regime's share, rounded, with every phase at least one bar when there
    /// are bars enough (the last phase takes what rounding leaves).
    public var schedule: [Phase] {
        var phases: [Phase] = []
        var first = 0
        let everyPhase = bars >= Self.regimes.count
        for (position, entry) in Self.regimes.enumerated() {
            let remaining = bars - first
            let later = Self.regimes.count - position - 1
            var count: Int
            if later == 0 {
                count = remaining
            } else {
                count = max(everyPhase ? 1 : 0, Int((Double(bars) * entry.share).rounded()))
                count = min(count, max(0, remaining - (everyPhase ? later : 0)))
            }
            guard count > 0 else { continue }
            phases.append(
                Phase(
                    regime: entry.regime,
                    firstBar: first,
                    bars: count,
                    start: time(ofBar: first),
                    end: time(ofBar: first + count)
                )
            )
            first += count
        }
        return phases
    }

    func time(ofBar index: Int) -> Timestamp { start.advanced(byNanoseconds: Int64(index) * intervalNanoseconds) }

    /// The perpetuals `BTCUSDT`, `ETHUSDT` and `SOLUSDT` on the `SIM` venue, with Binance USD-M's ticks and lot
    /// steps. With ``InstrumentDefaults/usesVenueFees`` they are charged Binance USD-M's fees (the market stands
    /// in for it), else the defaults' fees.
    public func instruments(defaults: InstrumentDefaults) throws(InstrumentError) -> [Instrument] {
        var instruments: [Instrument] = []
        for asset in Self.assets {
            let symbol = "\(asset.base)USDT"
            let id: InstrumentID
            let base: Currency
            do {
                id = try InstrumentID(symbol: symbol, venue: .simulated)
                base = try Currency(asset.base)
            } catch {
                throw InstrumentError(instrument: symbol, field: "symbol", reason: "\(error)")
            }
            var adjusted = defaults
            adjusted.tickSize = Price(raw: (try? FixedPoint.parse(asset.tick)) ?? FixedPoint.scale / 100)
            adjusted.lotStep = Quantity(raw: (try? FixedPoint.parse(asset.step)) ?? 1)
            if defaults.usesVenueFees, let schedule = VenueFees.table.first(where: { $0.venue == "BINANCE" })?.perpetual
            {
                (adjusted.makerFee, adjusted.takerFee) = VenueFees.ratios(schedule)
                adjusted.usesVenueFees = false
            }
            instruments.append(
                try adjusted.instrument(
                    id: id,
                    venueSymbol: symbol,
                    kind: .linearPerpetual,
                    base: base,
                    quote: .usdt
                )
            )
        }
        return instruments
    }

    /// A streaming source of every asset's bars, the assets in ``assets`` order within each minute; asset `n`
    /// is `InstrumentIndex(first + n)`.
    public func source(
        firstInstrument: InstrumentIndex = InstrumentIndex(0),
        range: TimeRange = .all
    )
        -> RegimeBarSource
    {
        RegimeBarSource(market: self, firstInstrument: firstInstrument, range: range)
    }
}

/// Generates a ``RegimeMarket``'s bars one at a time.
public final class RegimeBarSource: MarketDataSource {
    public let name = "regime market"
    public let kindPriority = 4
    let market: RegimeMarket
    let firstInstrument: InstrumentIndex
    let range: TimeRange
    private let phases: [RegimeMarket.Phase]
    private let ticks: [Int128]
    private var generator: SeededGenerator
    private var sampler = NormalSampler()
    private var produced = 0
    private var phase = 0
    /// The factor's anchor and deviation (log), and each asset's own deviation.
    private var anchor = 0.0
    private var deviation = 0.0
    private var own: [Double]
    private var previousClose: [Price]
    private var pending: [Bar] = []
    /// Each asset's close at the end of each phase generated so far (the first entry: the start prices).
    public private(set) var phaseCloses: [[Price]]
    private var tracker = SpanTracker()
    /// Reversion per inner step: half-lives of about 8 hours (factor) and 16 hours (assets).
    private let factorReversion = 1.0 / (720.0 * 4)
    private let ownReversion = 1.0 / (1_440.0 * 4)

    init(market: RegimeMarket, firstInstrument: InstrumentIndex, range: TimeRange) {
        self.market = market
        self.firstInstrument = firstInstrument
        self.range = range
        phases = market.schedule
        generator = SeededGenerator(seed: market.seed ^ 0x5EED_0F_4E61_6D65)
        own = Array(repeating: 0, count: RegimeMarket.assets.count)
        ticks = RegimeMarket.assets.map { (try? FixedPoint.parse($0.tick)) ?? FixedPoint.scale / 100 }
        previousClose = []
        for (index, asset) in RegimeMarket.assets.enumerated() {
            previousClose.append(Self.rounded(asset.startPrice, tick: ticks[index]))
        }
        phaseCloses = [previousClose]
    }

    public var progress: Double { market.bars > 0 ? Double(produced) / Double(market.bars) : 1 }
    public var span: ClosedRange<Timestamp>? { tracker.span }

    public func next() throws(DataError) -> MarketEvent? {
        while true {
            if !pending.isEmpty { return .bar(pending.removeFirst()) }
            guard produced < market.bars else { return nil }
            let minute = makeMinute()
            tracker.note(minute[0].openTime)
            if range.isBefore(minute[0].openTime) { continue }
            if range.isAfter(minute[0].openTime) { return nil }
            pending = minute
        }
    }

    /// The next minute's bar of every asset.
    func makeMinute() -> [Bar] {
        while phase + 1 < phases.count && produced >= phases[phase].firstBar + phases[phase].bars { phase += 1 }
        let current = phases.isEmpty ? .sideways : phases[phase].regime
        let length = phases.isEmpty ? 1 : phases[phase].bars
        let drift = log(1 + current.move) / Double(length) / 4
        let sigma = current.volatility / 2
        let assets = RegimeMarket.assets
        let opens = previousClose
        var highs = opens
        var lows = opens
        var closes = opens
        for _ in 0..<4 {
            anchor += drift
            deviation += -factorReversion * deviation + sigma * normal()
            for (index, asset) in assets.enumerated() {
                own[index] += -ownReversion * own[index] + asset.ownVolatility / 2 * normal()
                let value = asset.startPrice * exp(asset.beta * (anchor + deviation) + own[index])
                let price = Self.rounded(value, tick: ticks[index])
                closes[index] = price
                highs[index] = max(highs[index], price)
                lows[index] = min(lows[index], price)
            }
        }
        let openTime = market.time(ofBar: produced)
        let closeTime = openTime.advanced(byNanoseconds: market.intervalNanoseconds)
        produced += 1
        var minute: [Bar] = []
        minute.reserveCapacity(assets.count)
        for (index, asset) in assets.enumerated() {
            let size = exp(log(asset.volume) + 0.5 * normal()) * current.volatility / 0.0009
            minute.append(
                Bar(
                    instrument: InstrumentIndex(firstInstrument.int + index),
                    openTime: openTime,
                    closeTime: closeTime,
                    open: opens[index],
                    high: highs[index],
                    low: lows[index],
                    close: closes[index],
                    volume: Quantity(raw: Int128(Int64((size * 1e3).rounded())) * (FixedPoint.scale / 1_000))
                )
            )
        }
        previousClose = closes
        if !phases.isEmpty && produced == phases[phase].firstBar + phases[phase].bars { phaseCloses.append(closes) }
        return minute
    }

    private static func rounded(_ value: Double, tick: Int128) -> Price {
        let tickValue = FixedPoint.toDouble(tick)
        let ticks = Int128(Int64(max(1, (value / tickValue).rounded())))
        return Price(raw: ticks * tick)
    }

    private func normal() -> Double { sampler.next(using: &generator) }
}
