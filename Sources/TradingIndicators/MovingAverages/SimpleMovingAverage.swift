/// Simple moving average over the last `period` inputs, kept with a ring buffer and a running sum.
public struct SimpleMovingAverage: Sendable, Hashable {
    public let period: Int
    private var window: [Double]
    private var next = 0
    private var count = 0
    private var sum = 0.0
    public private(set) var value: Double?

    public init(period: Int) {
        precondition(period >= 1, "Invariant: an SMA period is at least 1")
        self.period = period
        window = Array(repeating: 0, count: period)
    }

    /// Adds one input and returns the average of the last `period` inputs (`nil` until there are that
    /// many). O(1).
    @discardableResult
    public mutating func update(_ input: Double) -> Double? {
        if count == period { sum -= window[next] } else { count += 1 }
        window[next] = input
        sum += input
        next = (next + 1) % period
        value = count == period ? sum / Double(period) : nil
        return value
    }
}
