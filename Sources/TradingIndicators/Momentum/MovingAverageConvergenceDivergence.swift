/// MACD, as TA-Lib's `MACD`: `macd = EMA(fast) − EMA(slow)`, `signal = EMA(macd, signal)`,
/// `histogram = macd − signal`.
///
/// TA-Lib's alignment: both EMAs start at the slow EMA's first bar, the fast one seeded with the mean of
/// the `fast` inputs ending there (not from the first input), and all three outputs start together once
/// the signal is defined, after `slow + signal − 2` inputs. O(1) per update.
public struct MovingAverageConvergenceDivergence: Sendable, Hashable {
    public struct Output: Sendable, Hashable {
        public let macd: Double
        public let signal: Double
        public let histogram: Double
    }

    public let fastPeriod: Int
    public let slowPeriod: Int
    public let signalPeriod: Int
    private var recent: RingWindow
    private var slowSum = 0.0
    private var count = 0
    private var fast: Double?
    private var slow: Double?
    private let fastSmoothing: Double
    private let slowSmoothing: Double
    private var signal: ExponentialMovingAverage
    public private(set) var value: Output?

    public init(fast: Int, slow: Int, signal: Int) {
        precondition(fast >= 1 && slow >= 1 && signal >= 1, "Invariant: MACD periods are at least 1")
        // TA-Lib swaps the periods when fast > slow.
        fastPeriod = min(fast, slow)
        slowPeriod = max(fast, slow)
        signalPeriod = signal
        recent = RingWindow(capacity: fastPeriod)
        fastSmoothing = 2 / Double(fastPeriod + 1)
        slowSmoothing = 2 / Double(slowPeriod + 1)
        self.signal = ExponentialMovingAverage(period: signal)
    }

    /// Adds one price and returns the new output (`nil` during warm-up). O(1).
    @discardableResult
    public mutating func update(_ input: Double) -> Output? {
        if let fastValue = fast, let slowValue = slow {
            let nextFast = (input - fastValue) * fastSmoothing + fastValue
            let nextSlow = (input - slowValue) * slowSmoothing + slowValue
            fast = nextFast
            slow = nextSlow
        } else {
            recent.push(input)
            slowSum += input
            count += 1
            guard count == slowPeriod else { return nil }
            var fastSum = 0.0
            for age in (0..<fastPeriod).reversed() { fastSum += recent[age: age] }
            fast = fastSum / Double(fastPeriod)
            slow = slowSum / Double(slowPeriod)
        }
        guard let fastValue = fast, let slowValue = slow else { return nil }
        let macd = fastValue - slowValue
        guard let signalValue = signal.update(macd) else { return nil }
        let output = Output(macd: macd, signal: signalValue, histogram: macd - signalValue)
        value = output
        return output
    }
}
