import TradingCore

extension Timeframe {
    /// The open time (ms) of the bar of this timeframe that contains `time` (ms): multiples of the length
    /// from the Unix epoch for seconds to days, weeks from Monday 00:00 UTC (as exchanges do), and
    /// calendar months (multi-month bars counted from January 1970).
    public func bucketStart(_ time: Int64) -> Int64 {
        let minute: Int64 = 60_000
        func floor(_ value: Int64, _ step: Int64) -> Int64 {
            let quotient = value / step
            return (value % step != 0 && value < 0 ? quotient - 1 : quotient) * step
        }
        switch self {
        case .seconds(let n): return floor(time, Int64(n) * 1_000)
        case .minutes(let n): return floor(time, Int64(n) * minute)
        case .hours(let n): return floor(time, Int64(n) * 60 * minute)
        case .days(let n): return floor(time, Int64(n) * 1_440 * minute)
        case .weeks(let n):
            // 1970-01-05 was a Monday: shift by 4 days.
            let monday: Int64 = 4 * 1_440 * minute
            return floor(time - monday, Int64(n) * 7 * 1_440 * minute) + monday
        case .months(let n):
            let civil = Timestamp(milliseconds: time).civil
            let index = (civil.year - 1970) * 12 + (civil.month - 1)
            let start = index >= 0 ? index / n * n : ((index + 1) / n - 1) * n
            let year = 1970 + (start >= 0 ? start / 12 : (start - 11) / 12)
            let month = start - (year - 1970) * 12 + 1
            return Timestamp(CivilTime(year: year, month: month, day: 1)).milliseconds
        }
    }

    /// The next bucket's open time after the bucket opening at `start` (ms).
    public func nextBucket(after start: Int64) -> Int64 {
        closeTime(opening: Timestamp(milliseconds: start)).milliseconds
    }
}

extension Timeframe {
    /// Whether bars of this timeframe are made of whole, aligned bars of `source`: every bucket boundary of
    /// this timeframe is one of `source`'s, so resampling builds each bucket only from bars inside it (`1h`
    /// is tiled by `15m`, `90m` is not tiled by `1h`, a month is tiled by days but not by weeks).
    public func isTiled(by source: Timeframe) -> Bool {
        let day: Int64 = 86_400_000_000_000
        switch (self, source) {
        case (.months(let months), .months(let sourceMonths)): return months % sourceMonths == 0
        case (_, .months): return false
        case (.months, .weeks): return false
        // A month starts at a midnight: any source that divides a day has a boundary there.
        case (.months, _): return day % source.approximateNanoseconds == 0
        case (.weeks(let weeks), .weeks(let sourceWeeks)): return weeks % sourceWeeks == 0
        case (_, .weeks): return false
        // Weeks start on Monday, four days after the epoch: a source must divide both a week and four days.
        case (.weeks, _):
            let length = source.approximateNanoseconds
            return (7 * day) % length == 0 && (4 * day) % length == 0
        default: return approximateNanoseconds % source.approximateNanoseconds == 0
        }
    }
}
