import Testing
import TradingBacktest
import TradingCore
import TradingEngine
import TradingFarm
import TradingTestSupport
import TradingMarketData

@Suite("Bot timeframes")
struct TimeframeTests {
    @Test("1-minute bars make 15-minute bars: first open, high, low, last close, summed volume, at the bucket's end")
    func aggregates() throws {
        var aggregator = BarAggregator(timeframe: .minutes(15))
        var completed: [Bar] = []
        // Minutes 3…47: the first bucket is partial (starts at minute 3), then two whole ones; 45…47 stay open.
        for minute in 3..<48 {
            let price = 100 + minute
            let bar = Fixtures.bar(
                minute, open: "\(price)", high: "\(price + 2)", low: "\(price - 1)", close: "\(price + 1)", volume: "\(minute)")
            let result = aggregator.add(bar)
            #expect(result.late == nil)
            if let done = result.current { completed.append(done) }
        }
        #expect(completed.count == 3)
        let start = Fixtures.bar(0, open: "1", high: "1", low: "1", close: "1").openTime
        let second = completed[1]
        #expect(second.openTime == start + .seconds(15 * 60))
        #expect(second.closeTime == start + .seconds(30 * 60))
        #expect(second.open == Fixtures.price("115"))
        #expect(second.high == Fixtures.price("131"))
        #expect(second.low == Fixtures.price("114"))
        #expect(second.close == Fixtures.price("130"))
        #expect(second.volume == Fixtures.quantity("\((15..<30).reduce(0, +))"))
        #expect(completed[0].open == Fixtures.price("103"))
        #expect(completed[0].volume == Fixtures.quantity("\((3..<15).reduce(0, +))"))

        // Bars as long as the timeframe pass through as they are.
        var hourly = BarAggregator(timeframe: .hours(1))
        let hour = Fixtures.bar(60, open: "10", high: "12", low: "9", close: "11", minutes: 60)
        #expect(hourly.add(hour).current == hour)

        // A gap: minutes 45…47 of the open bucket, then nothing until minute 75. The unfinished bucket comes
        // out late, with what it had; minute 75 starts another.
        let resumed = aggregator.add(Fixtures.bar(75, open: "200", high: "201", low: "199", close: "200"))
        let late = try #require(resumed.late)
        #expect(resumed.current == nil)
        #expect(late.openTime == start + .seconds(45 * 60) && late.closeTime == start + .seconds(60 * 60))
        #expect(late.open == Fixtures.price("145") && late.close == Fixtures.price("148"))
        #expect(late.high == Fixtures.price("149") && late.low == Fixtures.price("144"))
        #expect(late.volume == Fixtures.quantity("\(45 + 46 + 47)"))
    }

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
            yaml: "bots:\n  - name: a\n    persona: strategic\n    capital: 0.5\n    timeframe: 4h\n", source: "farm.yaml") { _ in nil }
        #expect(good.bots[0].timeframe == .hours(4))
        do {
            _ = try FarmConfiguration.parse(
                yaml: "bots:\n  - name: a\n    persona: strategic\n    capital: 0.5\n    timeframe: 7x\n", source: "farm.yaml") { _ in nil }
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

    @Test("farm.yaml personas: a built-in base with changes, named in the leaderboard, and bots can still override risk")
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
