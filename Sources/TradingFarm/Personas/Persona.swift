public import TradingMarketData

/// The built-in trader personas. Each is a documented preset (``PersonaPreset``) plus behaviour in
/// ``TraderProfile``; users define their own in `farm.yaml` by overriding a preset's fields.
public enum Persona: String, Sendable, Hashable, CaseIterable, Codable {
    case strategic, aggressive, scalper, newbie, cosmic, fibonacci
}

/// How a persona enters: at the market (taker fee), or with a post-only limit order that rests at the decision
/// bar's close, less an offset, and is cancelled when it has not filled within a few bars (maker fee; its
/// take-profit rests as a limit order too).
public enum EntryOrder: String, Sendable, Hashable, CaseIterable {
    case market
    case postOnly = "post_only"
}

/// A persona's character in numbers: what it trades, how much risk it takes and how its mood moves.
public struct PersonaPreset: Sendable, Hashable {
    public var persona: Persona
    /// The signal strategy (a ``TradingStrategies/SignalSource`` name) and its parameters.
    public var strategy: String
    public var parameters: [String: String]
    /// The band the risk-tolerance multiplier moves in, and where it starts.
    public var riskTolerance: ClosedRange<Double>
    public var initialRiskTolerance: Double
    /// The largest share of the bot's equity one position may take, at full risk tolerance.
    public var maxPositionFraction: Double
    /// Stop-loss and take-profit distances as fractions of the entry price, before mood adjusts them.
    public var stopLoss: Double
    public var takeProfit: Double
    /// The longest a position is held, in minutes (`nil`: no limit); a random hold between the two for
    /// the newbie.
    public var holdingMinutes: ClosedRange<Int>?
    /// Signal strength (0…1) needed to enter when calm.
    public var entryThreshold: Double
    /// How hard wins lift and losses cut confidence (per 1 % of capital won or lost).
    public var winSensitivity: Double
    public var lossSensitivity: Double
    /// Confidence never drops below this through losses alone.
    public var confidenceFloor: Double
    /// Greed: how much a winning streak lifts size and targets; prone to overtrading when high.
    public var greed: Double
    /// Fatigue gained per hour of session.
    public var fatiguePerHour: Double
    /// Proneness to fear of missing out and to panic.
    public var fomo: Double
    public var panic: Double
    /// Chance of a deliberate mistake per decision at the start, and how fast practice lowers it.
    public var mistakeProbability: Double
    public var learningRate: Double
    /// How much the cosmic factors weigh in its decisions (0 for all but the cosmic persona).
    public var cosmicWeight: Double
    /// Largest leverage it uses on perpetuals, at full risk tolerance.
    public var maxLeverage: Double
    /// Bars it waits before acting on a signal (the newbie follows signals late).
    public var signalDelayBars = 0
    /// The bar length it decides on, when the data's bars build it (`nil`: the data's bars); a bot's own
    /// `timeframe` overrides it.
    public var timeframe: Timeframe?
    /// Market entries, or post-only limit entries at the maker fee.
    public var entryOrder: EntryOrder = .market
    /// The name of a user-defined persona (`farm.yaml` `personas:`); `nil` for a built-in one.
    public var customName: String?

    /// The persona's name as shown: the user's name for their own, else the built-in's.
    public var displayName: String { customName ?? persona.rawValue }

    /// The built-in preset for `persona` (``builtInTable``; the table in docs/farm.md).
    public static func builtIn(_ persona: Persona) -> PersonaPreset { builtInTable.preset(persona) }

    /// The built-in presets: one line per field, one column per persona, in ``Persona`` order (aligned by
    /// hand, so the formatter leaves it alone).
    // swift-format-ignore
    public static let builtInTable = PresetTable(
        //                  strategic     aggressive          scalper          newbie        cosmic        fibonacci
        strategy:          ["ema_cross", "donchian_breakout", "rsi_reversion", "ema_cross", "ema_cross", "fibonacci_retracement"],
        timeframe:         [.hours(1),   .minutes(15),        .minutes(1),     .minutes(5),  .minutes(15), .hours(1)],
        entryOrder:        [.market,     .market,             .postOnly,       .market,      .market,      .market],
        parameters: [
            ["fast": "12", "slow": "48"], ["entry": "20", "exit": "10"],
            ["period": "14", "oversold": "20", "overbought": "80", "exit": "50"], ["fast": "30", "slow": "90"],
            ["fast": "21", "slow": "55"], [:],
        ],
        riskTolerance:        [0.4...0.6,   0.7...0.9,   0.5...0.8,   0.3...0.9,   0.4...0.8,   0.4...0.7],
        initialRiskTolerance: [0.5,         0.8,         0.65,        0.6,         0.6,         0.55],
        maxPositionFraction:  [0.5,         0.9,         0.6,         0.8,         0.6,         0.5],
        stopLoss:             [0.04,        0.025,       0.003,       0.01,        0.02,        0.03],
        takeProfit:           [0.12,        0.06,        0.004,       0.015,       0.04,        0.06],
        holdingMinutes:       [720...14_400, 60...1_440, 1...30,      1...1_440,   60...2_880,  nil],
        entryThreshold:       [0.55,        0.35,        0.45,        0.5,         0.5,         0.45],
        winSensitivity:       [0.04,        0.08,        0.05,        0.12,        0.06,        0.05],
        lossSensitivity:      [0.05,        0.06,        0.05,        0.2,         0.06,        0.05],
        confidenceFloor:      [0.35,        0.2,         0.25,        0.05,        0.2,         0.25],
        greed:                [0.1,         0.7,         0.2,         0.4,         0.2,         0.1],
        fatiguePerHour:       [0.005,       0.01,        0.06,        0.02,        0.01,        0.005],
        fomo:                 [0.05,        0.4,         0.1,         0.8,         0.2,         0.05],
        panic:                [0.1,         0.2,         0.2,         0.8,         0.3,         0.1],
        mistakeProbability:   [0,           0,           0,           0.15,        0,           0],
        learningRate:         [0,           0,           0,           0.02,        0,           0],
        cosmicWeight:         [0,           0,           0,           0,           1,           0],
        maxLeverage:          [2,           5,           3,           3,           3,           2],
        signalDelayBars:      [0,           0,           0,           3,           0,           0])

