import Testing
import TradingBacktest
import TradingCore
import TradingEngine
import TradingFarm
import TradingMarketData
import TradingTestSupport

@Suite("Bot timeframes")
struct TimeframeTests {
    @Test("A bot with a 15m timeframe decides only at 15-minute closes, and stays deterministic")
    func botDecidesOnItsTimeframe() throws {
        var configuration = FarmConfiguration.defaultFarm(bars: 6_000)
        for index in configuration.bots.indices { configuration.bots[index].timeframe = .minutes(15) }
        let result = try FarmRunner(configuration: configuration).run()
        let again = try FarmRunner(configuration: configuration).run()
        #expect(result.backtest.auditDigest == again.backtest.auditDigest)
        let quarter: Int64 = 15 * 60_000_000_000
        var entries = 0
        for bot in result.bots {
            #expect(bot.timeframe == .minutes(15))
            for decision in bot.decisions.elements where decision.action != .exit {
                entries += 1
                #expect(decision.time.nanoseconds % quarter == 0, "\(bot.name) decided at \(decision.time)")
            }
        }
        #expect(entries > 0)
        // The same farm on 1-minute decisions trades differently.
        let minutely = try FarmRunner(configuration: FarmConfiguration.defaultFarm(bars: 6_000)).run()
        #expect(minutely.bots.map(\.trades.count) != result.bots.map(\.trades.count))
    }

    @Test("farm.yaml: timeframe is read, and a bad one names its path")
    func yaml() throws {
        let good = try FarmConfiguration.parse(
            yaml: "bots:\n  - name: a\n    persona: strategic\n    capital: 0.5\n    timeframe: 4h\n",
            source: "farm.yaml"
        ) { _ in nil }
        #expect(good.bots[0].timeframe == .hours(4))
        do {
            _ = try FarmConfiguration.parse(
                yaml: "bots:\n  - name: a\n    persona: strategic\n    capital: 0.5\n    timeframe: 7x\n",
                source: "farm.yaml"
            ) { _ in nil }
            Issue.record("a bad timeframe was accepted")
        } catch {
            #expect(error.description.contains("farm.yaml: bots[0].timeframe: unknown timeframe '7x'"))
        }
    }
}

@Suite("User-defined personas")
struct CustomPersonaTests {
    static let yaml = """
        personas:
          steady_scalper: {base: scalper, greed: 0.05, panic: 0.05, fatigue_per_hour: 0.01, risk_tolerance: [0.3, 0.5], strategy: ema_cross, params: {fast: 5, slow: 20}}
        synthetic_bars: 4000
        bots:
          - name: steady
            persona: steady_scalper
            capital: 0.5
            risk: {stop_loss: 0.004}
          - name: plain
            persona: scalper
            capital: 0.5
        """

    @Test(
        "farm.yaml personas: a built-in base with changes, named in the leaderboard, and bots can still override risk"
    )
    func definesPersona() throws {
        let configuration = try FarmConfiguration.parse(yaml: Self.yaml, source: "farm.yaml") { _ in nil }
        let steady = configuration.bots[0].preset
        #expect(steady.persona == .scalper)
        #expect(steady.displayName == "steady_scalper")
        #expect(steady.greed == 0.05 && steady.panic == 0.05 && steady.fatiguePerHour == 0.01)
        #expect(steady.riskTolerance == 0.3...0.5 && steady.initialRiskTolerance == 0.5)
        #expect(steady.strategy == "ema_cross" && steady.parameters == ["fast": "5", "slow": "20"])
        #expect(steady.stopLoss == 0.004)
        #expect(steady.takeProfit == PersonaPreset.builtIn(.scalper).takeProfit)
        #expect(configuration.bots[1].preset.displayName == "scalper")

        let result = try FarmRunner(configuration: configuration).run()
        let board = Leaderboard(result)
        #expect(Set(board.standings.map(\.personaName)) == ["steady_scalper", "scalper"])
        // Lower greed and fatigue change how the scalper trades.
        let byName = Dictionary(uniqueKeysWithValues: result.bots.map { ($0.name, $0) })
        #expect(byName["steady"]?.trades != byName["plain"]?.trades)
    }

    @Test("Bad persona definitions are refused with their path")
    func errors() {
        func error(_ personas: String, persona: String = "mine") -> String {
            let yaml = "personas:\n  \(personas)\nbots:\n  - name: a\n    persona: \(persona)\n    capital: 0.5\n"
            do {
                _ = try FarmConfiguration.parse(yaml: yaml, source: "farm.yaml") { _ in nil }
                return ""
            } catch {
                return error.description
            }
        }
        #expect(error("mine: {greed: 0.5}").contains("farm.yaml: personas.mine.base: is required"))
        #expect(error("mine: {base: wizard}").contains("personas.mine.base: unknown persona 'wizard'"))
        #expect(error("mine: {base: newbie, panic: 3}").contains("personas.mine: panic must be within 0…1"))
        #expect(error("mine: {base: newbie, courage: 1}").contains("personas.mine.courage: unknown field"))
        #expect(error("newbie: {base: scalper}", persona: "newbie").contains("'newbie' is a built-in persona"))
        #expect(error("mine: {base: newbie}", persona: "yours").contains("unknown persona 'yours' (expected strategic"))
    }
}
