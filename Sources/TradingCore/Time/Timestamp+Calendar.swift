/// Why text could not be read as a point in time.
public struct TimestampParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let text: String
    /// The accepted range, when the text is a time outside it.
    public let range: Range<Timestamp>?

    public init(text: String, outside range: Range<Timestamp>? = nil) {
        self.text = String(text.prefix(100))
        self.range = range
    }

    public var description: String {
        if let range { return "time '\(text)' is outside the accepted range \(Timestamp.describe(range))" }
        return "invalid time '\(text)': expected YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS[.fff]][Z] (UTC) or a Unix time"
            + " (seconds, milliseconds, microseconds or nanoseconds, told apart by their number of digits)"
    }
}

/// A UTC calendar date and time of day, for formatting and parsing at the edges.
public struct CivilTime: Sendable, Equatable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var nanosecond: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, nanosecond: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.nanosecond = nanosecond
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date for a count of days since 1970-01-01 (H. Hinnant's `civil_from_days`).
    public static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    /// Whether the fields describe a real date and time of day.
    public var isValid: Bool {
        guard (1...12).contains(month), day >= 1, (0...23).contains(hour), (0...59).contains(minute),
            (0...59).contains(second), (0..<1_000_000_000).contains(nanosecond)
        else { return false }
        let (y, m, d) = CivilTime.civilFromDays(CivilTime.daysFromCivil(year: year, month: month, day: day))
        return y == year && m == month && d == day
    }
}

extension Timestamp {
    static let nanosecondsPerDay: Int64 = 86_400_000_000_000

    /// The UTC calendar fields of this instant.
    public var civil: CivilTime {
        var days = nanoseconds / Timestamp.nanosecondsPerDay
        var rest = nanoseconds % Timestamp.nanosecondsPerDay
        if rest < 0 {
            rest += Timestamp.nanosecondsPerDay
            days -= 1
        }
        let (y, m, d) = CivilTime.civilFromDays(Int(days))
        let seconds = Int(rest / 1_000_000_000)
        return CivilTime(
            year: y,
            month: m,
            day: d,
            hour: seconds / 3600,
            minute: seconds / 60 % 60,
            second: seconds % 60,
            nanosecond: Int(rest % 1_000_000_000)
        )
    }

    /// The instant for UTC calendar fields.
    public init(_ civil: CivilTime) {
        let days = Int64(CivilTime.daysFromCivil(year: civil.year, month: civil.month, day: civil.day))
        let seconds = days * 86_400 + Int64(civil.hour * 3600 + civil.minute * 60 + civil.second)
        self.init(nanoseconds: seconds * 1_000_000_000 + Int64(civil.nanosecond))
    }

    /// Midnight UTC at or before this instant.
    public var startOfDay: Timestamp {
        var days = nanoseconds / Timestamp.nanosecondsPerDay
        if nanoseconds % Timestamp.nanosecondsPerDay < 0 { days -= 1 }
        return Timestamp(nanoseconds: days * Timestamp.nanosecondsPerDay)
    }

    /// `2025-06-01T17:20:00Z`, or `2025-06-01T17:20:00.123Z` when milliseconds are not zero.
    public var iso8601: String {
        let c = civil
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        }
        var text =
            "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))T\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2))"
        if c.nanosecond != 0 {
            text += c.nanosecond % 1_000_000 == 0 ? ".\(pad(c.nanosecond / 1_000_000, 3))" : ".\(pad(c.nanosecond, 9))"
        }
        return text + "Z"
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM`, `YYYY-MM-DD HH:MM:SS`, an optional fraction of a second and
    /// an optional `Z` (all UTC), or an integer Unix time whose unit ``EpochUnit/init(detecting:)`` tells by
    /// its size; the result must lie in `range` (by default ``commandLineRange``).
    /// - Throws: ``TimestampParseError`` for any other text, an impossible date or a time outside `range`.
    public init(
        parsing text: String,
        in range: Range<Timestamp> = Timestamp.commandLineRange
    )
        throws(TimestampParseError)
    {
        let bytes = Array(text.utf8)
        let error = TimestampParseError(text: text)
        if !bytes.isEmpty && bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            guard let value = IntegerParsing.int64(text) else { throw TimestampParseError(text: text, outside: range) }
            do {
                self = try EpochUnit(detecting: value).timestamp(value, in: range)
            } catch {
                throw TimestampParseError(text: text, outside: range)
            }
            return
        }
        var index = 0
        func number(_ width: Int) throws(TimestampParseError) -> Int {
            guard index + width <= bytes.count else { throw error }
            var value = 0
            for offset in 0..<width {
                let byte = bytes[index + offset]
                guard byte >= 0x30 && byte <= 0x39 else { throw error }
                value = value * 10 + Int(byte - 0x30)
            }
            index += width
            return value
        }
        func expect(_ char: UInt8) throws(TimestampParseError) {
            guard index < bytes.count, bytes[index] == char else { throw error }
            index += 1
        }
        var civil = CivilTime(year: 0, month: 1, day: 1)
        civil.year = try number(4)
        try expect(UInt8(ascii: "-"))
        civil.month = try number(2)
        try expect(UInt8(ascii: "-"))
        civil.day = try number(2)
        if index < bytes.count && (bytes[index] == UInt8(ascii: "T") || bytes[index] == UInt8(ascii: " ")) {
            index += 1
            civil.hour = try number(2)
            try expect(UInt8(ascii: ":"))
            civil.minute = try number(2)
            if index < bytes.count && bytes[index] == UInt8(ascii: ":") {
                index += 1
                civil.second = try number(2)
                if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
                    index += 1
                    var digits = 0
                    var fraction = 0
                    while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                        guard digits < 9 else { throw error }
                        fraction = fraction * 10 + Int(bytes[index] - 0x30)
                        digits += 1
                        index += 1
                    }
                    guard digits > 0 else { throw error }
                    for _ in digits..<9 { fraction *= 10 }
                    civil.nanosecond = fraction
                }
            }
        }
        if index < bytes.count && bytes[index] == UInt8(ascii: "Z") { index += 1 }
        guard index == bytes.count, civil.isValid else { throw error }
        // Years outside 1678–2261 do not fit in 64-bit nanoseconds: compare before converting.
        let lowest = range.lowerBound.civil.year
        let highest = range.upperBound.civil.year
        guard civil.year >= lowest, civil.year <= highest else { throw TimestampParseError(text: text, outside: range) }
        self.init(civil)
        guard range.contains(self) else { throw TimestampParseError(text: text, outside: range) }
    }
}
