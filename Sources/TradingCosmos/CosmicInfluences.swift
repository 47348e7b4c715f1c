public import TradingCore

/// The cosmic factors at one instant, computed offline from the time (and the optional input series).
public struct CosmicInfluences: Sendable, Hashable {
    public let time: Timestamp
    /// Illuminated fraction of the Moon's disk, 0…1.
    public let moonIllumination: Double
    public let moonPhase: MoonPhaseName
    /// Elongation of the Moon from the Sun, degrees [0, 360).
    public let moonElongation: Double
    public let mercuryRetrograde: Bool
    /// Schumann fundamental, hertz.
    public let schumannHz: Double
    /// Fear-and-greed scale, 0…100.
    public let sentiment: Double

    /// The cosmic persona's reading of these factors, in [−1, 1]: positive leans it towards taking a
    /// trade, negative away. The model (documented in docs/farm.md):
    /// - Moon: waxing (new to full) adds up to +0.3 by `sin(elongation)`, waning takes it away;
    /// - Mercury retrograde: −0.3 (communication breaks down; trade less);
    /// - Schumann above its base: up to +0.1 per 0.15 Hz (heightened intuition);
    /// - sentiment, contrarian: fear adds and greed subtracts up to 0.3.
    public var score: Double {
        let moon = 0.3 * sinDegrees(moonElongation)
        let mercury = mercuryRetrograde ? -0.3 : 0
        let schumann =
            0.1 * max(-1, min(1, (schumannHz - SchumannResonance.baseFrequency) / SchumannResonance.dailyAmplitude))
        let crowd = 0.3 * (MarketSentiment.neutral - sentiment) / MarketSentiment.neutral
        return max(-1, min(1, moon + mercury + schumann + crowd))
    }
}

/// Computes ``CosmicInfluences`` for any time.
public struct CosmicCalculator: Sendable, Hashable {
    public var schumann: SchumannResonance
    public var sentiment: MarketSentiment

    public init(schumann: SchumannResonance = SchumannResonance(), sentiment: MarketSentiment = MarketSentiment()) {
        self.schumann = schumann
        self.sentiment = sentiment
    }

    public func influences(at time: Timestamp) -> CosmicInfluences {
        let elongation = MoonPhases.elongation(at: time)
        return CosmicInfluences(
            time: time,
            moonIllumination: (1 - cosDegrees(elongation)) / 2,
            moonPhase: MoonPhases.phaseName(elongation: elongation),
            moonElongation: elongation,
            mercuryRetrograde: MercuryRetrograde.isRetrograde(at: time),
            schumannHz: schumann.frequency(at: time),
            sentiment: sentiment.value(at: time)
        )
    }
}
