/// One bar's prices and volume as `Double`s: the input of bar indicators.
///
/// Indicators are analytics, not money: they work in `Double`, and strategies turn their signals into
/// exact orders through the engine.
public struct Candle: Sendable, Hashable {
    /// The bar's open time, in nanoseconds since the Unix epoch (used by session indicators).
    public var time: Int64
    public var open: Double
    public var high: Double
    public var low: Double
    public var close: Double
    public var volume: Double

    public init(time: Int64 = 0, open: Double, high: Double, low: Double, close: Double, volume: Double = 0) {
        self.time = time
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
    }

    /// `(high + low + close) / 3`.
    @inlinable
    public var typicalPrice: Double { (high + low + close) / 3 }

    /// `(high + low) / 2`.
    @inlinable
    public var medianPrice: Double { (high + low) / 2 }
}
