import Testing
import TradingCore
import TradingEngine
import TradingStrategies
import TradingTestSupport

@Suite("Strategy registry")
struct StrategyRegistryTests {
    @Test("lists the strategies by name with typed, documented parameters")
    func listing() throws {
        #expect(StrategyRegistry.all.map(\.name) == ["donchian_breakout", "ema_cross", "rsi_reversion"])
        let ema = try StrategyRegistry.descriptor(named: "ema_cross")
        #expect(ema.parameters.map(\.name).prefix(2) == ["fast", "slow"])
        #expect(ema.parameters.allSatisfy { !$0.summary.isEmpty })
        let values = try ema.values([:])
        #expect(values.integer("fast") == 12 && values.integer("slow") == 26)
    }

    @Test(
        "rejects unknown names and bad values with a clear message",
        arguments: [
            ("nope", [String: String](), "unknown strategy 'nope'; available: donchian_breakout, ema_cross, rsi_reversion"),
            ("ema_cross", ["fast": "x"], "parameter 'fast': expected integer in 1...1000, got 'x'"),
            ("ema_cross", ["fast": "30", "slow": "20"], "fast (30) must be below slow (20)"),
            ("ema_cross", ["speed": "3"], "unknown parameter 'speed'"),
            ("ema_cross", ["mode": "sideways"], "expected one of long_only, long_short"),
            ("rsi_reversion", ["oversold": "60"], "oversold < exit < overbought"),
        ])
    func errors(name: String, assignments: [String: String], message: String) {
        do {
            _ = try StrategyRegistry.descriptor(named: name).values(assignments)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    @Test("parses key=value assignments and refuses malformed ones")
    func assignments() throws {
        #expect(try StrategyRegistry.assignments(["fast=5", " slow = 35 "]) == ["fast": "5", "slow": "35"])
        #expect(throws: StrategyParameterError.malformed("fast")) { try StrategyRegistry.assignments(["fast"]) }
        #expect(throws: StrategyParameterError.malformed("fast=6")) { try StrategyRegistry.assignments(["fast=5", "fast=6"]) }
    }
}
