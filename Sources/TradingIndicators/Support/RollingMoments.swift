/// Mean and population variance of the last `period` inputs in O(1) per update (amortised), accurate in
/// flat windows at large prices.
///
/// It keeps running sums of `x − K` and `(x − K)²` around a shift `K`, so `Σx² − (Σx)²/n` never cancels
/// at the scale of the price itself. The window is summed afresh (two passes, `K` reset to its mean) every
/// `period` updates, and also as soon as the variance has fallen far below what the sums once held or below
/// the squared distance of the mean from `K`: the two cases where rounding in the running sums would show.
public struct RollingMoments: Sendable, Hashable {
    public let period: Int
    public private(set) var window: RingWindow
    private var shift = 0.0
    private var sum = 0.0
    private var squares = 0.0
    private var peakSquares = 0.0
    private var sinceResync = 0

    public init(period: Int) {
        precondition(period >= 1, "Invariant: a window is at least 1 long")
        self.period = period
        window = RingWindow(capacity: period)
    }

    /// Whether `period` inputs have been seen.
    public var isReady: Bool { window.isFull }

    /// The mean of the window (`nil` until it is full).
    public var average: Double? { window.isFull ? shift + sum / Double(period) : nil }

    /// The population variance of the window (`nil` until it is full).
    public var variance: Double? { window.isFull ? currentVariance : nil }

    /// The population standard deviation of the window (`nil` until it is full).
    public var standardDeviation: Double? { variance.map { $0.squareRoot() } }

    /// How many inputs the window holds (at most `period`).
    public var count: Int { window.count }

    /// The population variance of the inputs in the window so far, full or not (`nil` before the first).
    public var varianceSoFar: Double? { window.count > 0 ? currentVariance : nil }

    private var currentVariance: Double {
        let n = Double(window.count)
        let offset = sum / n
        return max(squares / n - offset * offset, 0)
    }

    public mutating func update(_ input: Double) {
        if window.count == 0 { shift = input }
        let evicted = window.push(input)
        let deviation = input - shift
        sum += deviation
        squares += deviation * deviation
        if let evicted {
            let old = evicted - shift
            sum -= old
            squares -= old * old
        }
        peakSquares = max(peakSquares, squares)
        sinceResync += 1
        guard window.isFull else { return }
        let n = Double(period)
        let offset = sum / n
        let variance = currentVariance
        if sinceResync >= period || squares < 1e-4 * peakSquares || variance < 1e-6 * offset * offset {
            resync()
        }
    }

    /// Recentres on the window's mean and sums it afresh.
    private mutating func resync() {
        sinceResync = 0
        var total = 0.0
        for age in (0..<window.count).reversed() { total += window[age: age] }
        shift = total / Double(window.count)
        sum = 0
        squares = 0
        for age in (0..<window.count).reversed() {
            let deviation = window[age: age] - shift
            sum += deviation
            squares += deviation * deviation
        }
        peakSquares = squares
    }
}
