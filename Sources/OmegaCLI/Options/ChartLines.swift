import TradingBacktest
import TradingStrategies

/// The indicator lines a strategy's report draws over the price chart, as freqtrade's `plot-dataframe`
/// shows a strategy's indicators: its moving averages and bands, computed with its parameters on the
/// replayed closes. Strategies whose indicators are not price levels (RSI, or ones that need each bar's
/// high and low) draw none.
enum ChartLines {
    static func overlays(strategy: String, values: ParameterValues) -> [ChartOverlay] {
        switch strategy {
        case "ema_cross", "macd_trend":
            let fast = values.integer("fast")
            let slow = values.integer("slow")
            return [
                ChartOverlay(name: "EMA \(fast)", kind: .ema(period: fast), color: "#1a73e8"),
                ChartOverlay(name: "EMA \(slow)", kind: .ema(period: slow), color: "#e37400"),
            ]
        case "bollinger_reversion":
            let period = values.integer("period")
            let deviations = values.decimal("deviations")
            return [
                ChartOverlay(name: "SMA \(period)", kind: .sma(period: period), color: "#1a73e8"),
                ChartOverlay(
                    name: "upper band (\(deviations) σ)",
                    kind: .bollinger(period: period, deviations: deviations),
                    color: "#9334e6"
                ),
                ChartOverlay(
                    name: "lower band",
                    kind: .bollinger(period: period, deviations: -deviations),
                    color: "#9334e6"
                ),
            ]
        default:
            return []
        }
    }
}
