/// Stochastic oscillator, as TA-Lib's `STOCH` with simple moving averages:
/// `fast %K = 100 (close − lowest low) / (highest high − lowest low)` over `period` bars (0 when the range
/// is 0), `%K = SMA(fast %K, kSmoothing)`, `%D = SMA(%K, dSmoothing)`.
///
/// As in TA-Lib both outputs start together, once %D is defined (after `period + kSmoothing + dSmoothing − 3`
/// bars). Amortised O(1) per update.
public struct StochasticOscillator: Sendable, Hashable {
    public struct Output: Sendable, Hashable {
        public let k: Double
        public let d: Double
    }

    public let period: Int
    private var highest: RollingExtremum
    private var lowest: RollingExtremum
    private var kAverage: SimpleMovingAverage
    private var dAverage: SimpleMovingAverage
    public private(set) var value: Output?

    public init(period: Int, kSmoothing: Int, dSmoothing: Int) {
        precondition(period >= 1 && kSmoothing >= 1 && dSmoothing >= 1, "Invariant: stochastic periods are at least 1")
        self.period = period
        highest = RollingExtremum(period: period, kind: .maximum)
        lowest = RollingExtremum(period: period, kind: .minimum)
        kAverage = SimpleMovingAverage(period: kSmoothing)
        dAverage = SimpleMovingAverage(period: dSmoothing)
    }

    /// Adds one bar and returns %K and %D (`nil` during warm-up).
    @discardableResult
    public mutating func update(high: Double, low: Double, close: Double) -> Output? {
        let top = highest.update(high)
        let bottom = lowest.update(low)
        guard let top, let bottom else {
            return nil
        }
        let range = (top - bottom) / 100
        let fastK = range != 0 ? (close - bottom) / range : 0
        guard let k = kAverage.update(fastK), let d = dAverage.update(k) else { return nil }
        let output = Output(k: k, d: d)
        value = output
        return output
    }
}
