import TradingCore
import TradingEngine
import TradingIndicators

/// Combines member signal models. Each member holds a view (+1 long, −1 short, 0 flat) that its stances
/// move; the ensemble takes a position when the members agree:
/// - `vote`: the weighted mean view is above `threshold` (long) or below −`threshold` (short);
/// - `majority`: more than half the members (by count) are long, or short;
/// - `unanimous`: every member is long, or every member is short.
/// Otherwise it is flat. It acts only when the combined view changes.
struct EnsembleModel: SignalModel {
    enum Rule: String, CaseIterable {
        case vote
        case majority
        case unanimous
    }

    private var members: [any SignalModel]
    private var views: [Double]
    private let weights: [Double]
    private let rule: Rule
    private let threshold: Double
    private var combined: Stance.Target?

    init(_ values: ParameterValues) {
        let names = values.list("members")
        members = names.map(SignalCatalog.model)
        views = Array(repeating: 0, count: names.count)
        let given = values.list("weights").compactMap(Double.init)
        weights = given.count == names.count ? given : Array(repeating: 1, count: names.count)
        rule = Rule(rawValue: values.choice("rule")) ?? .vote
        threshold = values.decimal("threshold")
    }

    mutating func update(_ candle: Candle) -> Stance? {
        for index in members.indices {
            guard let stance = members[index].update(candle) else { continue }
            switch stance.target {
            case .long: views[index] = 1
            case .short: views[index] = -1
            case .flat: views[index] = 0
            case .exitLong: if views[index] > 0 { views[index] = 0 }
            case .exitShort: if views[index] < 0 { views[index] = 0 }
            }
        }
        let target: Stance.Target
        switch rule {
        case .vote:
            let total = weights.reduce(0, +)
            let score = zip(views, weights).reduce(0) { $0 + $1.0 * $1.1 } / total
            target = score > threshold ? .long : score < -threshold ? .short : .flat
        case .majority:
            let half = Double(views.count) / 2
            let longs = Double(views.filter { $0 > 0 }.count)
            let shorts = Double(views.filter { $0 < 0 }.count)
            target = longs > half ? .long : shorts > half ? .short : .flat
        case .unanimous:
            target = views.allSatisfy { $0 > 0 } ? .long : views.allSatisfy { $0 < 0 } ? .short : .flat
        }
        guard target != combined else { return nil }
        combined = target
        return Stance(target)
    }

    static let descriptor = StrategyDescriptor(
        name: "ensemble",
        summary: "Combines member strategies' signals by weighted vote, majority or unanimity",
        parameters: [
            StrategyParameter(
                name: "members",
                kind: .list(SignalCatalog.names),
                defaultValue: "ema_cross,macd_trend,supertrend",
                summary: "member strategies (each with its default parameters)"
            ),
            StrategyParameter(
                name: "rule",
                kind: .choice(Rule.allCases.map(\.rawValue)),
                defaultValue: "vote",
                summary: "vote (weighted mean view beyond the threshold), majority or unanimous"
            ),
            StrategyParameter(
                name: "weights",
                kind: .numbers,
                defaultValue: "1",
                summary: "vote weights, one per member (a single 1 weighs all members equally)"
            ),
            StrategyParameter(
                name: "threshold",
                kind: .decimal(0...1),
                defaultValue: "0.5",
                summary:
                    "vote: the weighted mean view (−1 … 1) must exceed this to go long, or fall below −this to go short"
            ),
        ] + SignalParameters.common,
        validate: { values in
            let members = values.list("members").count
            let weights = values.list("weights").count
            return weights == members || values.list("weights") == ["1"]
                ? nil : "weights lists \(weights) values for \(members) members"
        },
        make: { id, instrument, values in
            SignalStrategy(id: id, instrument: instrument, values: values, model: EnsembleModel(values))
        }
    )
}
