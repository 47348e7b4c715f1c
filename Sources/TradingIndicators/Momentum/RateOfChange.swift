/// Rate of change, as TA-Lib's `ROC`: `100 × (x / x[period ago] − 1)`, 0 when the old value is 0. O(1).
public struct RateOfChange: Sendable, Hashable {
    public let period: Int
    private var window: RingWindow
    public private(set) var value: Double?

    public init(period: Int) {
        precondition(period >= 1, "Invariant: a ROC period is at least 1")
        self.period = period
        window = RingWindow(capacity: period + 1)
    }

    /// Adds one input and returns the rate of change in percent (`nil` for the first `period` inputs).
    @discardableResult
    public mutating func update(_ input: Double) -> Double? {
        window.push(input)
        guard window.isFull else { return nil }
        let old = window[age: period]
        value = old != 0 ? (input / old - 1) * 100 : 0
        return value
    }
}
