import Testing
import TradingCore
import TradingCosmos
import TradingTestSupport

@testable import TradingFarm

@Suite("Trader psychology and personas")
struct PsychologyTests {
    @Test("the built-in preset table lists one value per persona in every field, and every preset is valid")
    func presetTable() {
        #expect(PersonaPreset.builtInTable.isComplete)
        for persona in Persona.allCases {
            let preset = PersonaPreset.builtIn(persona)
            #expect(preset.persona == persona)
            #expect(preset.problems.isEmpty, "\(persona): \(preset.problems)")
        }
        #expect(PersonaPreset.builtIn(.newbie).signalDelayBars == 3)
        #expect(PersonaPreset.builtIn(.scalper).strategy == "rsi_reversion")
    }

    @Test("A strategic trader keeps confidence above 0.3 after losing trades; a newbie's falls faster")
    func confidenceAfterLosses() {
        var strategic = TraderProfile(preset: .builtIn(.strategic), seed: 1)
        var newbie = TraderProfile(preset: .builtIn(.newbie), seed: 1)
        strategic.processTradeResult(pnl: -200, capital: 10_000)
        newbie.processTradeResult(pnl: -200, capital: 10_000)
        #expect(strategic.psychology.confidence > 0.3)
        #expect(newbie.psychology.confidence < strategic.psychology.confidence)
        let strategicDrop = 0.5 - strategic.psychology.confidence
        let newbieDrop = 0.5 - newbie.psychology.confidence
        #expect(newbieDrop > 2 * strategicDrop)
        for _ in 0..<5 { strategic.processTradeResult(pnl: -500, capital: 10_000) }
        #expect(strategic.psychology.confidence >= 0.35)
        #expect(strategic.psychology.lossStreak == 6)
    }

    @Test("A winning streak makes an aggressive bot greedy and size up, within its persona's bounds")
    func greedSizesUp() {
        var aggressive = TraderProfile(preset: .builtIn(.aggressive), seed: 7)
        let before = aggressive.positionFraction()
        for _ in 0..<3 { aggressive.processTradeResult(pnl: 300, capital: 10_000) }
        #expect([EmotionalState.greedy, .euphoric].contains(aggressive.psychology.emotion))
        #expect(aggressive.positionFraction() > before)
        #expect(aggressive.positionFraction() <= aggressive.preset.maxPositionFraction)
        #expect(aggressive.preset.riskTolerance.contains(aggressive.psychology.riskTolerance))
        let target = aggressive.setTakeProfit(entry: 100, side: .buy)
        #expect(target > 100 * (1 + aggressive.preset.takeProfit))
    }

    @Test("Drawdown panics a newbie, who then cuts winners early and wants out of losers")
    func panickedNewbie() throws {
        var newbie = TraderProfile(preset: .builtIn(.newbie), seed: 3)
        let start = try Timestamp(parsing: "2024-01-01T00:00:00Z")
        newbie.observe(time: start, equity: 10_000, volatilityRatio: 1)
        for minute in 1...120 {
            newbie.observe(time: start + .seconds(Int64(minute) * 60), equity: 8_500, volatilityRatio: 2)
        }
        #expect(newbie.psychology.emotion == .panicked)
        let calm = TraderProfile(preset: .builtIn(.newbie), seed: 3)
        #expect(newbie.setTakeProfit(entry: 100, side: .buy) < calm.setTakeProfit(entry: 100, side: .buy))
        #expect(newbie.wantsToPanicSell(unrealizedReturn: -0.008))
        #expect(newbie.positionFraction() < calm.positionFraction())
    }

    @Test("A scalper tires over a session and is rested the next UTC day")
    func scalperFatigue() throws {
        var scalper = TraderProfile(preset: .builtIn(.scalper), seed: 5)
        let day = try Timestamp(parsing: "2024-01-01T00:00:00Z")
        scalper.observe(time: day, equity: 10_000, volatilityRatio: 1)
        scalper.observe(time: day + .seconds(14 * 3_600), equity: 10_000, volatilityRatio: 1)
        #expect(scalper.psychology.emotion == .fatigued)
        #expect(scalper.positionFraction() < TraderProfile(preset: .builtIn(.scalper), seed: 5).positionFraction())
        scalper.observe(time: day + .seconds(24 * 3_600 + 60), equity: 10_000, volatilityRatio: 1)
        #expect(scalper.psychology.fatigue < 0.01)
    }

    @Test("The newbie's mistakes follow its seed and become rarer with practice")
    func newbieMistakesAndLearning() {
        func mistakes(seed: UInt64, practised: Int) -> Int {
            var newbie = TraderProfile(preset: .builtIn(.newbie), seed: seed)
            for index in 0..<practised {
                newbie.processTradeResult(pnl: index.isMultiple(of: 2) ? 10 : -10, capital: 10_000)
            }
            return (0..<2_000).filter { _ in newbie.shouldEnterTrade(strength: 0.9).mistake }.count
        }
        let seed: UInt64 = 20_261_122
        print(
            "newbie mistakes seed \(seed): fresh \(mistakes(seed: seed, practised: 0)), after 100 trades \(mistakes(seed: seed, practised: 100))"
        )
        #expect(mistakes(seed: seed, practised: 0) == mistakes(seed: seed, practised: 0))
        #expect(mistakes(seed: seed, practised: 0) > 200)
        #expect(mistakes(seed: seed, practised: 100) < mistakes(seed: seed, practised: 0) / 3)
        var strategic = TraderProfile(preset: .builtIn(.strategic), seed: seed)
        #expect((0..<500).allSatisfy { _ in !strategic.shouldEnterTrade(strength: 0.9).mistake })
    }

    @Test("Only the cosmic persona reads cosmic factors, and its decision reports them")
    func cosmicOnlyForCosmic() throws {
        let time = try Timestamp(parsing: "2024-04-08T18:00:00Z")
        let influences = CosmicCalculator().influences(at: time)
        var cosmic = TraderProfile(preset: .builtIn(.cosmic), seed: 9)
        var strategic = TraderProfile(preset: .builtIn(.strategic), seed: 9)
        let withCosmic = cosmic.shouldEnterTrade(strength: 0.6, cosmic: influences)
        #expect(withCosmic.reason.contains("cosmic"))
        #expect(withCosmic.reason.contains("mercury retrograde"))
        #expect(abs(withCosmic.strength - (0.6 + 0.25 * influences.score)) < 1e-12)
        let plain = strategic.shouldEnterTrade(strength: 0.6, cosmic: influences)
        #expect(plain.strength == 0.6)
        #expect(!plain.reason.contains("cosmic"))
    }

    @Test("Every built-in preset is valid; a bad override names its field")
    func presets() {
        for persona in Persona.allCases { #expect(PersonaPreset.builtIn(persona).problems.isEmpty, "\(persona)") }
        var bad = PersonaPreset.builtIn(.strategic)
        bad.riskTolerance = 0.2...1.4
        #expect(bad.problems.contains { $0.contains("risk_tolerance") })
    }
}
