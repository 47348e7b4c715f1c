/// A rolling correlation matrix of bar-to-bar returns, updated one bar at a time.
///
/// Each pair of instruments gets a sample when both have a bar closing at the same time; the last
/// `window` samples count. Sums are kept per pair and recomputed from the samples every `window` updates,
/// so rounding does not drift. Returns are simple returns of the close, in `Double`: this is analytics for
/// risk limits, never the ledger.
public struct RollingCorrelations: Sendable, Hashable {
    public let instrumentCount: Int
    public let window: Int
    /// Pairs with fewer samples than this have no correlation yet (treated as uncorrelated).
    public let minimumSamples: Int
    private var lastClose: [Double]
    private var lastReturn: [Double]
    private var lastReturnTime: [Int64]
    /// Per pair (triangular index): the last `window` samples, flat, and their count and ring position.
    private var xs: [Double]
    private var ys: [Double]
    private var counts: [Int]
    private var nextSlot: [Int]
    private var sinceRecompute: [Int]
    /// Per pair: Σx, Σy, Σx², Σy², Σxy.
    private var sums: [Double]
    /// The full matrix, row-major (`instrumentCount` × `instrumentCount`), `.nan` where unknown: what
    /// limits read, without recomputing.
    public private(set) var matrix: [Double]

    public init(instrumentCount: Int, window: Int = 100, minimumSamples: Int? = nil) {
        precondition(instrumentCount > 0 && window > 1, "Invariant: a correlation window has at least two samples")
        self.instrumentCount = instrumentCount
        self.window = window
        self.minimumSamples = minimumSamples ?? max(2, window / 2)
        lastClose = Array(repeating: 0, count: instrumentCount)
        lastReturn = Array(repeating: 0, count: instrumentCount)
        lastReturnTime = Array(repeating: .min, count: instrumentCount)
        let pairCount = instrumentCount * (instrumentCount - 1) / 2
        xs = Array(repeating: 0, count: pairCount * window)
        ys = Array(repeating: 0, count: pairCount * window)
        counts = Array(repeating: 0, count: pairCount)
        nextSlot = Array(repeating: 0, count: pairCount)
        sinceRecompute = Array(repeating: 0, count: pairCount)
        sums = Array(repeating: 0, count: pairCount * 5)
        matrix = Array(repeating: .nan, count: instrumentCount * instrumentCount)
        for index in 0..<instrumentCount { matrix[index * instrumentCount + index] = 1 }
    }

    /// Records instrument `index`'s bar closing at `time` at price `close`.
    public mutating func update(instrument index: Int, close: Double, at time: Int64) {
        let previous = lastClose[index]
        lastClose[index] = close
        guard previous > 0, close > 0 else { return }
        let value = close / previous - 1
        lastReturn[index] = value
        lastReturnTime[index] = time
        for other in 0..<instrumentCount where other != index && lastReturnTime[other] == time {
            let (low, high) = index < other ? (index, other) : (other, index)
            let x = index < other ? value : lastReturn[other]
            let y = index < other ? lastReturn[other] : value
            add(x, y, pair: pairIndex(low, high))
            let correlation = computeCorrelation(pairIndex(low, high))
            matrix[low * instrumentCount + high] = correlation
            matrix[high * instrumentCount + low] = correlation
        }
    }

    /// The correlation of two instruments' returns: 1 for an instrument with itself, `nil` before enough
    /// common samples or when either is flat.
    @inline(__always)
    public func correlation(_ a: Int, _ b: Int) -> Double? {
        let value = matrix[a * instrumentCount + b]
        return value.isNaN ? nil : value
    }

    private func pairIndex(_ low: Int, _ high: Int) -> Int {
        low * (2 * instrumentCount - low - 1) / 2 + (high - low - 1)
    }

    private func computeCorrelation(_ pair: Int) -> Double {
        guard counts[pair] >= minimumSamples else { return .nan }
        let count = Double(counts[pair])
        let base = pair * 5
        let (sx, sy, sxx, syy, sxy) = (sums[base], sums[base + 1], sums[base + 2], sums[base + 3], sums[base + 4])
        let covariance = count * sxy - sx * sy
        let varianceX = count * sxx - sx * sx
        let varianceY = count * syy - sy * sy
        guard varianceX > 0, varianceY > 0 else { return .nan }
        return max(-1, min(1, covariance / (varianceX * varianceY).squareRoot()))
    }

    private mutating func add(_ x: Double, _ y: Double, pair: Int) {
        let start = pair * window
        let base = pair * 5
        sinceRecompute[pair] += 1
        if counts[pair] < window {
            xs[start + counts[pair]] = x
            ys[start + counts[pair]] = y
            counts[pair] += 1
        } else {
            let slot = start + nextSlot[pair]
            let (oldX, oldY) = (xs[slot], ys[slot])
            xs[slot] = x
            ys[slot] = y
            nextSlot[pair] = (nextSlot[pair] + 1) % window
            sums[base] -= oldX
            sums[base + 1] -= oldY
            sums[base + 2] -= oldX * oldX
            sums[base + 3] -= oldY * oldY
            sums[base + 4] -= oldX * oldY
        }
        if sinceRecompute[pair] >= window {
            sinceRecompute[pair] = 0
            var (sx, sy, sxx, syy, sxy) = (0.0, 0.0, 0.0, 0.0, 0.0)
            for offset in 0..<counts[pair] {
                let (a, b) = (xs[start + offset], ys[start + offset])
                sx += a
                sy += b
                sxx += a * a
                syy += b * b
                sxy += a * b
            }
            (sums[base], sums[base + 1], sums[base + 2], sums[base + 3], sums[base + 4]) = (sx, sy, sxx, syy, sxy)
            return
        }
        sums[base] += x
        sums[base + 1] += y
        sums[base + 2] += x * x
        sums[base + 3] += y * y
        sums[base + 4] += x * y
    }
}
