import Testing
import TradingCore
import TradingTestSupport

@Suite("Fixed-point decimals")
struct FixedPointTests {
    @Test(
        "parses decimal text exactly",
        arguments: [
            ("65432.10", Int128(65_432_100_000_000_000_000_000)),
            ("-0.5", Int128(-500_000_000_000_000_000)),
            ("+3", Int128(3_000_000_000_000_000_000)),
            ("0.000000000000000001", Int128(1)),
            ("1e-4", Int128(100_000_000_000_000)),
            ("2.5E2", Int128(250_000_000_000_000_000_000)),
            (".5", Int128(500_000_000_000_000_000)),
            ("007.000", Int128(7_000_000_000_000_000_000)),
            ("0.1000000000000000000000", Int128(100_000_000_000_000_000)),
        ]
    )
    func parsesExactly(text: String, raw: Int128) throws {
        #expect(try FixedPoint.parse(text) == raw)
    }

    @Test(
        "rejects malformed or out-of-range text",
        arguments: [
            ("", DecimalParseError.empty),
            ("-", DecimalParseError.empty),
            ("12a", DecimalParseError.invalidCharacter(offset: 2)),
            ("1.2.3", DecimalParseError.invalidCharacter(offset: 3)),
            ("0.0000000000000000001", DecimalParseError.tooPrecise),
            ("1e300", DecimalParseError.outOfRange),
            ("999999999999999999999", DecimalParseError.outOfRange),
            ("1e", DecimalParseError.invalidCharacter(offset: 2)),
        ]
    )
    func rejects(text: String, expected: DecimalParseError) {
        #expect(throws: expected) { try FixedPoint.parse(text) }
    }

    @Test("quantities refuse negative text")
    func quantityNegative() {
        #expect(throws: DecimalParseError.negative) { try Quantity("-1") }
    }

    @Test("format then parse returns the same value (property)")
    func roundTrip() {
        let failures = PropertyTesting.check("format/parse round trip") { generator in
            let raw =
                Int128(Int64.random(in: .min ... .max, using: &generator))
                * Int128(Int.random(in: 1...1_000_000, using: &generator))
            let text = FixedPoint.format(raw)
            guard let back = try? FixedPoint.parse(text) else { return "cannot parse \(text)" }
            return back == raw ? nil : "\(raw) → \(text) → \(back)"
        }
        #expect(failures.isEmpty)
    }

    @Test("addition and subtraction are exact inverses (property)")
    func additionInverse() {
        let failures = PropertyTesting.check("(a + b) - b == a") { generator in
            let a = Price(
                raw: Int128(Int64.random(in: -1_000_000_000_000...1_000_000_000_000, using: &generator)) * 1_000_000
            )
            let b = Price(
                raw: Int128(Int64.random(in: -1_000_000_000_000...1_000_000_000_000, using: &generator)) * 1_000_000
            )
            return (a + b) - b == a ? nil : "\(a) \(b)"
        }
        #expect(failures.isEmpty)
    }

    @Test("ordering is transitive and matches the raw values (property)")
    func ordering() {
        let failures = PropertyTesting.check("ordering") { generator in
            let values = (0..<3).map { _ in
                Price(raw: Int128(Int64.random(in: -1_000_000...1_000_000, using: &generator)))
            }
            let sorted = values.sorted()
            guard sorted[0] <= sorted[1], sorted[1] <= sorted[2], sorted[0] <= sorted[2] else { return "\(values)" }
            return sorted.map(\.raw) == values.map(\.raw).sorted() ? nil : "\(values)"
        }
        #expect(failures.isEmpty)
    }

    @Test("doubleValue equals the correctly rounded parse of the decimal text (property)")
    func doubleConversion() {
        let failures = PropertyTesting.check("toDouble == Double(text)", cases: 2_000) { generator in
            let text = PropertyTesting.decimalText(&generator, integerDigits: 15, fractionDigits: 18)
            guard let raw = try? FixedPoint.parse(text), let expected = Double(text) else { return "bad input \(text)" }
            let actual = FixedPoint.toDouble(raw)
            return actual == expected ? nil : "\(text): \(actual) != \(expected)"
        }
        #expect(failures.isEmpty)
    }

