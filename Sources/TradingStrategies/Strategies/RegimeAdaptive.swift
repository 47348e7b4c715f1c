import TradingCore
import TradingEngine
import TradingIndicators

/// Switches between parameter sets by market regime (``RegimeClassifier``): in a trend it follows an EMA
/// crossover (`trend_fast`/`trend_slow`), taking the side the averages point to when the trend starts; in a
/// range it trades Bollinger mean reversion (`range_period`/`range_deviations`); in a volatile market it
/// stays out. Both models see every bar, so each is warm when its regime comes.
struct RegimeAdaptiveModel: SignalModel {
    private var classifier: RegimeClassifier
    private var trend: EMACrossModel
    private var range: BollingerReversionModel
    private var regime: RegimeClassifier.Regime?

    init(_ values: ParameterValues) {
        classifier = RegimeClassifier(
            adxPeriod: values.integer("adx_period"),
            trendThreshold: values.decimal("adx_threshold"),
            volatileRatio: values.decimal("volatile_ratio")
        )
        trend = EMACrossModel(fast: values.integer("trend_fast"), slow: values.integer("trend_slow"))
        let rangeValues = ParameterValues(
            values: [
                "period": .integer(values.integer("range_period")),
                "deviations": .decimal(values.decimal("range_deviations")),
            ],
            order: ["period", "deviations"]
        )
        range = BollingerReversionModel(rangeValues)
    }

    mutating func update(_ candle: Candle) -> Stance? {
        let trendStance = trend.update(candle)
        let rangeStance = range.update(candle)
        guard let current = classifier.update(candle) else { return nil }
        let previous = regime
        regime = current
        switch current {
        case .volatile:
            return previous == .volatile ? nil : .flat
        case .trendingUp, .trendingDown:
            let entering = previous != .trendingUp && previous != .trendingDown
            if entering, let side = trend.side { return Stance(side) }
            return trendStance
        case .ranging:
            // Positions from the trend model are closed when the range begins.
            if previous != .ranging { return rangeStance ?? .flat }
            return rangeStance
        }
    }

    static let descriptor = StrategyDescriptor(
        name: "regime_adaptive",
        summary:
            "Switches parameter sets by regime: EMA trend following in trends, Bollinger reversion in ranges, out when volatile",
        parameters: [
            StrategyParameter(
                name: "adx_period",
                kind: .integer(2...500),
                defaultValue: "14",
                summary: "ADX period (bars)"
            ),
            StrategyParameter(
                name: "adx_threshold",
                kind: .decimal(5...80),
                defaultValue: "25",
                summary: "ADX at or above this is a trend"
            ),
            StrategyParameter(
                name: "volatile_ratio",
                kind: .decimal(1...10),
                defaultValue: "1.5",
                summary: "realised volatility above this multiple of its 200-bar average is volatile"
            ),
            StrategyParameter(
                name: "trend_fast",
                kind: .integer(1...1_000),
                defaultValue: "12",
                summary: "trend regime: fast EMA"
            ),
            StrategyParameter(
                name: "trend_slow",
                kind: .integer(2...2_000),
                defaultValue: "26",
                summary: "trend regime: slow EMA"
            ),
            StrategyParameter(
                name: "range_period",
                kind: .integer(2...1_000),
                defaultValue: "20",
                summary: "range regime: Bollinger period"
            ),
            StrategyParameter(
                name: "range_deviations",
                kind: .decimal(0.1...10),
                defaultValue: "2",
                summary: "range regime: Bollinger width (σ)"
            ),
        ] + SignalParameters.common,
        validate: { values in
            values.integer("trend_fast") < values.integer("trend_slow")
                ? nil
                : "trend_fast (\(values.integer("trend_fast"))) must be below trend_slow (\(values.integer("trend_slow")))"
        },
        make: { id, instrument, values in
            SignalStrategy(id: id, instrument: instrument, values: values, model: RegimeAdaptiveModel(values))
        }
    )
}
