import Testing
import TradingCore
import TradingEngine
import TradingStrategies
import TradingTestSupport

@Suite("Strategy registry")
struct StrategyRegistryTests {
    @Test("lists the strategies by name with typed, documented parameters")
    func listing() throws {
        #expect(
            StrategyRegistry.all.map(\.name) == [
                "bollinger_reversion", "dca", "donchian_breakout", "ema_cross", "ensemble", "fibonacci_retracement",
                "grid",
                "macd_trend", "regime_adaptive", "rsi_reversion", "supertrend",
            ]
        )
        for descriptor in StrategyRegistry.all {
            #expect(!descriptor.summary.isEmpty)
            #expect(descriptor.parameters.allSatisfy { !$0.summary.isEmpty }, "\(descriptor.name)")
            #expect(throws: Never.self, "\(descriptor.name)'s defaults are valid") { try descriptor.values([:]) }
        }
        let ema = try StrategyRegistry.descriptor(named: "ema_cross")
        #expect(ema.parameters.map(\.name).prefix(2) == ["fast", "slow"])
        #expect(ema.parameters.allSatisfy { !$0.summary.isEmpty })
        let values = try ema.values([:])
        #expect(values.integer("fast") == 12 && values.integer("slow") == 26)
    }

    @Test(
        "rejects unknown names and bad values with a clear message",
        arguments: [
            (
                "nope", [String: String](),
                "unknown strategy 'nope'; available: bollinger_reversion, dca, donchian_breakout, ema_cross"
            ),
            (
                "ensemble", ["members": "macd_trend,astrology"],
                "expected a comma-separated list of bollinger_reversion, ema_cross, macd_trend"
            ),
            (
                "ensemble", ["members": "macd_trend,supertrend", "weights": "1,2,3"],
                "weights lists 3 values for 2 members"
            ),
            ("ensemble", ["weights": "1,-2,1"], "expected a comma-separated list of positive numbers"),
            ("macd_trend", ["zero_filter": "maybe"], "expected one of off, on"),
            (
                "fibonacci_retracement", ["entry": "0.786", "stop": "0.618"],
                "entry (0.786) must be a shallower retracement than stop (0.618)"
            ),
            ("dca", ["safety_orders": "20", "deviation": "0.1"], "below the base price"),
            ("grid", ["levels": "1"], "expected integer in 2...500"),
            ("dca", ["base": "0.1"], "would commit 208 % of equity; at most 98 %"),
            ("ema_cross", ["fast": "x"], "parameter 'fast': expected integer in 1...1000, got 'x'"),
            ("ema_cross", ["fast": "30", "slow": "20"], "fast (30) must be below slow (20)"),
            ("ema_cross", ["speed": "3"], "unknown parameter 'speed'"),
            ("ema_cross", ["mode": "sideways"], "expected one of long_only, long_short"),
            ("rsi_reversion", ["oversold": "60"], "oversold < exit < overbought"),
        ]
    )
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
        #expect(throws: StrategyParameterError.malformed("fast=6")) {
            try StrategyRegistry.assignments(["fast=5", "fast=6"])
        }
    }
}
