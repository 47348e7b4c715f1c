public import TradingCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A seeded synthetic market of one-minute bars, so `omega backtest` runs anywhere without data.
///
/// The model, per bar:
/// - a volatility regime (calm σ = 0.06 %, normal 0.12 %, volatile 0.30 % per minute) that switches with
///   probability 1/720 per bar (regimes last about 12 hours);
/// - a drift regime (−0.002 %, 0, +0.002 % per minute) that switches with probability 1/2880 per bar;
/// - four Gaussian log-return steps inside the bar: the open is the previous close, high and low are the
///   extremes of the five points and the close is the last, all rounded to the 0.01 tick;
/// - volume log-normal around 5 units, scaled by the regime's volatility.
///
/// The same seed always gives the same bars (xoshiro256** with Box–Muller normals).
public struct SyntheticMarket: Sendable, Hashable {
    public var seed: UInt64
    public var bars: Int
    public var start: Timestamp
    public var startPrice: Price
    public var intervalNanoseconds: Int64

    /// `SYNUSDT` on the `SIM` venue.
    public static let instrumentID: InstrumentID = {
        do { return try InstrumentID(symbol: "SYNUSDT", venue: .simulated) } catch {
            preconditionFailure("Invariant: \(error)")
        }
    }()

    public init(
        seed: UInt64 = 42,
        bars: Int = 43_200,
        start: Timestamp = Timestamp(CivilTime(year: 2024, month: 1, day: 1)),
        startPrice: Price = Price(raw: 30_000 * FixedPoint.scale),
        intervalNanoseconds: Int64 = 60_000_000_000
    ) {
        self.seed = seed
        self.bars = bars
        self.start = start
        self.startPrice = startPrice
        self.intervalNanoseconds = intervalNanoseconds
    }

    /// The synthetic instrument: spot SYN/USDT with a 0.01 tick.
    public func instrument(
        defaults: InstrumentDefaults,
        kind: InstrumentKind = .spot
    ) throws(InstrumentError) -> Instrument {
        var adjusted = defaults
        adjusted.tickSize = Price(raw: FixedPoint.scale / 100)
        return try adjusted.instrument(
            id: SyntheticMarket.instrumentID,
            venueSymbol: "SYNUSDT",
            kind: kind,
            base: Currency(trusted: "SYN"),
            quote: .usdt
        )
    }

    /// A streaming source of the bars for `instrument`.
    public func source(instrument: InstrumentIndex, range: TimeRange = .all) -> SyntheticBarSource {
        SyntheticBarSource(market: self, instrument: instrument, range: range)
    }
}

/// Generates a ``SyntheticMarket``'s bars one at a time.
public final class SyntheticBarSource: MarketDataSource {
    public let name = "synthetic market"
    public let kindPriority = 4
    let market: SyntheticMarket
    let instrument: InstrumentIndex
    let range: TimeRange
    private var generator: SeededGenerator
    private var produced = 0
    private var logPrice: Double
    private var volatilityRegime = 1
    private var driftRegime = 1
    private var sampler = NormalSampler()
    private var previousClose: Price
    private var tracker = SpanTracker()
    private let tick: Int128 = FixedPoint.scale / 100

    init(market: SyntheticMarket, instrument: InstrumentIndex, range: TimeRange) {
        self.market = market
        self.instrument = instrument
        self.range = range
        generator = SeededGenerator(seed: market.seed)
        logPrice = log(market.startPrice.doubleValue)
        previousClose = market.startPrice
    }

    public var progress: Double { market.bars > 0 ? Double(produced) / Double(market.bars) : 1 }
    public var span: ClosedRange<Timestamp>? { tracker.span }

    public func next() throws(DataError) -> MarketEvent? {
        while produced < market.bars {
            let bar = makeBar()
            tracker.note(bar.openTime)
            if range.isBefore(bar.openTime) { continue }
            if range.isAfter(bar.openTime) { return nil }
            return .bar(bar)
        }
        return nil
    }

    /// The next bar, whether or not it is inside the range.
    func makeBar() -> Bar {
        if generator.nextUnit() < 1.0 / 720.0 { volatilityRegime = Int(generator.next() % 3) }
        if generator.nextUnit() < 1.0 / 2880.0 { driftRegime = Int(generator.next() % 3) }
        let sigma = [0.0006, 0.0012, 0.0030][volatilityRegime]
        let drift = [-0.00002, 0.0, 0.00002][driftRegime]
        let open = previousClose
        var high = open
        var low = open
        var price = open
        for _ in 0..<4 {
            logPrice += drift / 4 + sigma / 2 * normal()
            price = rounded(exp(logPrice))
            high = max(high, price)
            low = min(low, price)
        }
        let volumeValue = exp(log(5.0) + 0.5 * normal()) * sigma / 0.0012
        let volume = Quantity(raw: Int128(Int64((volumeValue * 1e5).rounded())) * 10_000_000_000_000)
        let openTime = market.start.advanced(byNanoseconds: Int64(produced) * market.intervalNanoseconds)
        produced += 1
        previousClose = price
        return Bar(
            instrument: instrument,
            openTime: openTime,
            closeTime: openTime.advanced(byNanoseconds: market.intervalNanoseconds),
            open: open,
            high: high,
            low: low,
            close: price,
            volume: volume
        )
    }

    private func rounded(_ value: Double) -> Price {
        let ticks = Int128(Int64(max(1, (value * 100).rounded())))
        return Price(raw: ticks * tick)
    }

    private func normal() -> Double { sampler.next(using: &generator) }
}