    @Test("prices with up to 8 decimals convert exactly like strtod (property)")
    func eightDecimals() {
        let failures = PropertyTesting.check("8-decimal prices", cases: 2_000) { generator in
            let integer = Int.random(in: 0...999_999, using: &generator)
            let fraction = Int.random(in: 0...99_999_999, using: &generator)
            let digits = String(fraction)
            let text = "\(integer).\(String(repeating: "0", count: 8 - digits.count))\(digits)"
            guard let price = try? Price(text), let expected = Double(text) else { return "bad input \(text)" }
            return price.doubleValue == expected ? nil : "\(text): \(price.doubleValue) != \(expected)"
        }
        #expect(failures.isEmpty)
    }

    @Test("the approximate conversion stays within a few units in the last place (property)")
    func approximateDouble() {
        let failures = PropertyTesting.check("approximate double") { generator in
            let text = PropertyTesting.decimalText(&generator, integerDigits: 12, fractionDigits: 18)
            guard let raw = try? FixedPoint.parse(text), let exact = Double(text) else { return "bad input \(text)" }
            let approximate = FixedPoint.toDoubleApproximately(raw)
            return abs(approximate - exact) <= abs(exact) * 1e-15 + 1e-300 ? nil : "\(text): \(approximate) vs \(exact)"
        }
        #expect(failures.isEmpty)
    }

    @Test(
        "multiplyDivide rounds once by the named rule",
        arguments: [
            (RoundingRule.toNearestOrEven, Int128(2), Int128(-2)),  // 2.5 → 2, -2.5 → -2
            (.toNearestOrAwayFromZero, 3, -3),
            (.down, 2, -3),
            (.up, 3, -2),
            (.towardZero, 2, -2),
            (.awayFromZero, 3, -3),
        ]
    )
    func roundingRules(rule: RoundingRule, positive: Int128, negative: Int128) {
        #expect(FixedPoint.multiplyDivide(5, 1, 2, rounding: rule) == positive)
        #expect(FixedPoint.multiplyDivide(-5, 1, 2, rounding: rule) == negative)
    }

    @Test("products use a 256-bit intermediate and stay exact")
    func wideProducts() throws {
        let quantity = try Quantity("12345.678901234567890123")
        let price = try Price("98765.43210987")
        let notional = quantity.notional(at: price, currency: .usdt, rounding: .toNearestOrEven)
        // 12345.678901234567890123 × 98765.43210987 = 1219326311.370137171879968602|22…, checked with
        // Python's decimal module; rounded half to even at 18 decimals.
        #expect(notional.amountText == "1219326311.370137171879968602")
    }

    @Test("formatting with fixed decimals rounds half to even")
    func fixedFormatting() throws {
        #expect(try Price("1.25").formatted(decimals: 1) == "1.2")
        #expect(try Price("1.35").formatted(decimals: 1) == "1.4")
        #expect(try Price("-0.005").formatted(decimals: 2) == "0.00")  // no negative zero
        #expect(try Price("65432.1").formatted(decimals: 2) == "65432.10")
    }

    @Test("exact volume-weighted averages round once")
    func wideSums() throws {
        var sum = WideProductSum()
        sum.add(try Quantity("0.021819446353977669").raw, times: try Price("106182.64").raw)
        #expect(
            sum.divided(by: try Quantity("0.021819446353977669").raw, rounding: .toNearestOrEven)
                == (try Price("106182.64").raw)
        )
        sum.add(try Quantity("1").raw, times: try Price("100").raw)
        let average = try #require(
            sum.divided(by: try Quantity("1.021819446353977669").raw, rounding: .toNearestOrEven)
        )
        // (0.021819446353977669 × 106182.64 + 100) / 1.021819446353977669, by Python's decimal module.
        #expect(Price(raw: average).description == "2365.238228561253942598")
    }
}
