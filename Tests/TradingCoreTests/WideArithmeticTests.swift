import Testing
import TradingCore
import TradingTestSupport

@Suite("256-bit products and quotients")
struct WideArithmeticTests {
    /// Operands of every magnitude class: tiny, one limb, two limbs, and near the top of the range.
    static func operand(_ generator: inout SeededGenerator) -> UInt128 {
        let bits = Int.random(in: 0...128, using: &generator)
        if bits == 0 { return 0 }
        let value =
            UInt128(UInt64.random(in: .min ... .max, using: &generator)) << 64
            | UInt128(UInt64.random(in: .min ... .max, using: &generator))
        let masked = bits == 128 ? value : value & ((UInt128(1) << bits) - 1)
        // Sometimes a power of two or all ones, where carries and normalisation are at their edges.
        switch Int.random(in: 0..<8, using: &generator) {
        case 0: return bits == 128 ? .max : (UInt128(1) << bits) - 1
        case 1: return bits == 128 ? UInt128(1) << 127 : UInt128(1) << (bits - 1)
        default: return masked
        }
    }

    @Test("the product equals the standard library's full-width product (property)")
    func products() {
        let failures = PropertyTesting.check("wide multiply", cases: 20_000) { generator in
            let a = Self.operand(&generator)
            let b = Self.operand(&generator)
            let fast = WideArithmetic.multiply(a, b)
            let reference = a.multipliedFullWidth(by: b)
            return fast.high == reference.high && fast.low == reference.low ? nil : "\(a) × \(b)"
        }
        #expect(failures.isEmpty)
    }

    @Test("the quotient and remainder equal the standard library's full-width division (property)")
    func quotients() {
        let failures = PropertyTesting.check("wide divide", cases: 20_000) { generator in
            let divisor = max(1, Self.operand(&generator))
            // A numerator whose quotient fits 128 bits: a product reduced below divisor × 2¹²⁸.
            let product = WideArithmetic.multiply(Self.operand(&generator), Self.operand(&generator))
            let high = product.high % divisor
            let low = product.low
            let fast = WideArithmetic.divide(high, low, by: divisor)
            let reference = divisor.dividingFullWidth((high: high, low: low))
            guard fast.quotient == reference.quotient, fast.remainder == reference.remainder else {
                return "(\(high), \(low)) / \(divisor): \(fast) against \(reference)"
            }
            let small = WideArithmetic.quotientAndRemainder(low, divisor)
            let smallReference = low.quotientAndRemainder(dividingBy: divisor)
            return small == smallReference ? nil : "\(low) / \(divisor)"
        }
        #expect(failures.isEmpty)
    }

    @Test("fixed-point products and quotients round once, by the rule, at the edges")
    func edges() {
        let scale = FixedPoint.scale
        // 1.5 × 1 rounds to even at the last unit; exact halves in both directions.
        #expect(FixedPoint.multiplyDivide(3, 1, 2, rounding: .toNearestOrEven) == 2)
        #expect(FixedPoint.multiplyDivide(5, 1, 2, rounding: .toNearestOrEven) == 2)
        #expect(FixedPoint.multiplyDivide(-5, 1, 2, rounding: .toNearestOrEven) == -2)
        #expect(FixedPoint.multiplyDivide(-5, 1, 2, rounding: .down) == -3)
        #expect(FixedPoint.multiplyDivide(-5, 1, 2, rounding: .up) == -2)
        // A two-limb divisor with a 256-bit numerator: (10²⁰ · 10²⁰) / (10²² + 7).
        let big: Int128 = 100_000_000_000_000_000_000
        let divisor: Int128 = 10_000_000_000_000_000_000_007
        let expected = (big.magnitude.multipliedFullWidth(by: big.magnitude))
        let reference = divisor.magnitude.dividingFullWidth(expected)
        #expect(FixedPoint.multiplyDivide(big, big, divisor, rounding: .towardZero) == Int128(reference.quotient))
        #expect(FixedPoint.divide(scale, 3 * scale, rounding: .toNearestOrEven) == 333_333_333_333_333_333)
    }
}

@Suite("Division by the fixed-point scale")
struct ScaleDivisionTests {
    @Test("dividing by 10¹⁸ with the reciprocal equals the hardware division (property)")
    func reciprocal() {
        let scale = UInt128(1_000_000_000_000_000_000)
        let failures = PropertyTesting.check("divide by scale", cases: 20_000) { generator in
            let product = WideArithmetic.multiply(
                WideArithmeticTests.operand(&generator),
                WideArithmeticTests.operand(&generator)
            )
            let high = product.high % scale
            let fast = WideArithmetic.divideByScale(high, product.low)
            let reference = scale.dividingFullWidth((high: high, low: product.low))
            return fast.quotient == reference.quotient && UInt128(fast.remainder) == reference.remainder
                ? nil : "(\(high), \(product.low))"
        }
        #expect(failures.isEmpty)
        // The largest numerator with a 128-bit quotient, and exact multiples.
        let top = WideArithmetic.divideByScale(scale - 1, .max)
        #expect(top.quotient == scale.dividingFullWidth((high: scale - 1, low: .max)).quotient)
        #expect(WideArithmetic.divideByScale(0, scale * 7).quotient == 7)
        #expect(WideArithmetic.divideByScale(0, scale * 7).remainder == 0)
    }

    @Test("fixed-point multiply equals a × b / 10¹⁸ rounded by the rule (property)")
    func multiply() {
        let scale = FixedPoint.scale
        let rules: [RoundingRule] = [
            .toNearestOrEven, .toNearestOrAwayFromZero, .up, .down, .towardZero, .awayFromZero,
        ]
        let failures = PropertyTesting.check("fixed multiply", cases: 5_000) { generator in
            let a =
                Int128(Int64.random(in: .min ... .max, using: &generator))
                * Int128(Int32.random(in: 1 ... .max, using: &generator))
            let b = Int128(Int64.random(in: .min ... .max, using: &generator))
            let rule = rules[Int.random(in: 0..<rules.count, using: &generator)]
            let fast = FixedPoint.multiply(a, b, rounding: rule)
            let reference = FixedPoint.multiplyDivide(a, b, scale, rounding: rule)
            return fast == reference ? nil : "\(a) × \(b) by \(rule): \(fast) against \(reference)"
        }
        #expect(failures.isEmpty)
    }
}
