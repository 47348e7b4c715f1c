/// An indicator line drawn over the report's price chart, computed on every close of the first instrument
/// as the run replays it (so an EMA on the chart is the EMA the strategy saw on the same bars, not one of the
/// chart's coarser candles), then thinned with the candles.
public struct ChartOverlay: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Exponential moving average of the closes (smoothing 2 / (period + 1), seeded with the first close).
        case ema(period: Int)
        /// Simple moving average of the last `period` closes.
        case sma(period: Int)
        /// Bollinger band: the `period` SMA plus `deviations` population standard deviations (negative: the
        /// lower band).
        case bollinger(period: Int, deviations: Double)
    }

    public let name: String
    public let kind: Kind
    /// An SVG colour.
    public let color: String

    public init(name: String, kind: Kind, color: String) {
        self.name = name
        self.kind = kind
        self.color = color
    }
}

/// Computes one ``ChartOverlay`` close by close.
struct OverlayCalculator: Sendable {
    let overlay: ChartOverlay
    private var window: [Double] = []
    private var next = 0
    private var sum = 0.0
    private var sumOfSquares = 0.0
    private var ema: Double?
    private(set) var chart: SeriesDownsampler

    init(_ overlay: ChartOverlay, chartPoints: Int) {
        self.overlay = overlay
        chart = SeriesDownsampler(capacity: chartPoints)
    }

    /// Takes the next close at `time`; the chart gets the value (NaN while the window fills).
    mutating func add(time: Int64, close: Double) {
        let value: Double
        switch overlay.kind {
        case .ema(let period):
            let alpha = 2 / Double(max(1, period) + 1)
            let updated = ema.map { $0 + alpha * (close - $0) } ?? close
            ema = updated
            value = updated
        case .sma(let period):
            value = slide(close, period: period).mean
        case .bollinger(let period, let deviations):
            let (mean, deviation) = slide(close, period: period)
            value = mean + deviations * deviation
        }
        chart.add(time: time, value: value)
    }

    /// The window's mean and population standard deviation after adding `close` (NaN until it is full).
    private mutating func slide(_ close: Double, period: Int) -> (mean: Double, deviation: Double) {
        let period = max(1, period)
        if window.count < period {
            window.append(close)
        } else {
            let old = window[next]
            sum -= old
            sumOfSquares -= old * old
            window[next] = close
            next = (next + 1) % period
        }
        sum += close
        sumOfSquares += close * close
        guard window.count == period else { return (.nan, .nan) }
        let mean = sum / Double(period)
        return (mean, max(0, sumOfSquares / Double(period) - mean * mean).squareRoot())
    }
}
