import TradingCore
import TradingEngine
import TradingIndicators

/// Supertrend: long when the trend flips up, short (or out) when it flips down. With
/// `line_stop=on`, each entry carries a stop-loss at the Supertrend line.
struct SupertrendModel: SignalModel {
    private var supertrend: Supertrend
    private let stopAtLine: Bool
    private var previousDirection: Int?

    init(_ values: ParameterValues) {
        supertrend = Supertrend(period: values.integer("period"), multiplier: values.decimal("multiplier"))
        stopAtLine = values.choice("line_stop") == "on"
    }

    mutating func update(_ candle: Candle) -> Stance? {
        guard let output = supertrend.update(high: candle.high, low: candle.low, close: candle.close) else {
            return nil
        }
        defer { previousDirection = output.direction }
        guard let previous = previousDirection, previous != output.direction else { return nil }
        let stop = stopAtLine ? output.line : nil
        return Stance(output.direction > 0 ? .long : .short, stop: stop)
    }

    static let descriptor = StrategyDescriptor(
        name: "supertrend",
        summary: "Supertrend: long when the trend flips up, short or out when it flips down",
        parameters: [
            StrategyParameter(
                name: "period",
                kind: .integer(1...1_000),
                defaultValue: "10",
                summary: "ATR period (bars)"
            ),
            StrategyParameter(
                name: "multiplier",
                kind: .decimal(0.1...20),
                defaultValue: "3",
                summary: "band width in ATRs"
            ),
            StrategyParameter(
                name: "line_stop",
                kind: .choice(["off", "on"]),
                defaultValue: "off",
                summary: "on: each entry carries a stop-loss at the Supertrend line"
            ),
        ] + SignalParameters.common,
        validate: { _ in nil },
        make: { id, instrument, values in
            SignalStrategy(id: id, instrument: instrument, values: values, model: SupertrendModel(values))
        }
    )
}
