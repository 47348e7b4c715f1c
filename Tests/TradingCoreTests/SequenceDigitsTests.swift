import Testing
@testable import TradingCore
import TradingTestSupport

@Suite("Decimal digits of sequence numbers")
struct SequenceDigitsTests {
    func written(_ value: UInt64, room: Int) -> String {
        var bytes = [UInt8](repeating: 0, count: room)
        let count = bytes.withUnsafeMutableBytes { SequenceDigits.write(value, into: $0) }
        return String(decoding: bytes[..<count], as: UTF8.self)
    }

    @Test("digits match the decimal text, cut to the room left, at the edges and for seeded values")
    func matchesDecimalText() {
        for value: UInt64 in [0, 1, 9, 10, 99, 100, 101, 999, 1_000, 12_345, UInt64.max, UInt64.max - 1, 10_000_000_000_000_000_000] {
            #expect(written(value, room: 24) == String(value))
            #expect(written(value, room: 3) == String(String(value).prefix(3)))
            #expect(written(value, room: 0) == "")
        }
        let failures = PropertyTesting.check("sequence digits", cases: 2_000) { generator in
            let value = UInt64.random(in: 0...UInt64.max, using: &generator) >> UInt64.random(in: 0...63, using: &generator)
            let room = Int.random(in: 0...22, using: &generator)
            let expected = String(String(value).prefix(room))
            let actual = written(value, room: room)
            return actual == expected ? nil : "\(value) in \(room) bytes: \(actual), expected \(expected)"
        }
        #expect(failures.isEmpty)
    }
}
