public import TradingCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A trader's psychological state: emotion, confidence, stress, fatigue and the streaks that move them.
///
/// Deterministic: it changes only through ``processTradeResult(pnl:capital:)`` and
/// ``observe(time:equity:volatilityRatio:)``, both pure functions of their inputs and the state.
/// It lives in the bot, so it is part of the engine's state and survives with it.
public struct TraderPsychology: Sendable, Hashable {
    public private(set) var emotion: EmotionalState = .calm
    public private(set) var confidence: Double = 0.5
    public private(set) var stress: Double = 0.1
    public private(set) var fatigue: Double = 0
    public private(set) var riskTolerance: Double
    public private(set) var winStreak = 0
    public private(set) var lossStreak = 0
    public private(set) var trades = 0
    public private(set) var wins = 0
    /// The bot's equity peak and current drawdown from it (fraction).
    public private(set) var peakEquity: Double = 0
    public private(set) var drawdown: Double = 0
    /// The UTC day of the current session, and when it started (nanoseconds).
    private var sessionDay: Int64 = .min
    private var sessionStart: Int64 = 0
    private var lastObserved: Int64 = .min
    /// The persona's numbers that move this state, copied once from its preset.
    private let traits: Traits

    /// The preset fields psychology reads: plain numbers, so a bar's update copies and retains nothing.
    struct Traits: Sendable, Hashable {
        let riskLow, riskHigh, initialRiskTolerance: Double
        let winSensitivity, lossSensitivity, confidenceFloor, greed, fatiguePerHour, panic: Double
        let mistakeProbability, learningRate: Double

        init(_ preset: PersonaPreset) {
            riskLow = preset.riskTolerance.lowerBound
            riskHigh = preset.riskTolerance.upperBound
            initialRiskTolerance = preset.initialRiskTolerance
            winSensitivity = preset.winSensitivity
            lossSensitivity = preset.lossSensitivity
            confidenceFloor = preset.confidenceFloor
            greed = preset.greed
            fatiguePerHour = preset.fatiguePerHour
            panic = preset.panic
            mistakeProbability = preset.mistakeProbability
            learningRate = preset.learningRate
        }
    }

    public init(preset: PersonaPreset) {
        traits = Traits(preset)
        riskTolerance = preset.initialRiskTolerance
    }

    /// The chance of a deliberate mistake now: the preset's, lowered by practice.
    public var mistakeProbability: Double {
        traits.mistakeProbability * exp(-traits.learningRate * Double(trades))
    }

    /// Proneness to panic now: practice calms a learner.
    public var panicProneness: Double {
        traits.panic * exp(-traits.learningRate * Double(trades) / 2)
    }

    /// A closed trade's result: wins lift confidence and ease stress; losses cut confidence (harder on a
    /// streak, never below the persona's floor) and add stress.
    public mutating func processTradeResult(pnl: Double, capital: Double) {
        let preset = traits
        let percent = capital > 0 ? abs(pnl) / capital * 100 : 0
        trades += 1
        if pnl > 0 {
            wins += 1
            winStreak += 1
            lossStreak = 0
            let lift = preset.winSensitivity * max(0.5, min(percent, 5)) * (1 + 0.15 * Double(min(winStreak - 1, 4)))
            confidence = min(1, confidence + min(lift, 0.25))
            stress = max(0, stress - 0.1 - 0.02 * min(percent, 5))
        } else {
            lossStreak += 1
            winStreak = 0
            let cut = preset.lossSensitivity * max(0.5, min(percent, 5)) * (1 + 0.25 * Double(min(lossStreak - 1, 4)))
            confidence = max(preset.confidenceFloor, confidence - min(cut, 0.35))
            stress = min(1, stress + (0.05 + 0.03 * min(percent, 5)) * (1 + panicProneness))
        }
        update()
    }

    /// The passage of time and the market: drawdown of the bot's equity raises stress, volatility above
    /// its norm (`volatilityRatio` > 1) too, and time in the session brings fatigue. A new UTC day starts
    /// a new session (rested).
    public mutating func observe(time: Timestamp, equity: Double, volatilityRatio: Double) {
        let preset = traits
        let now = time.nanoseconds
        let day = now >= 0 ? now / 86_400_000_000_000 : (now + 1) / 86_400_000_000_000 - 1
        if day != sessionDay {
            sessionDay = day
            sessionStart = now
            fatigue = 0
        }
        let hours = Double(now - sessionStart) / 3_600e9
        fatigue = min(1, hours * preset.fatiguePerHour)
        peakEquity = max(peakEquity, equity)
        drawdown = peakEquity > 0 ? max(0, (peakEquity - equity) / peakEquity) : 0
        // Stress drifts towards what drawdown and volatility justify, at most 5 % of the way per minute.
        let elapsedMinutes = lastObserved == .min ? 1 : min(60, Double(now - lastObserved) / 60e9)
        lastObserved = now
        let pressure = min(1, drawdown * 6 * (1 + panicProneness) + max(0, volatilityRatio - 1) * 0.3)
        let target = max(pressure, stress > pressure ? 0.1 : pressure)
        let pace = min(1, 0.05 * elapsedMinutes)
        stress = min(1, max(0, stress + (target - stress) * pace))
        update()
    }

    /// Re-derives the emotion and the risk-tolerance multiplier.
    private mutating func update() {
        let preset = traits
        if fatigue > 0.8 {
            emotion = .fatigued
        } else if stress > 0.8 {
            emotion = .panicked
        } else if stress > 0.55 {
            emotion = .fearful
        } else if winStreak >= 3 && confidence > 0.8 {
            emotion = .euphoric
        } else if confidence > 0.7 && preset.greed >= 0.3 && winStreak >= 1 {
            emotion = .greedy
        } else if confidence > 0.6 {
            emotion = .confident
        } else {
            emotion = .calm
        }
        let raw =
            preset.initialRiskTolerance + 0.4 * (confidence - 0.5) - 0.3 * stress - 0.2 * fatigue
            + 0.05 * preset.greed * Double(min(winStreak, 3))
        riskTolerance = min(preset.riskHigh, max(preset.riskLow, raw))
    }
}
