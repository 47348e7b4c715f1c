/// The one checked path from an integer or text to a ``Timestamp``: the unit of an integer time detected by
/// its size, the conversion checked for overflow, and the result held to an accepted range.
///
/// Omega accepts market data from 2009-01-01 (the first Bitcoin block) up to 2100-01-01
/// (``Timestamp/marketDataRange``) and dates on the command line from 1970-01-01 up to 2100-01-01
/// (``Timestamp/commandLineRange``). Anything outside is an error, never a wrapped or trapped value.
public enum EpochUnit: String, Sendable, CaseIterable, CustomStringConvertible {
    case seconds = "s"
    case milliseconds = "ms"
    case microseconds = "us"
    case nanoseconds = "ns"

    /// Nanoseconds in one unit.
    @inlinable
    public var nanosecondsPerUnit: Int64 {
        switch self {
        case .seconds: 1_000_000_000
        case .milliseconds: 1_000_000
        case .microseconds: 1_000
        case .nanoseconds: 1
        }
    }

    /// The unit of an integer time between 1973 and 2286 in that unit, by its number of digits as pandas and
    /// freqtrade users expect: up to 11 digits seconds, 12–14 milliseconds, 15–17 microseconds, more
    /// nanoseconds. Negative values are read by their magnitude.
    public init(detecting value: Int64) {
        let magnitude = value.magnitude
        if magnitude < 100_000_000_000 {
            self = .seconds
        } else if magnitude < 100_000_000_000_000 {
            self = .milliseconds
        } else if magnitude < 100_000_000_000_000_000 {
            self = .microseconds
        } else {
            self = .nanoseconds
        }
    }

    /// `value` in this unit as a timestamp, or `nil` when it does not fit in 64-bit nanoseconds.
    @inlinable
    public func timestamp(_ value: Int64) -> Timestamp? {
        let (nanoseconds, overflow) = value.multipliedReportingOverflow(by: nanosecondsPerUnit)
        return overflow ? nil : Timestamp(nanoseconds: nanoseconds)
    }

    public var description: String {
        switch self {
        case .seconds: "seconds"
        case .milliseconds: "milliseconds"
        case .microseconds: "microseconds"
        case .nanoseconds: "nanoseconds"
        }
    }
}

extension Timestamp {
    /// Market data times Omega accepts: from 2009-01-01 up to (not including) 2100-01-01, UTC.
    public static let marketDataRange =
        Timestamp(
            nanoseconds: 1_230_768_000_000_000_000
        )..<Timestamp(
            nanoseconds: 4_102_444_800_000_000_000
        )

    /// Dates accepted on the command line: from 1970-01-01 up to (not including) 2100-01-01, UTC.
    public static let commandLineRange = Timestamp(nanoseconds: 0)..<Timestamp(nanoseconds: 4_102_444_800_000_000_000)

    /// Unix milliseconds as a timestamp, or `nil` when the value does not fit in 64-bit nanoseconds.
    @inlinable
    public init?(checkedMilliseconds milliseconds: Int64) {
        guard let time = EpochUnit.milliseconds.timestamp(milliseconds) else { return nil }
        self = time
    }

    /// `2009-01-01T00:00:00Z to 2100-01-01T00:00:00Z`, for messages.
    public static func describe(_ range: Range<Timestamp>) -> String {
        "\(range.lowerBound.iso8601) to \(range.upperBound.iso8601)"
    }
}

/// Why an integer time could not be accepted: it overflows or falls outside the accepted range.
public struct EpochTimeError: Error, Sendable, Equatable, CustomStringConvertible {
    public let value: Int64
    public let unit: EpochUnit
    public let range: Range<Timestamp>

    public init(value: Int64, unit: EpochUnit, range: Range<Timestamp>) {
        self.value = value
        self.unit = unit
        self.range = range
    }

    public var description: String {
        let read = unit.timestamp(value).map { " (\($0.iso8601))" } ?? ""
        return "time \(value) read as \(unit)\(read) is outside the accepted range \(Timestamp.describe(range))"
    }
}

extension EpochUnit {
    /// `value` in this unit as a timestamp inside `range`.
    /// - Throws: ``EpochTimeError`` when the value overflows or lies outside `range`.
    @inlinable
    public func timestamp(_ value: Int64, in range: Range<Timestamp>) throws(EpochTimeError) -> Timestamp {
        guard let time = timestamp(value), range.contains(time) else {
            throw EpochTimeError(value: value, unit: self, range: range)
        }
        return time
    }
}

/// The units a file's integer times were read in, for the report (`milliseconds`, or
/// `milliseconds and microseconds` for a file whose format changed part way, as Binance's did in 2025).
public struct EpochUnitsSeen: Sendable, Hashable, CustomStringConvertible {
    @usableFromInline var mask: UInt8 = 0

    public init() {}

    @inlinable
    public mutating func insert(_ unit: EpochUnit) { mask |= unit.bit }

    public var isEmpty: Bool { mask == 0 }

    /// The units seen, from seconds to nanoseconds.
    public var units: [EpochUnit] { EpochUnit.allCases.filter { mask & $0.bit != 0 } }

    public var description: String { units.map(\.description).joined(separator: " and ") }
}

extension EpochUnit {
    @usableFromInline
    var bit: UInt8 {
        switch self {
        case .seconds: 1
        case .milliseconds: 2
        case .microseconds: 4
        case .nanoseconds: 8
        }
    }
}
