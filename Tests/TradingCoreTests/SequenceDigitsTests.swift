import Testing
import TradingTestSupport

@testable import TradingCore

@Suite("Decimal digits of sequence numbers")
struct SequenceDigitsTests {
    func written(_ value: UInt64, room: Int) -> String {
        var bytes = [UInt8](repeating: 0, count: room)
        let count = bytes.withUnsafeMutableBytes { SequenceDigits.write(value, into: $0) }
        return String(decoding: bytes[..<count], as: UTF8.self)
    }

    @Test("digits match the decimal text, cut to the room left, at the edges and for seeded values")
    func matchesDecimalText() {
        for value: UInt64 in [
            0, 1, 9, 10, 99, 100, 101, 999, 1_000, 12_345, UInt64.max, UInt64.max - 1, 10_000_000_000_000_000_000,
        ] {
            #expect(written(value, room: 24) == String(value))
            #expect(written(value, room: 3) == String(String(value).prefix(3)))
            #expect(written(value, room: 0) == "")
        }
        let failures = PropertyTesting.check("sequence digits", cases: 2_000) { generator in
            let value =
                UInt64.random(in: 0...UInt64.max, using: &generator) >> UInt64.random(in: 0...63, using: &generator)
            let room = Int.random(in: 0...22, using: &generator)
            let expected = String(String(value).prefix(room))
            let actual = written(value, room: room)
            return actual == expected ? nil : "\(value) in \(room) bytes: \(actual), expected \(expected)"
        }
        #expect(failures.isEmpty)
    }
}

@Suite("Counters kept as text")
struct SequenceCounterTests {
    @Test("advancing in place gives the prefix and the decimal number, across carries and new digits (seeded)")
    func advancesLikeFormatting() {
        var counter = SequenceCounter(prefix: "SIM-", start: 1)
        for _ in 0..<1_200 {
            #expect(counter.text.string == "SIM-\(counter.value)")
            counter.advance()
        }
        #expect(counter.text.string == "SIM-1201")
        #expect(VenueOrderID(counter).value == "SIM-1201")
        #expect(TradeID(SequenceCounter(prefix: "T", start: 0)).value == "T0")
        let failures = PropertyTesting.check("sequence counter", cases: 300) { generator in
            // Starts just below a power of ten now and then, so that carries run through every digit.
            let digits = Int.random(in: 1...19, using: &generator)
            var power: UInt64 = 1
            for _ in 0..<digits { power *= 10 }
            let start =
                Bool.random(using: &generator)
                ? power - UInt64.random(in: 1...min(power, 40), using: &generator)
                : UInt64.random(in: 0...(UInt64.max - 100), using: &generator)
            var counter = SequenceCounter(prefix: "LIQ-", start: start)
            for step in 0..<60 {
                let expected = "LIQ-\(start + UInt64(step))"
                if counter.text.string != expected || counter.value != start + UInt64(step) {
                    return "from \(start), step \(step): \(counter.text.string), expected \(expected)"
                }
                counter.advance()
            }
            return nil
        }
        #expect(failures.isEmpty)
    }
}

@Suite("Client order IDs made one after another")
struct ClientOrderIDCounterTests {
    @Test("the counter gives the formatted ID for every strategy and sequence, in any order (seeded)")
    func matchesFormatting() throws {
        let strategies = [
            try StrategyID("ema"), try StrategyID("b"),
            // Long enough to be cut at 36 characters, where the cut moves as the number grows.
            try StrategyID("a-strategy-name-long-enough-to-be-cut"),
        ]
        var counter = ClientOrderIDCounter()
        for sequence: UInt64 in 1...1_100 {
            #expect(
                counter.id(strategy: strategies[0], sequence: sequence)
                    == ClientOrderID(strategy: strategies[0], sequence: sequence)
            )
        }
        let failures = PropertyTesting.check("client order ID counter", cases: 200) { generator in
            var counter = ClientOrderIDCounter()
            var sequence =
                Bool.random(using: &generator)
                ? UInt64.random(in: 0...UInt64.max / 2, using: &generator)
                : [9, 99, 999_999, 9_999_999_999].randomElement(using: &generator)!
                    - UInt64.random(in: 0...5, using: &generator)
            var strategy = strategies.randomElement(using: &generator)!
            for _ in 0..<40 {
                // Mostly the next number for the same strategy; sometimes another strategy or a jump.
                switch Int.random(in: 0..<10, using: &generator) {
                case 0: strategy = strategies.randomElement(using: &generator)!
                case 1: sequence &+= UInt64.random(in: 2...1_000, using: &generator)
                default: sequence &+= 1
                }
                let made = counter.id(strategy: strategy, sequence: sequence)
                let expected = ClientOrderID(strategy: strategy, sequence: sequence)
                if made != expected { return "\(strategy) \(sequence): \(made), expected \(expected)" }
            }
            return nil
        }
        #expect(failures.isEmpty)
    }
}
