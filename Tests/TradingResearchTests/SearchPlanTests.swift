import Testing
import TradingResearch
import TradingStrategies

@Suite("Search plans")
struct SearchPlanTests {
    let emaCross = try! StrategyRegistry.descriptor(named: "ema_cross")

    @Test("ranges, lists and choices parse into values")
    func dimensions() throws {
        #expect(
            try ParameterDimension(parsing: "fast=5..30:5", strategy: emaCross).values
                == .list(["5", "10", "15", "20", "25", "30"])
        )
        #expect(try ParameterDimension(parsing: "fast=5..8", strategy: emaCross).values == .list(["5", "6", "7", "8"]))
        #expect(try ParameterDimension(parsing: "fast=3,5,8", strategy: emaCross).count == 3)
        #expect(
            try ParameterDimension(parsing: "stop_loss=0.01..0.03:0.01", strategy: emaCross).values
                == .list(["0.01", "0.02", "0.03"])
        )
        #expect(
            try ParameterDimension(parsing: "stop_loss=0.01..0.05", strategy: emaCross).values
                == .continuous(0.01...0.05)
        )
        #expect(try ParameterDimension(parsing: "mode=long_only,long_short", strategy: emaCross).count == 2)
    }

    @Test(
        "bad dimensions name the text and what is wrong",
        arguments: [
            ("speed=1..5", "ema_cross has no parameter 'speed'; its parameters are fast, slow"),
            ("fast=1..5:0.5", "fast is an integer"),
            ("fast=0..5", "fast must stay within 1...1000"),
            ("fast=9..5", "LOW ≤ HIGH"),
            ("fast=5..9:-1", "the step must be a positive number"),
            ("mode=1..3", "mode is a choice; list values: long_only,long_short"),
            ("mode=sideways", "'sideways' is not one of long_only, long_short"),
            ("fast", "expected name=range"),
            // Found by FuzzOptions: bounds and steps past Int's range were converted with a trap.
            ("fast=2..288888888888888888881:1", "fast is an integer"),
            ("fast=1..5:1e300", "fast is an integer"),
            ("fast=1..inf", "fast is an integer"),
            ("fast=1..5:nan", "the step must be a positive number"),
            ("fast=1..5:inf", "the step must be a positive number"),
            ("stop_loss=0.01..0.05:1e-300", "more than 100000 values"),
            ("stop_loss=0.01..0.05:0.0000001", "more than 100000 values"),
        ]
    )
    func badDimensions(text: String, message: String) {
        do {
            _ = try ParameterDimension(parsing: text, strategy: emaCross)
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.description.hasPrefix("'\(text)'"))
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    @Test("a grid runs every combination in odometer order and skips what the strategy refuses")
    func grid() throws {
        let plan = try SearchPlan(
            strategy: emaCross,
            dimensions: [
                try ParameterDimension(parsing: "fast=5..20:5", strategy: emaCross),
                try ParameterDimension(parsing: "slow=10..30:10", strategy: emaCross),
            ],
            fixed: ["mode": "long_short"],
            mode: .grid
        )
        let (candidates, refused) = plan.candidates()
        // 4 × 3 = 12 combinations; fast ≥ slow is refused for (10,10), (15,10), (20,10), (20,20).
        #expect(candidates.count == 8)
        #expect(refused == 4)
        #expect(
            candidates.map(\.searched) == [
                ["5", "10"], ["5", "20"], ["5", "30"], ["10", "20"], ["10", "30"], ["15", "20"], ["15", "30"],
                ["20", "30"],
            ]
        )
        #expect(candidates.map(\.index) == Array(0..<8))
        #expect(candidates.allSatisfy { $0.values.choice("mode") == "long_short" })
    }

    @Test("random search is reproducible from its seed, distinct, and within the ranges")
    func random() throws {
        let dimensions = [
            try ParameterDimension(parsing: "fast=2..40", strategy: emaCross),
            try ParameterDimension(parsing: "slow=20..200", strategy: emaCross),
            try ParameterDimension(parsing: "stop_loss=0.01..0.05", strategy: emaCross),
        ]
        func draw(_ seed: UInt64) throws -> [[String]] {
            try SearchPlan(strategy: emaCross, dimensions: dimensions, fixed: [:], mode: .random(count: 50, seed: seed))
                .candidates().candidates.map(\.searched)
        }
        let first = try draw(7)
        #expect(first == (try draw(7)))
        #expect(first != (try draw(8)))
        #expect(first.count == 50)
        #expect(Set(first).count == 50)
        for set in first {
            let fast = Int(set[0])!
            let slow = Int(set[1])!
            let stop = Double(set[2])!
            #expect((2...40).contains(fast) && (20...200).contains(slow) && fast < slow && (0.01...0.05).contains(stop))
        }
    }

    @Test("a grid needs steps, a parameter is searched once and not also fixed")
    func planErrors() throws {
        let continuous = try ParameterDimension(parsing: "stop_loss=0.01..0.05", strategy: emaCross)
        #expect(throws: SearchSpecError.self) {
            try SearchPlan(strategy: emaCross, dimensions: [continuous], fixed: [:], mode: .grid)
        }
        let fast = try ParameterDimension(parsing: "fast=5..9", strategy: emaCross)
        #expect(throws: SearchSpecError.self) {
            try SearchPlan(strategy: emaCross, dimensions: [fast, fast], fixed: [:], mode: .grid)
        }
        #expect(throws: SearchSpecError.self) {
            try SearchPlan(strategy: emaCross, dimensions: [fast], fixed: ["fast": "5"], mode: .grid)
        }
    }
}
