public import TradingCore

/// Seeded property testing: runs `body` with a generator per case and prints the seed of a failing case,
/// so it can be replayed with `OMEGA_SEED=<seed>`.
public enum PropertyTesting {
    /// The base seed: `OMEGA_SEED` from the environment, or a fixed default so runs repeat.
    public static var baseSeed: UInt64 {
        if let text = getenvString("OMEGA_SEED"), let seed = UInt64(text) { return seed }
        return 0x5EED_0F_0E6A
    }

    /// Runs `cases` cases; each gets a generator seeded from the base seed and the case number. A case
    /// returns `nil` on success or a failure message, which is reported with its seed.
    public static func check(
        _ name: String,
        cases: Int = 500,
        _ body: (inout SeededGenerator) -> String?
    ) -> [String] {
        var failures: [String] = []
        print("property '\(name)': \(cases) cases from base seed \(baseSeed) (set OMEGA_SEED to change it)")
        for index in 0..<cases {
            let seed = baseSeed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15
            var generator = SeededGenerator(seed: seed)
            if let message = body(&generator) {
                let report = "\(name): case \(index) failed with seed \(seed) (replay with OMEGA_SEED): \(message)"
                print(report)
                failures.append(report)
                if failures.count >= 5 { break }
            }
        }
        return failures
    }

    /// A random decimal text with up to `integerDigits` and `fractionDigits` digits, possibly negative.
    public static func decimalText(
        _ generator: inout SeededGenerator,
        integerDigits: Int = 12,
        fractionDigits: Int = 18,
        allowNegative: Bool = true
    ) -> String {
        let integerCount = Int.random(in: 1...integerDigits, using: &generator)
        var text = allowNegative && Bool.random(using: &generator) ? "-" : ""
        text += String(Int.random(in: 0...9, using: &generator))
        for _ in 1..<integerCount { text += String(Int.random(in: 0...9, using: &generator)) }
        let fractions = Int.random(in: 0...fractionDigits, using: &generator)
        if fractions > 0 {
            text += "."
            for _ in 0..<fractions { text += String(Int.random(in: 0...9, using: &generator)) }
        }
        return text
    }

    private static func getenvString(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
