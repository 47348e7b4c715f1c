import TradingCore
import TradingEngine
import TradingIndicators

/// MACD trend following: long when the MACD line crosses above its signal line, short (or out) when it
/// crosses below. With `zero_filter`, longs need the MACD line above zero and shorts below it.
struct MACDTrendModel: SignalModel {
    private var macd: MovingAverageConvergenceDivergence
    private let zeroFilter: Bool
    private var previousHistogram: Double?

    init(_ values: ParameterValues) {
        macd = MovingAverageConvergenceDivergence(
            fast: values.integer("fast"),
            slow: values.integer("slow"),
            signal: values.integer("signal")
        )
        zeroFilter = values.choice("zero_filter") == "on"
    }

    mutating func update(_ candle: Candle) -> Stance? {
        guard let output = macd.update(candle.close) else { return nil }
        defer { previousHistogram = output.histogram }
        guard let previous = previousHistogram else { return nil }
        if previous <= 0 && output.histogram > 0 { return !zeroFilter || output.macd > 0 ? .long : .exitShort }
        if previous >= 0 && output.histogram < 0 { return !zeroFilter || output.macd < 0 ? .short : .exitLong }
        return nil
    }

    static let descriptor = StrategyDescriptor(
        name: "macd_trend",
        summary: "MACD trend following: long on a bullish signal-line cross, short or out on a bearish one",
        parameters: [
            StrategyParameter(
                name: "fast",
                kind: .integer(1...1_000),
                defaultValue: "12",
                summary: "fast EMA period (bars)"
            ),
            StrategyParameter(
                name: "slow",
                kind: .integer(2...2_000),
                defaultValue: "26",
                summary: "slow EMA period (bars)"
            ),
            StrategyParameter(
                name: "signal",
                kind: .integer(1...1_000),
                defaultValue: "9",
                summary: "signal EMA period (bars)"
            ),
            StrategyParameter(
                name: "zero_filter",
                kind: .choice(["off", "on"]),
                defaultValue: "off",
                summary: "on: enter longs only above the zero line and shorts only below it"
            ),
        ] + SignalParameters.common,
        validate: { values in
            values.integer("fast") < values.integer("slow")
                ? nil : "fast (\(values.integer("fast"))) must be below slow (\(values.integer("slow")))"
        },
        make: { id, instrument, values in
            SignalStrategy(id: id, instrument: instrument, values: values, model: MACDTrendModel(values))
        }
    )
}
