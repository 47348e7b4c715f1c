import TradingBacktest
public import TradingCore
public import TradingCosmos
import TradingReports

/// The classic trader-profile steps as API: ``shouldEnterTrade(strength:momentum:cosmic:)``,
/// ``determinePositionSize(equity:price:)``, ``setStopLoss(entry:side:volatility:)``,
/// ``setTakeProfit(entry:side:)`` and ``processTradeResult(pnl:capital:)``.
///
/// A profile is a persona preset, its psychology and a seeded generator for the persona's deliberate
/// randomness (the newbie's mistakes and holding times), so the same inputs give the same decisions.
public struct TraderProfile: Sendable {
    public let preset: PersonaPreset
    public private(set) var psychology: TraderPsychology
    private var random: SeededGenerator

    public init(preset: PersonaPreset, seed: UInt64) {
        self.preset = preset
        psychology = TraderPsychology(preset: preset)
        random = SeededGenerator(seed: seed)
    }

    /// The answer to "should I enter?", with the reason the bot reports.
    public struct EntryDecision: Sendable, Hashable {
        public let enter: Bool
        /// A deliberate mistake (the newbie's): the decision is the opposite of the rule's.
        public let mistake: Bool
        /// The threshold the strength was compared with, after mood and cosmic factors.
        public let threshold: Double
        /// The strength after cosmic factors.
        public let strength: Double
        public let reason: String
    }

    /// Whether to act on a signal of `strength` (0…1). Mood shifts the threshold; the cosmic persona adds
    /// its reading of `cosmic`; a FOMO-prone trader chases a strong move (`momentum`, in standard
    /// deviations, in the signal's direction) even on a weak signal; a newbie sometimes errs on purpose.
    public mutating func shouldEnterTrade(
        strength: Double,
        momentum: Double = 0,
        cosmic: CosmicInfluences? = nil
    )
        -> EntryDecision
    {
        var adjusted = strength
        var notes: [String] = []
        if let cosmic, preset.cosmicWeight > 0 {
            let shift = 0.25 * preset.cosmicWeight * cosmic.score
            adjusted += shift
            notes.append(
                "cosmic \(Self.signed(shift)) (moon \(cosmic.moonPhase.rawValue), mercury \(cosmic.mercuryRetrograde ? "retrograde" : "direct"), sentiment \(Int(cosmic.sentiment.rounded())))"
            )
        }
        let threshold = min(
            0.95,
            max(
                0.05,
                preset.entryThreshold + psychology.emotion.thresholdShift
                    - 0.1 * (psychology.confidence - 0.5) + 0.1 * psychology.stress
            )
        )
        var enter = adjusted >= threshold
        if !enter && preset.fomo > 0 && momentum > 2 && random.nextUnit() < preset.fomo * 0.5 {
            enter = true
            notes.append("fomo: chasing a \(Self.signed(momentum))σ move")
        }
        var mistake = false
        let chance = psychology.mistakeProbability
        if chance > 0 && random.nextUnit() < chance {
            mistake = true
            enter.toggle()
            notes.append("mistake (chance \(Self.format(chance)))")
        }
        let verdict = enter ? "enter" : "skip"
        let reason =
            "\(verdict): strength \(Self.format(adjusted)) vs threshold \(Self.format(threshold)) (\(psychology.emotion.rawValue))"
            + (notes.isEmpty ? "" : "; " + notes.joined(separator: "; "))
        return EntryDecision(enter: enter, mistake: mistake, threshold: threshold, strength: adjusted, reason: reason)
    }

    /// The share of the bot's equity to put in a new position: the persona's maximum, times the current
    /// risk tolerance, times the emotion's multiplier, never above the maximum nor 1. The risk engine's
    /// limits still apply to the order.
    public func positionFraction() -> Double {
        min(
            preset.maxPositionFraction,
            min(
                1,
                preset.maxPositionFraction * psychology.riskTolerance / preset.riskTolerance.upperBound
                    * psychology.emotion.sizeMultiplier
            )
        )
    }

    /// The base quantity for a new position at `price` with `equity` to draw on.
    public func determinePositionSize(equity: Double, price: Double) -> Double {
        guard price > 0, equity > 0 else { return 0 }
        return equity * positionFraction() / price
    }

    /// Leverage for a perpetual: from 1 at the bottom of the risk band to the persona's maximum at the top,
    /// capped by the instrument's.
    public func determineLeverage(instrumentMaximum: Double) -> Double {
        let band = preset.riskTolerance
        let position =
            band.upperBound > band.lowerBound
            ? (psychology.riskTolerance - band.lowerBound) / (band.upperBound - band.lowerBound) : 0.5
        return min(instrumentMaximum, max(1, 1 + (preset.maxLeverage - 1) * position))
    }

    /// The stop-loss price: the persona's distance, widened to 1.5 × the recent volatility (a fraction of
    /// price per bar, scaled to the holding horizon by the caller), tightened by stress.
    public func setStopLoss(entry: Double, side: OrderSide, volatility: Double) -> Double {
        let distance = stopDistance(volatility: volatility)
        return side == .buy ? entry * (1 - distance) : entry * (1 + distance)
    }

    /// The stop-loss distance as a fraction of the entry price (``setStopLoss(entry:side:volatility:)``).
    public func stopDistance(volatility: Double) -> Double {
        max(preset.stopLoss, 1.5 * volatility) * (1 - 0.3 * psychology.stress)
    }

    /// The take-profit price: the persona's distance scaled by the emotion (a panicked trader cuts winners
    /// early, a greedy one lets them run) and by greed on a winning streak.
    public func setTakeProfit(entry: Double, side: OrderSide) -> Double {
        let distance = takeProfitDistance()
        return side == .buy ? entry * (1 + distance) : entry * (1 - distance)
    }

    /// The take-profit distance as a fraction of the entry price (``setTakeProfit(entry:side:)``).
    public func takeProfitDistance() -> Double {
        let streak = Double(min(psychology.winStreak, 3)) / 3
        return preset.takeProfit * psychology.emotion.targetMultiplier * (1 + 0.5 * preset.greed * streak)
    }

    /// The longest to hold the next position, in minutes (`nil`: no limit). The newbie draws it at random
    /// (seeded) from its band; the others hold up to the band's top.
    public mutating func holdingLimit() -> Int? {
        guard let band = preset.holdingMinutes else { return nil }
        guard preset.persona == .newbie else { return band.upperBound }
        return band.lowerBound + Int(random.nextUnit() * Double(band.upperBound - band.lowerBound))
    }

    /// Whether fear makes the trader close a losing position now, before its stop.
    @inline(__always)
    public func wantsToPanicSell(unrealizedReturn: Double) -> Bool {
        unrealizedReturn < -preset.stopLoss / 2 && psychology.emotion == .panicked
            && psychology.panicProneness > 0.3
    }

    /// A closed trade's result feeds the psychology.
    public mutating func processTradeResult(pnl: Double, capital: Double) {
        psychology.processTradeResult(pnl: pnl, capital: capital)
    }

    /// Time, equity and volatility feed the psychology.
    public mutating func observe(time: Timestamp, equity: Double, volatilityRatio: Double) {
        psychology.observe(time: time, equity: equity, volatilityRatio: volatilityRatio)
    }

    static func format(_ value: Double) -> String { DisplayFormat.fixed2(value) }

    static func signed(_ value: Double) -> String { (value >= 0 ? "+" : "") + format(value) }
}
