import TradingCore
import TradingEngine
import TradingIndicators

/// Bollinger Bands mean reversion: long when the close falls below the lower band, short (long-short)
/// when it rises above the upper band; out when the close gets back to the middle band.
struct BollingerReversionModel: SignalModel {
    private var bands: BollingerBands

    init(_ values: ParameterValues) {
        bands = BollingerBands(period: values.integer("period"), deviations: values.decimal("deviations"))
    }

    mutating func update(_ candle: Candle) -> Stance? {
        guard let band = bands.update(candle.close) else { return nil }
        if candle.close < band.lower { return .long }
        if candle.close > band.upper { return .short }
        if candle.close >= band.middle { return .exitLong }
        return .exitShort
    }

    static let descriptor = StrategyDescriptor(
        name: "bollinger_reversion",
        summary: "Bollinger Bands mean reversion: buy below the lower band, sell above the upper, exit at the middle",
        parameters: [
            StrategyParameter(
                name: "period",
                kind: .integer(2...1_000),
                defaultValue: "20",
                summary: "band period (bars)"
            ),
            StrategyParameter(
                name: "deviations",
                kind: .decimal(0.1...10),
                defaultValue: "2",
                summary: "band width in standard deviations"
            ),
        ] + SignalParameters.common,
        style: .meanReversion,
        validate: { _ in nil },
        make: { id, instrument, values in
            SignalStrategy(id: id, instrument: instrument, values: values, model: BollingerReversionModel(values))
        }
    )
}
