public import TradingCore

/// The length of a bar: minutes, hours, days, weeks or calendar months.
public enum Timeframe: Sendable, Hashable, CustomStringConvertible {
    case seconds(Int)
    case minutes(Int)
    case hours(Int)
    case days(Int)
    case weeks(Int)
    /// Calendar months: a bar opening on the first of a month closes on the first of the next.
    case months(Int)

    /// Parses `1m`, `15m`, `1h`, `4h`, `1d`, `1w`, `1M` (months), `30s`.
    public init?(_ text: some StringProtocol) {
        guard let unit = text.last, let count = Int(text.dropLast()), count > 0 else { return nil }
        switch unit {
        case "s": self = .seconds(count)
        case "m": self = .minutes(count)
        case "h": self = .hours(count)
        case "d": self = .days(count)
        case "w": self = .weeks(count)
        case "M": self = .months(count)
        default: return nil
        }
    }

    /// From the spacing of two consecutive bar open times.
    public init?(spacingNanoseconds spacing: Int64) {
        guard spacing > 0 else { return nil }
        let second: Int64 = 1_000_000_000
        if spacing % (7 * 86_400 * second) == 0 {
            self = .weeks(Int(spacing / (7 * 86_400 * second)))
        } else if spacing % (86_400 * second) == 0 {
            self = .days(Int(spacing / (86_400 * second)))
        } else if spacing % (3_600 * second) == 0 {
            self = .hours(Int(spacing / (3_600 * second)))
        } else if spacing % (60 * second) == 0 {
            self = .minutes(Int(spacing / (60 * second)))
        } else if spacing % second == 0 {
            self = .seconds(Int(spacing / second))
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .seconds(let n): "\(n)s"
        case .minutes(let n): "\(n)m"
        case .hours(let n): "\(n)h"
        case .days(let n): "\(n)d"
        case .weeks(let n): "\(n)w"
        case .months(let n): "\(n)M"
        }
    }

    /// The close time of a bar that opens at `open`.
    public func closeTime(opening open: Timestamp) -> Timestamp {
        let second: Int64 = 1_000_000_000
        switch self {
        case .seconds(let n): return open.advanced(byNanoseconds: Int64(n) * second)
        case .minutes(let n): return open.advanced(byNanoseconds: Int64(n) * 60 * second)
        case .hours(let n): return open.advanced(byNanoseconds: Int64(n) * 3_600 * second)
        case .days(let n): return open.advanced(byNanoseconds: Int64(n) * 86_400 * second)
        case .weeks(let n): return open.advanced(byNanoseconds: Int64(n) * 7 * 86_400 * second)
        case .months(let n):
            var civil = open.civil
            let total = civil.year * 12 + (civil.month - 1) + n
            civil.year = total / 12
            civil.month = total % 12 + 1
            civil.day = 1
            civil.hour = 0
            civil.minute = 0
            civil.second = 0
            civil.nanosecond = 0
            return Timestamp(civil)
        }
    }

    /// Bars per year, for annualising bar-level statistics.
    public var approximateNanoseconds: Int64 {
        switch self {
        case .months(let n): Int64(n) * 2_629_746_000_000_000
        default: closeTime(opening: .zero).nanoseconds
        }
    }
}
