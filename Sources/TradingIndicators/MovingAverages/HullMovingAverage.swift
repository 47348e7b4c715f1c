/// Hull moving average: `WMA(2 × WMA(x, ⌊p/2⌋) − WMA(x, p), ⌊√p⌋)`, as TradingView's `ta.hma`.
///
/// The first value comes after `p + ⌊√p⌋ − 2` inputs. O(1) per update.
public struct HullMovingAverage: Sendable, Hashable {
    public let period: Int
    private var half: WeightedMovingAverage
    private var full: WeightedMovingAverage
    private var smoothing: WeightedMovingAverage
    public private(set) var value: Double?

    public init(period: Int) {
        precondition(period >= 2, "Invariant: a Hull MA period is at least 2")
        self.period = period
        half = WeightedMovingAverage(period: period / 2)
        full = WeightedMovingAverage(period: period)
        smoothing = WeightedMovingAverage(period: max(1, Int(Double(period).squareRoot())))
    }

    /// Adds one input and returns the new value (`nil` during warm-up).
    @discardableResult
    public mutating func update(_ input: Double) -> Double? {
        let halfValue = half.update(input)
        guard let fullValue = full.update(input), let halfValue else { return nil }
        value = smoothing.update(2 * halfValue - fullValue)
        return value
    }
}
