/// Every indicator `omega indicators` and spec-driven strategies can build by name.
public enum IndicatorCatalog {
    /// The indicators, grouped as in the docs.
    public static let kinds: [IndicatorKind] = movingAverages + momentum + volatility + volume + statistics

    /// The names, comma-separated, for error messages.
    public static var names: String { kinds.map(\.name).joined(separator: ", ") }

    public static func kind(named name: String) -> IndicatorKind? { kinds.first { $0.name == name } }

    private static func closeIndicator<State: Sendable>(
        _ state: State,
        _ update: @escaping @Sendable (inout State, Double) -> Double?
    ) -> any CandleIndicator {
        CandleAdapter(state: state, outputCount: 1) { state, candle, row, offset in
            row[offset] = update(&state, candle.close)
        }
    }

    private static func barIndicator<State: Sendable>(
        _ state: State,
        _ update: @escaping @Sendable (inout State, Candle) -> Double?
    ) -> any CandleIndicator {
        CandleAdapter(state: state, outputCount: 1) { state, candle, row, offset in
            row[offset] = update(&state, candle)
        }
    }

    private static func bandIndicator<State: Sendable>(
        _ state: State,
        _ update: @escaping @Sendable (inout State, Candle) -> (Double, Double, Double)?
    ) -> any CandleIndicator {
        CandleAdapter(state: state, outputCount: 3) { state, candle, row, offset in
            let bands = update(&state, candle)
            row[offset] = bands?.0
            row[offset + 1] = bands?.1
            row[offset + 2] = bands?.2
        }
    }

    private static let bands = ["upper", "middle", "lower"]

    static let movingAverages: [IndicatorKind] = [
        IndicatorKind("sma", "simple moving average of the close", parameters: [.period(20)]) { a in
            closeIndicator(SimpleMovingAverage(period: Int(a[0]))) { $0.update($1) }
        },
        IndicatorKind("ema", "exponential moving average of the close, SMA-seeded (TA-Lib)", parameters: [.period(20)])
        { a in
            closeIndicator(ExponentialMovingAverage(period: Int(a[0]))) { $0.update($1) }
        },
        IndicatorKind("wma", "linearly weighted moving average of the close", parameters: [.period(20)]) { a in
            closeIndicator(WeightedMovingAverage(period: Int(a[0]))) { $0.update($1) }
        },
        IndicatorKind("dema", "double exponential moving average of the close", parameters: [.period(20)]) { a in
            closeIndicator(DoubleExponentialMovingAverage(period: Int(a[0]))) { $0.update($1) }
        },
        IndicatorKind("tema", "triple exponential moving average of the close", parameters: [.period(20)]) { a in
            closeIndicator(TripleExponentialMovingAverage(period: Int(a[0]))) { $0.update($1) }
        },
        IndicatorKind("hma", "Hull moving average of the close", parameters: [.period(20, minimum: 2)]) { a in
            closeIndicator(HullMovingAverage(period: Int(a[0]))) { $0.update($1) }
        },
    ]

    static let momentum: [IndicatorKind] = [
        IndicatorKind("rsi", "relative strength index, Wilder's smoothing", parameters: [.period(14)]) { a in
            closeIndicator(RelativeStrengthIndex(period: Int(a[0]))) { $0.update($1) }
        },
        IndicatorKind(
            "macd",
            "MACD line, signal and histogram (TA-Lib alignment)",
            parameters: [.period(12, name: "fast"), .period(26, name: "slow"), .period(9, name: "signal")],
            outputs: ["macd", "signal", "hist"],
            validate: { a in a[0] < a[1] ? nil : "fast (\(Int(a[0]))) must be below slow (\(Int(a[1])))" },
            make: { a in
                CandleAdapter(
                    state: MovingAverageConvergenceDivergence(fast: Int(a[0]), slow: Int(a[1]), signal: Int(a[2])),
                    outputCount: 3
                ) { state, candle, row, offset in
                    let output = state.update(candle.close)
                    row[offset] = output?.macd
                    row[offset + 1] = output?.signal
                    row[offset + 2] = output?.histogram
                }
            }
        ),
        IndicatorKind(
            "stoch",
            "stochastic oscillator %K and %D (simple averages, TA-Lib alignment)",
            parameters: [.period(14), .period(3, name: "k_smoothing"), .period(3, name: "d_smoothing")],
            outputs: ["k", "d"]
        ) { a in
            CandleAdapter(
                state: StochasticOscillator(period: Int(a[0]), kSmoothing: Int(a[1]), dSmoothing: Int(a[2])),
                outputCount: 2
            ) { state, candle, row, offset in
                let output = state.update(high: candle.high, low: candle.low, close: candle.close)
                row[offset] = output?.k
                row[offset + 1] = output?.d
            }
        },
        IndicatorKind("willr", "Williams %R, −100 … 0", parameters: [.period(14)]) { a in
            barIndicator(WilliamsPercentRange(period: Int(a[0]))) {
                $0.update(high: $1.high, low: $1.low, close: $1.close)
            }
        },
        IndicatorKind("cci", "commodity channel index of the typical price", parameters: [.period(20)]) { a in
            barIndicator(CommodityChannelIndex(period: Int(a[0]))) {
                $0.update(high: $1.high, low: $1.low, close: $1.close)
            }
        },
        IndicatorKind("roc", "rate of change of the close, percent", parameters: [.period(10)]) { a in
            closeIndicator(RateOfChange(period: Int(a[0]))) { $0.update($1) }
        },
    ]

