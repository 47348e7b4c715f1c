/// Returns of equity over fixed periods (UTC-aligned), accumulated online: mean, variance and downside
/// deviation without storing the series.
struct ReturnSeries: Sendable {
    let period: Int64
    private var nextBoundary: Int64 = .min
    private var periodClose = 0.0
    private var previousClose = 0.0
    private var started = false
    private(set) var count = 0
    private var mean = 0.0
    private var m2 = 0.0
    private var downsideSquares = 0.0

    init(period: Int64) { self.period = period }

    @inline(__always)
    mutating func observe(time: Int64, equity: Double, initial: Double) {
        if time >= nextBoundary {
            if started {
                add(periodClose, over: previousClose)
                previousClose = periodClose
            } else {
                started = true
                previousClose = initial
            }
            nextBoundary = (time / period + 1) * period
        }
        periodClose = equity
    }

    /// Closes the last (possibly partial) period.
    mutating func finish() {
        if started { add(periodClose, over: previousClose) }
        started = false
    }

    private mutating func add(_ close: Double, over open: Double) {
        let value = open > 0 ? close / open - 1 : 0
        count += 1
        let delta = value - mean
        mean += delta / Double(count)
        m2 += delta * (value - mean)
        if value < 0 { downsideSquares += value * value }
    }

    var average: Double { mean }
    /// Sample standard deviation.
    var standardDeviation: Double { count > 1 ? (m2 / Double(count - 1)).squareRoot() : .nan }
    /// `√(Σ min(r, 0)² / n)`.
    var downsideDeviation: Double { count > 0 ? (downsideSquares / Double(count)).squareRoot() : .nan }
    /// Periods in a 365-day year (crypto trades every day).
    var periodsPerYear: Double { 365.0 * 86_400e9 / Double(period) }
}
