/// A trader's dominant emotion, derived from its confidence, stress, fatigue and streaks.
public enum EmotionalState: String, Sendable, Hashable, CaseIterable, Codable {
    case calm, confident, greedy, fearful, euphoric, panicked, fatigued

    /// How the emotion scales position size (before the persona's bounds and the risk engine's limits).
    public var sizeMultiplier: Double {
        switch self {
        case .calm: 1.0
        case .confident: 1.15
        case .greedy: 1.25
        case .euphoric: 1.35
        case .fearful: 0.7
        case .panicked: 0.4
        case .fatigued: 0.6
        }
    }

    /// How the emotion scales the take-profit distance: a panicked trader cuts winners early, a greedy
    /// one lets them run.
    public var targetMultiplier: Double {
        switch self {
        case .calm, .confident: 1.0
        case .greedy: 1.3
        case .euphoric: 1.5
        case .fearful: 0.75
        case .panicked: 0.5
        case .fatigued: 0.8
        }
    }

    /// What it adds to the signal strength needed to enter.
    public var thresholdShift: Double {
        switch self {
        case .calm: 0
        case .confident: -0.05
        case .greedy: -0.1
        case .euphoric: -0.15
        case .fearful: 0.15
        case .panicked: 0.3
        case .fatigued: 0.1
        }
    }
}