    static let volatility: [IndicatorKind] = [
        IndicatorKind("atr", "average true range, Wilder's smoothing", parameters: [.period(14)]) { a in
            barIndicator(AverageTrueRange(period: Int(a[0]))) { $0.update(high: $1.high, low: $1.low, close: $1.close) }
        },
        IndicatorKind(
            "bbands",
            "Bollinger Bands: SMA ± deviations × σ (population)",
            parameters: [.period(20), .factor("deviations", 2, 0...100, summary: "band width in standard deviations")],
            outputs: bands
        ) { a in
            bandIndicator(BollingerBands(period: Int(a[0]), deviations: a[1])) { state, candle in
                state.update(candle.close).map { ($0.upper, $0.middle, $0.lower) }
            }
        },
        IndicatorKind(
            "keltner",
            "Keltner channel: EMA(close) ± multiplier × ATR",
            parameters: [
                .period(20), .factor("multiplier", 2, 0...100, summary: "band width in ATRs"),
                .period(0, name: "atr_period", summary: "ATR period; 0 for the same as period", minimum: 0),
            ],
            outputs: bands
        ) { a in
            bandIndicator(KeltnerChannel(period: Int(a[0]), multiplier: a[1], atrPeriod: a[2] > 0 ? Int(a[2]) : nil)) {
                state,
                candle in
                state.update(high: candle.high, low: candle.low, close: candle.close).map {
                    ($0.upper, $0.middle, $0.lower)
                }
            }
        },
        IndicatorKind(
            "donchian",
            "Donchian channel: highest high, midpoint, lowest low",
            parameters: [.period(20)],
            outputs: bands
        ) {
            a in
            bandIndicator(DonchianChannel(period: Int(a[0]))) { state, candle in
                state.update(high: candle.high, low: candle.low).map { ($0.upper, $0.middle, $0.lower) }
            }
        },
        IndicatorKind(
            "adx",
            "average directional index with +DI and −DI (Wilder, TA-Lib)",
            parameters: [.period(14, minimum: 2)],
            outputs: ["adx", "plus_di", "minus_di"]
        ) { a in
            CandleAdapter(state: AverageDirectionalIndex(period: Int(a[0])), outputCount: 3) {
                state,
                candle,
                row,
                offset in
                let output = state.update(high: candle.high, low: candle.low, close: candle.close)
                row[offset] = output?.adx
                row[offset + 1] = output?.plusDI
                row[offset + 2] = output?.minusDI
            }
        },
        IndicatorKind(
            "supertrend",
            "Supertrend line and direction (+1 up, −1 down)",
            parameters: [.period(10), .factor("multiplier", 3, 0...100, summary: "band width in ATRs")],
            outputs: ["line", "direction"]
        ) { a in
            CandleAdapter(state: Supertrend(period: Int(a[0]), multiplier: a[1]), outputCount: 2) {
                state,
                candle,
                row,
                offset in
                let output = state.update(high: candle.high, low: candle.low, close: candle.close)
                row[offset] = output?.line
                row[offset + 1] = output.map { Double($0.direction) }
            }
        },
        IndicatorKind(
            "sar",
            "parabolic stop-and-reverse (TA-Lib)",
            parameters: [
                .factor("acceleration", 0.02, 0.000_001...1, summary: "acceleration factor step"),
                .factor("maximum", 0.2, 0.000_001...1, summary: "acceleration factor cap"),
            ],
            validate: { a in a[0] <= a[1] ? nil : "acceleration (\(a[0])) must not exceed maximum (\(a[1]))" },
            make: { a in
                barIndicator(ParabolicSAR(acceleration: a[0], maximum: a[1])) { $0.update(high: $1.high, low: $1.low) }
            }
        ),
    ]

    static let volume: [IndicatorKind] = [
        IndicatorKind("obv", "on-balance volume") { _ in
            barIndicator(OnBalanceVolume()) { $0.update(close: $1.close, volume: $1.volume) }
        },
        IndicatorKind("vwap", "cumulative volume-weighted average of the typical price") { _ in
            barIndicator(VolumeWeightedAveragePrice()) { $0.update($1) }
        },
        IndicatorKind(
            "session_vwap",
            "VWAP of the typical price, restarting every day at a UTC hour",
            parameters: [
                IndicatorParameter(
                    name: "hour",
                    summary: "session start hour, UTC",
                    isInteger: true,
                    range: 0...23,
                    defaultValue: 0
                )
            ]
        ) { a in
            barIndicator(VolumeWeightedAveragePrice(sessionStartHour: Int(a[0]))) { $0.update($1) }
        },
    ]

    static let statistics: [IndicatorKind] = [
        IndicatorKind("stddev", "rolling population standard deviation of the close", parameters: [.period(20)]) { a in
            closeIndicator(RollingStandardDeviation(period: Int(a[0]))) { $0.update($1) }
        },
        IndicatorKind("zscore", "z-score of the close in its rolling window", parameters: [.period(20)]) { a in
            closeIndicator(ZScore(period: Int(a[0]))) { $0.update($1) }
        },
        IndicatorKind("linreg_slope", "least-squares slope of the close per bar", parameters: [.period(14, minimum: 2)])
        { a in
            closeIndicator(LinearRegressionSlope(period: Int(a[0]))) { $0.update($1) }
        },
        IndicatorKind("highest", "highest high of the window", parameters: [.period(20)]) { a in
            barIndicator(RollingExtremum(period: Int(a[0]), kind: .maximum)) { $0.update($1.high) }
        },
        IndicatorKind("lowest", "lowest low of the window", parameters: [.period(20)]) { a in
            barIndicator(RollingExtremum(period: Int(a[0]), kind: .minimum)) { $0.update($1.low) }
        },
    ]
}
