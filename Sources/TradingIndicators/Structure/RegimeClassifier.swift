/// Classifies the market as trending up, trending down, ranging or volatile from ADX and realised volatility.
///
/// - **Volatile**: realised volatility (σ of simple returns over `volatilityPeriod` bars) above
///   `volatileRatio` times its own average over `baselinePeriod` bars.
/// - **Trending**: otherwise, ADX at or above `trendThreshold`; up when +DI > −DI, down otherwise.
/// - **Ranging**: everything else.
///
/// Relative volatility makes the classification independent of the bar length. O(1) per bar (amortised).
public struct RegimeClassifier: Sendable, Hashable {
    public enum Regime: String, Sendable, Hashable, CaseIterable {
        case trendingUp = "trending_up"
        case trendingDown = "trending_down"
        case ranging
        case volatile
    }

    public let trendThreshold: Double
    public let volatileRatio: Double
    private var adx: AverageDirectionalIndex
    private var volatility: RollingStandardDeviation
    private var baseline: SimpleMovingAverage
    private var previousClose: Double?
    public private(set) var value: Regime?

    public init(
        adxPeriod: Int = 14,
        trendThreshold: Double = 25,
        volatilityPeriod: Int = 20,
        baselinePeriod: Int = 200,
        volatileRatio: Double = 1.5
    ) {
        self.trendThreshold = trendThreshold
        self.volatileRatio = volatileRatio
        adx = AverageDirectionalIndex(period: adxPeriod)
        volatility = RollingStandardDeviation(period: volatilityPeriod)
        baseline = SimpleMovingAverage(period: baselinePeriod)
    }

    /// Adds one bar and returns the regime (`nil` during warm-up).
    @discardableResult
    public mutating func update(_ candle: Candle) -> Regime? {
        let directional = adx.update(high: candle.high, low: candle.low, close: candle.close)
        defer { previousClose = candle.close }
        guard let previous = previousClose, previous > 0, candle.close > 0 else { return nil }
        guard let sigma = volatility.update(candle.close / previous - 1) else { return nil }
        let average = baseline.update(sigma)
        guard let directional, let strength = directional.adx, let average else { return nil }
        if average > 0 && sigma > volatileRatio * average {
            value = .volatile
        } else if strength >= trendThreshold {
            value = directional.plusDI > directional.minusDI ? .trendingUp : .trendingDown
        } else {
            value = .ranging
        }
        return value
    }
}