    /// Problems with the preset's numbers, each naming its field (for configuration errors).
    public var problems: [String] {
        var problems: [String] = []
        func unit(_ value: Double, _ name: String) {
            if !(0...1).contains(value) { problems.append("\(name) must be within 0…1, got \(value)") }
        }
        unit(riskTolerance.lowerBound, "risk_tolerance")
        unit(riskTolerance.upperBound, "risk_tolerance")
        if !riskTolerance.contains(initialRiskTolerance) {
            problems.append("initial_risk_tolerance \(initialRiskTolerance) is outside risk_tolerance \(riskTolerance)")
        }
        unit(maxPositionFraction, "max_position_fraction")
        if !(stopLoss > 0 && stopLoss < 1) { problems.append("stop_loss must be within (0, 1), got \(stopLoss)") }
        if !(takeProfit > 0 && takeProfit < 10) {
            problems.append("take_profit must be within (0, 10), got \(takeProfit)")
        }
        unit(entryThreshold, "entry_threshold")
        unit(confidenceFloor, "confidence_floor")
        unit(mistakeProbability, "mistake_probability")
        unit(greed, "greed")
        unit(fomo, "fomo")
        unit(panic, "panic")
        unit(cosmicWeight, "cosmic_weight")
        for (value, name) in [
            (winSensitivity, "win_sensitivity"), (lossSensitivity, "loss_sensitivity"),
            (fatiguePerHour, "fatigue_per_hour"), (learningRate, "learning_rate"),
        ]
        where !(value >= 0 && value <= 10) {
            problems.append("\(name) must be within 0…10, got \(value)")
        }
        if maxLeverage < 1 || maxLeverage > 125 {
            problems.append("max_leverage must be within 1…125, got \(maxLeverage)")
        }
        if let holding = holdingMinutes, holding.lowerBound < 1 {
            problems.append("holding_minutes must be at least 1")
        }
        if !(0...1_000).contains(signalDelayBars) { problems.append("signal_delay_bars must be within 0…1000") }
        return problems
    }
}

/// Presets side by side: each field lists one value per persona, in ``Persona`` order, so that the table
/// reads like the one in docs/farm.md and a change to one persona is one cell.
public struct PresetTable: Sendable {
    let strategy: [String]
    let timeframe: [Timeframe?]
    let entryOrder: [EntryOrder]
    let parameters: [[String: String]]
    let riskTolerance: [ClosedRange<Double>]
    let initialRiskTolerance: [Double]
    let maxPositionFraction: [Double]
    let stopLoss: [Double]
    let takeProfit: [Double]
    let holdingMinutes: [ClosedRange<Int>?]
    let entryThreshold: [Double]
    let winSensitivity: [Double]
    let lossSensitivity: [Double]
    let confidenceFloor: [Double]
    let greed: [Double]
    let fatiguePerHour: [Double]
    let fomo: [Double]
    let panic: [Double]
    let mistakeProbability: [Double]
    let learningRate: [Double]
    let cosmicWeight: [Double]
    let maxLeverage: [Double]
    let signalDelayBars: [Int]

    /// The column of `persona`.
    func preset(_ persona: Persona) -> PersonaPreset {
        // Every field lists one value per persona (checked by `PsychologyTests`).
        let column = Persona.allCases.firstIndex(of: persona) ?? 0
        return PersonaPreset(
            persona: persona,
            strategy: strategy[column],
            parameters: parameters[column],
            riskTolerance: riskTolerance[column],
            initialRiskTolerance: initialRiskTolerance[column],
            maxPositionFraction: maxPositionFraction[column],
            stopLoss: stopLoss[column],
            takeProfit: takeProfit[column],
            holdingMinutes: holdingMinutes[column],
            entryThreshold: entryThreshold[column],
            winSensitivity: winSensitivity[column],
            lossSensitivity: lossSensitivity[column],
            confidenceFloor: confidenceFloor[column],
            greed: greed[column],
            fatiguePerHour: fatiguePerHour[column],
            fomo: fomo[column],
            panic: panic[column],
            mistakeProbability: mistakeProbability[column],
            learningRate: learningRate[column],
            cosmicWeight: cosmicWeight[column],
            maxLeverage: maxLeverage[column],
            signalDelayBars: signalDelayBars[column],
            timeframe: timeframe[column],
            entryOrder: entryOrder[column]
        )
    }

    /// Whether every field has one value per persona.
    var isComplete: Bool {
        var counts: [Int] = [
            strategy.count, timeframe.count, entryOrder.count, parameters.count, riskTolerance.count,
            initialRiskTolerance.count,
        ]
        counts += [maxPositionFraction.count, stopLoss.count, takeProfit.count, holdingMinutes.count]
        counts += [entryThreshold.count, winSensitivity.count, lossSensitivity.count, confidenceFloor.count]
        counts += [greed.count, fatiguePerHour.count, fomo.count, panic.count, mistakeProbability.count]
        counts += [learningRate.count, cosmicWeight.count, maxLeverage.count, signalDelayBars.count]
        return counts.allSatisfy { $0 == Persona.allCases.count }
    }
}
