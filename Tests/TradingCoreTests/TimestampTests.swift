import Testing
import TradingCore
import TradingTestSupport

@Suite("Timestamps")
struct TimestampTests {
    @Test(
        "parses the accepted UTC forms",
        arguments: [
            ("2025-06-01", Int64(1_748_736_000_000)),
            ("2025-06-01T17:20", 1_748_798_400_000),
            ("2025-06-01 17:20:00", 1_748_798_400_000),
            ("2025-06-01T17:20:00Z", 1_748_798_400_000),
            ("2025-06-01T17:20:00.250Z", 1_748_798_400_250),
            ("1748798400000", 1_748_798_400_000),
        ]
    )
    func parses(text: String, milliseconds: Int64) throws {
        #expect(try Timestamp(parsing: text).milliseconds == milliseconds)
    }

    @Test(
        "rejects impossible or malformed times",
        arguments: ["2025-02-30", "2025-13-01", "2025-06-01T25:00", "June 1", "", "2025-06-01T17:20:00+02:00"]
    )
    func rejects(text: String) {
        #expect(throws: TimestampParseError.self) { try Timestamp(parsing: text) }
    }

    @Test("formats ISO 8601 in UTC with milliseconds only when present")
    func formats() {
        #expect(Timestamp(milliseconds: 1_748_798_400_000).iso8601 == "2025-06-01T17:20:00Z")
        #expect(Timestamp(milliseconds: 1_748_798_400_123).iso8601 == "2025-06-01T17:20:00.123Z")
        #expect(Timestamp(milliseconds: -1).iso8601 == "1969-12-31T23:59:59.999Z")
    }

    @Test("civil fields round-trip for any day (property)")
    func civilRoundTrip() {
        let failures = PropertyTesting.check("civil round trip") { generator in
            let nanoseconds = Int64.random(
                in: -5_000_000_000_000_000_000...5_000_000_000_000_000_000,
                using: &generator
            )
            let time = Timestamp(nanoseconds: nanoseconds)
            guard time.civil.isValid else { return "invalid civil for \(nanoseconds)" }
            return Timestamp(time.civil) == time ? nil : "\(nanoseconds)"
        }
        #expect(failures.isEmpty)
    }

    @Test("start of day is midnight UTC at or before the instant")
    func startOfDay() {
        let time = Timestamp(milliseconds: 1_748_798_400_000)
        #expect(time.startOfDay.iso8601 == "2025-06-01T00:00:00Z")
        #expect(Timestamp(milliseconds: -1).startOfDay.iso8601 == "1969-12-31T00:00:00Z")
    }
}
