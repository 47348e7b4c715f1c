import Foundation
import TradingCore

/// Timestamps in data files: integers in a unit, or date text in UTC, with an offset, or in a time zone.
enum TimestampParsing {
    /// An integer from ASCII digits (optionally signed), inside spaces or quotes and with any zero fraction
    /// (`"1700000000000.0"`); `nil` otherwise.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var start = 0
        var end = bytes.count
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x22) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x22) { end -= 1 }
        if let point = bytes[start..<end].firstIndex(of: UInt8(ascii: ".")),
            bytes[(point + 1)..<end].allSatisfy({ $0 == 0x30 })
        {
            end = point
        }
        return IntegerParsing.int64(UnsafeBufferPointer(rebasing: bytes[start..<end]))
    }

    /// Milliseconds from date text: `2024-01-31`, `2024-01-31 12:30[:45[.123]]`, with `T`, and an optional `Z`
    /// or `±HH:MM`. Text without an offset is in `timeZone` (UTC by default).
    static func milliseconds(text: String, timeZone: TimeZone?) -> Int64? {
        let characters = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= characters.count else { return nil }
            var value = 0
            for index in start..<(start + count) {
                let byte = characters[index]
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard characters.count >= 10, let year = number(0, 4), characters[4] == UInt8(ascii: "-"),
            let month = number(5, 2),
            characters[7] == UInt8(ascii: "-"), let day = number(8, 2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var hour = 0
        var minute = 0
        var second = 0
        var millisecond = 0
        var index = 10
        if index < characters.count
            && (characters[index] == UInt8(ascii: " ") || characters[index] == UInt8(ascii: "T"))
        {
            guard let h = number(index + 1, 2), characters.count > index + 3,
                characters[index + 3] == UInt8(ascii: ":"),
                let m = number(index + 4, 2)
            else { return nil }
            hour = h
            minute = m
            index += 6
            if index < characters.count && characters[index] == UInt8(ascii: ":") {
                guard let s = number(index + 1, 2) else { return nil }
                second = s
                index += 3
                if index < characters.count && characters[index] == UInt8(ascii: ".") {
                    var digits = 0
                    index += 1
                    while index < characters.count, characters[index] >= 0x30, characters[index] <= 0x39 {
                        if digits < 3 { millisecond = millisecond * 10 + Int(characters[index] - 0x30) }
                        digits += 1
                        index += 1
                    }
                    while digits < 3 {
                        millisecond *= 10
                        digits += 1
                    }
                }
            }
        }
        guard hour < 24, minute < 60, second < 61 else { return nil }
        var offsetSeconds: Int?
        if index < characters.count {
            let marker = characters[index]
            if marker == UInt8(ascii: "Z") && index == characters.count - 1 {
                offsetSeconds = 0
            } else if marker == UInt8(ascii: "+") || marker == UInt8(ascii: "-") {
                guard let h = number(index + 1, 2) else { return nil }
                var m = 0
                if characters.count > index + 3 {
                    let start = characters[index + 3] == UInt8(ascii: ":") ? index + 4 : index + 3
                    guard let value = number(start, 2) else { return nil }
                    m = value
                }
                offsetSeconds = (marker == UInt8(ascii: "-") ? -1 : 1) * (h * 3_600 + m * 60)
            } else {
                return nil
            }
        }
        // Far outside the accepted range, and too far for 64-bit arithmetic below: callers check the range.
        guard (1900...2200).contains(year) else { return nil }
        let days = CivilTime.daysFromCivil(year: year, month: month, day: day)
        let naive = Int64(days) * 86_400 + Int64(hour * 3_600 + minute * 60 + second)
        let offset: Int
        if let offsetSeconds {
            offset = offsetSeconds
        } else if let timeZone {
            // The zone's offset at that wall-clock time (checked once more after applying it, for DST).
            let first = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(naive)))
            offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(naive - Int64(first))))
        } else {
            offset = 0
        }
        return (naive - Int64(offset)) * 1_000 + Int64(millisecond)
    }

    /// A time zone from `UTC`, `+02:00`/`-0530`, or an IANA name.
    static func timeZone(_ text: String) -> TimeZone? {
        if text.uppercased() == "UTC" || text.uppercased() == "Z" { return TimeZone(secondsFromGMT: 0) }
        if let first = text.first, first == "+" || first == "-" {
            let digits = text.dropFirst().filter(\.isNumber)
            guard digits.count == 4 || digits.count == 2, let value = Int(digits) else { return nil }
            let hours = digits.count == 4 ? value / 100 : value
            let minutes = digits.count == 4 ? value % 100 : 0
            return TimeZone(secondsFromGMT: (first == "-" ? -1 : 1) * (hours * 3_600 + minutes * 60))
        }
        return TimeZone(identifier: text)
    }
}
