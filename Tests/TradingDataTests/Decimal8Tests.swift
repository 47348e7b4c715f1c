import Testing
import TradingData
import TradingTestSupport

func parse(_ text: String) -> Decimal8? { Array(text.utf8).withUnsafeBufferPointer(Decimal8.parse) }

@Suite("Exact 8-decimal numbers")
struct Decimal8Tests {
    @Test(
        "parse and print the shortest exact form",
        arguments: [
            ("105137.2", "105137.2"), ("105137.20000000", "105137.2"), ("0.00012", "0.00012"), ("-3", "-3"),
            ("1e-05", "0.00001"),
            ("2.5E3", "2500"), ("0", "0"), ("\"42.1\"", "42.1"), ("00012.50", "12.5"), ("0.00000001", "0.00000001"),
        ]
    )
    func roundTrip(text: String, printed: String) {
        #expect(parse(text)?.description == printed)
    }

    @Test(
        "refuse what is not an exact 8-decimal number",
        arguments: ["0.000000001", "1.2.3", "abc", "", "1e", "99999999999999999999", "0.30000000000000004"]
    )
    func refusals(text: String) {
        #expect(parse(text) == nil)
    }

    @Test("random decimals survive text → store → text (property)")
    func property() {
        let failures = PropertyTesting.check("decimal8 round trip", cases: 2_000) { generator in
            let units = Int64.random(in: -9_000_000_000_000_000...9_000_000_000_000_000, using: &generator)
            let value = Decimal8(units: units)
            guard let back = parse(value.description), back == value else {
                return "\(units) → \(value) → \(String(describing: parse(value.description)))"
            }
            guard Decimal8(exactly: value.doubleValue) == value || abs(units) > 1 << 52 else {
                return "double round trip of \(value)"
            }
            return nil
        }
        #expect(failures.isEmpty)
    }
}
