/// Keeps a bounded summary of a long series for charts: buckets of consecutive samples with their last,
/// lowest and highest values. When the buffer fills, neighbouring buckets merge, so any length fits in
/// `capacity` points.
public struct SeriesDownsampler: Sendable {
    public struct Point: Sendable, Hashable {
        public var time: Int64
        public var last: Double
        public var low: Double
        public var high: Double
    }

    public let capacity: Int
    public private(set) var points: [Point] = []
    private var bucketSize = 1
    private var inBucket = 0

    public init(capacity: Int = 2_000) {
        self.capacity = max(2, capacity - capacity % 2)
        points.reserveCapacity(self.capacity)
    }

    @inline(__always)
    public mutating func add(time: Int64, value: Double) {
        add(time: time, last: value, low: value, high: value)
    }

    @inline(__always)
    public mutating func add(time: Int64, last: Double, low: Double, high: Double) {
        if inBucket > 0 && inBucket < bucketSize {
            let index = points.count - 1
            points[index].last = last
            if low < points[index].low { points[index].low = low }
            if high > points[index].high { points[index].high = high }
            inBucket += 1
            return
        }
        if points.count == capacity { merge() }
        points.append(Point(time: time, last: last, low: low, high: high))
        inBucket = 1
    }

    private mutating func merge() {
        var merged: [Point] = []
        merged.reserveCapacity(capacity)
        var index = 0
        while index + 1 < points.count {
            let a = points[index]
            let b = points[index + 1]
            merged.append(Point(time: a.time, last: b.last, low: min(a.low, b.low), high: max(a.high, b.high)))
            index += 2
        }
        if index < points.count { merged.append(points[index]) }
        points = merged
        bucketSize *= 2
        inBucket = bucketSize
    }
}
