import Testing
import TradingCore
import TradingSim

@Suite("ShardedDictionary: the venue's order maps")
struct ShardedDictionaryTests {
    @Test("behaves as a dictionary under seeded inserts, updates and removals (property)")
    func matchesDictionary() {
        let seed = UInt64.random(in: 0...UInt64(UInt32.max))
        print("ShardedDictionaryTests.matchesDictionary seed \(seed)")
        var random = SeededGenerator(seed: seed)
        var sharded = ShardedDictionary<Int64, Int>()
        var plain: [Int64: Int] = [:]
        for step in 0..<20_000 {
            let key = Int64.random(in: 0..<5_000, using: &random)
            switch Int.random(in: 0..<3, using: &random) {
            case 0, 1:
                #expect(sharded.updateValue(step, forKey: key) == plain.updateValue(step, forKey: key), "seed \(seed)")
            default:
                #expect(sharded.removeValue(forKey: key) == plain.removeValue(forKey: key), "seed \(seed)")
            }
        }
        #expect(sharded.count == plain.count && sharded.isEmpty == plain.isEmpty, "seed \(seed)")
        #expect(sharded.keys.sorted() == plain.keys.sorted(), "seed \(seed)")
        #expect(sharded.values.sorted() == plain.values.sorted(), "seed \(seed)")
        for key in Int64(0)..<5_000 { #expect(sharded[key] == plain[key], "seed \(seed)") }
        // The subscript sets and removes as a dictionary's does.
        sharded[7] = nil
        plain[7] = nil
        sharded[9_999] = 1
        plain[9_999] = 1
        #expect(sharded.count == plain.count && sharded[9_999] == 1 && sharded[7] == nil, "seed \(seed)")
    }
}
