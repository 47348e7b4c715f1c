/// A point in time: nanoseconds since the Unix epoch, UTC.
///
/// The engine never reads a clock: every `Timestamp` comes from an event or from the driver's clock.
/// `Date` stays at the edges of the program.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Nanoseconds since 1970-01-01T00:00:00Z.
    public let nanoseconds: Int64

    @inlinable
    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// From Unix milliseconds, the unit of exchange data files.
    @inlinable
    public init(milliseconds: Int64) { self.nanoseconds = milliseconds &* 1_000_000 }

    /// From Unix seconds.
    @inlinable
    public init(seconds: Int64) { self.nanoseconds = seconds &* 1_000_000_000 }

    public static let zero = Timestamp(nanoseconds: 0)
    public static let distantPast = Timestamp(nanoseconds: .min)
    public static let distantFuture = Timestamp(nanoseconds: .max)

    /// Unix milliseconds, truncated toward negative infinity.
    @inlinable
    public var milliseconds: Int64 {
        nanoseconds >= 0 ? nanoseconds / 1_000_000 : (nanoseconds - 999_999) / 1_000_000
    }

    /// Seconds since the epoch as a `Double`, for analytics.
    @inlinable
    public var secondsDouble: Double { Double(nanoseconds) / 1e9 }

    @inlinable
    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    /// The timestamp `nanoseconds` later.
    @inlinable
    public func advanced(byNanoseconds delta: Int64) -> Timestamp {
        Timestamp(nanoseconds: nanoseconds + delta)
    }

    /// The timestamp a `Duration` later (sub-nanosecond parts are dropped).
    @inlinable
    public static func + (lhs: Timestamp, rhs: Duration) -> Timestamp {
        lhs.advanced(byNanoseconds: rhs.totalNanoseconds)
    }

    /// The timestamp a `Duration` earlier.
    @inlinable
    public static func - (lhs: Timestamp, rhs: Duration) -> Timestamp {
        lhs.advanced(byNanoseconds: -rhs.totalNanoseconds)
    }

    /// The span from `rhs` to `lhs`.
    @inlinable
    public static func - (lhs: Timestamp, rhs: Timestamp) -> Duration {
        .nanoseconds(lhs.nanoseconds - rhs.nanoseconds)
    }

    /// ISO 8601 in UTC: `2025-06-01T17:20:00Z`, with milliseconds when they are not zero.
    public var description: String { iso8601 }
}

extension Duration {
    /// The whole number of nanoseconds in this duration, truncated toward zero.
    @inlinable
    public var totalNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds &* 1_000_000_000 &+ attoseconds / 1_000_000_000
    }
}
