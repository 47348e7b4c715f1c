/// Volume-weighted average of the typical price `(high + low + close) / 3`.
///
/// Cumulative from the first bar, or per session: with a session start hour the sums restart at that
/// hour (UTC) every day, as a day trader's session VWAP does. Undefined until some volume has traded
/// (in the session). O(1).
public struct VolumeWeightedAveragePrice: Sendable, Hashable {
    /// The UTC hour at which sessions start, or `nil` for one cumulative session.
    public let sessionStartHour: Int?
    private var session: Int64?
    private var weightedSum = 0.0
    private var volumeSum = 0.0
    public private(set) var value: Double?

    private static let nanosecondsPerHour: Int64 = 3_600_000_000_000
    private static let nanosecondsPerDay: Int64 = 86_400_000_000_000

    /// A cumulative VWAP (`sessionStartHour == nil`) or a session VWAP restarting daily at that UTC hour.
    public init(sessionStartHour: Int? = nil) {
        precondition(sessionStartHour.map { (0..<24).contains($0) } ?? true, "Invariant: a session hour is 0–23")
        self.sessionStartHour = sessionStartHour
    }

    /// Adds one bar (its `time` decides the session) and returns the VWAP so far.
    @discardableResult
    public mutating func update(_ candle: Candle) -> Double? {
        if let hour = sessionStartHour {
            let shifted = candle.time - Int64(hour) * Self.nanosecondsPerHour
            let day = shifted >= 0 ? shifted / Self.nanosecondsPerDay : (shifted + 1) / Self.nanosecondsPerDay - 1
            if session != day {
                session = day
                weightedSum = 0
                volumeSum = 0
                value = nil
            }
        }
        weightedSum += candle.typicalPrice * candle.volume
        volumeSum += candle.volume
        if volumeSum > 0 { value = weightedSum / volumeSum }
        return value
    }
}
