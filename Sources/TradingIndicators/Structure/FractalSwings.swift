/// Swing highs and lows as fractals (Bill Williams): a bar whose high is strictly above the highs of the
/// `left` bars before it and the `right` bars after it is a swing high, and the mirror for lows. A swing is
/// confirmed `right` bars after it. O(`left + right`) per bar.
public struct FractalSwings: Sendable, Hashable {
    public let left: Int
    public let right: Int
    private var highs: RingWindow
    private var lows: RingWindow
    private var times: [Int64]
    private var count = 0

    public init(left: Int = 2, right: Int = 2) {
        precondition(left >= 1 && right >= 1, "Invariant: a fractal needs bars on both sides")
        self.left = left
        self.right = right
        highs = RingWindow(capacity: left + right + 1)
        lows = RingWindow(capacity: left + right + 1)
        times = Array(repeating: 0, count: left + right + 1)
    }

    /// Adds one bar and returns the swings it confirms (the bar `right` bars back), highs first.
    public mutating func update(_ candle: Candle) -> [SwingPoint] {
        highs.push(candle.high)
        lows.push(candle.low)
        times[count % times.count] = candle.time
        count += 1
        guard highs.isFull else { return [] }
        let middle = right
        let high = highs[age: middle]
        let low = lows[age: middle]
        var isHigh = true
        var isLow = true
        for age in 0..<highs.count where age != middle {
            if highs[age: age] >= high { isHigh = false }
            if lows[age: age] <= low { isLow = false }
        }
        let index = count - 1 - middle
        let time = times[index % times.count]
        var swings: [SwingPoint] = []
        if isHigh { swings.append(SwingPoint(kind: .high, index: index, time: time, price: high)) }
        if isLow { swings.append(SwingPoint(kind: .low, index: index, time: time, price: low)) }
        return swings
    }
}
