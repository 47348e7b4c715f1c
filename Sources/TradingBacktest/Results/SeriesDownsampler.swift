/// Keeps a bounded summary of a long series for charts: buckets of consecutive samples with their last,
/// lowest and highest values. When the buffer fills, neighbouring buckets merge, so any length fits in
/// `capacity` points. The open bucket lives in fields, so adding a sample touches no array.
public struct SeriesDownsampler: Sendable {
    public struct Point: Sendable, Hashable {
        public var time: Int64
        public var last: Double
        public var low: Double
        public var high: Double
        /// The bucket's first value (a candle's open, on the price chart).
        public var first: Double

        public init(time: Int64, last: Double, low: Double, high: Double, first: Double? = nil) {
            self.time = time
            self.last = last
            self.low = low
            self.high = high
            self.first = first ?? last
        }
    }

    public let capacity: Int
    private var closed: [Point] = []
    private var bucketSize = 1
    private var inBucket = 0
    private var current = Point(time: 0, last: 0, low: 0, high: 0)

    public init(capacity: Int = 2_000) {
        self.capacity = max(2, capacity - capacity % 2)
        closed.reserveCapacity(self.capacity)
    }

    /// The buckets so far, including the open one.
    public var points: [Point] { inBucket > 0 ? closed + [current] : closed }

    @inline(__always)
    public mutating func add(time: Int64, value: Double) {
        add(time: time, last: value, low: value, high: value)
    }

    @inline(__always)
    public mutating func add(time: Int64, last: Double, low: Double, high: Double) {
        if inBucket > 0 && inBucket < bucketSize {
            current.last = last
            if low < current.low { current.low = low }
            if high > current.high { current.high = high }
            inBucket += 1
            return
        }
        if inBucket > 0 { closeBucket() }
        current = Point(time: time, last: last, low: low, high: high)
        inBucket = 1
    }

    private mutating func closeBucket() {
        if closed.count == capacity - 1 { merge() }
        closed.append(current)
    }

    private mutating func merge() {
        var merged: [Point] = []
        merged.reserveCapacity(capacity)
        var index = 0
        while index + 1 < closed.count {
            let a = closed[index]
            let b = closed[index + 1]
            merged.append(
                Point(time: a.time, last: b.last, low: min(a.low, b.low), high: max(a.high, b.high), first: a.first)
            )
            index += 2
        }
        if index < closed.count { merged.append(closed[index]) }
        closed = merged
        bucketSize *= 2
    }
}
