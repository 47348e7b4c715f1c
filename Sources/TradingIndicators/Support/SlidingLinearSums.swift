/// `Σx` and `Σ i·x` over the last `period` inputs, with positions `i` from 0 (oldest) to `period − 1`
/// (newest): what weighted averages and regressions over a window need.
///
/// O(1) per update; both sums are recomputed from the window every `period` updates, so rounding does
/// not accumulate (amortised O(1)).
public struct SlidingLinearSums: Sendable, Hashable {
    public let period: Int
    private var window: RingWindow
    public private(set) var sum = 0.0
    public private(set) var positionWeightedSum = 0.0
    private var sinceResync = 0

    public init(period: Int) {
        precondition(period >= 1, "Invariant: a window is at least 1 long")
        self.period = period
        window = RingWindow(capacity: period)
    }

    /// Whether `period` inputs have been seen.
    public var isFull: Bool { window.isFull }

    public mutating func update(_ input: Double) {
        if let evicted = window.push(input) {
            // Every remaining input moves one position down; the new one takes the last.
            positionWeightedSum += Double(period - 1) * input - (sum - evicted)
            sum += input - evicted
            sinceResync += 1
            if sinceResync >= period { resync() }
        } else {
            positionWeightedSum += Double(window.count - 1) * input
            sum += input
        }
    }

    private mutating func resync() {
        sinceResync = 0
        sum = 0
        positionWeightedSum = 0
        for age in 0..<period {
            let input = window[age: age]
            sum += input
            positionWeightedSum += Double(period - 1 - age) * input
        }
    }
}
