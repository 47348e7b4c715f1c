import TradingCore
import TradingEngine
import TradingIndicators

/// EMA crossover as a signal model (for ensembles and regime switching): long when the fast EMA crosses
/// above the slow one, short when it crosses below.
struct EMACrossModel: SignalModel {
    private var fast: ExponentialMovingAverage
    private var slow: ExponentialMovingAverage
    private var previousDifference: Double?

    init(fast: Int, slow: Int) {
        self.fast = ExponentialMovingAverage(period: fast)
        self.slow = ExponentialMovingAverage(period: slow)
    }

    /// The side the averages point to now (`nil` during warm-up).
    var side: Stance.Target? {
        guard let difference = previousDifference, difference != 0 else { return nil }
        return difference > 0 ? .long : .short
    }

    mutating func update(_ candle: Candle) -> Stance? {
        let fastValue = fast.update(candle.close)
        let slowValue = slow.update(candle.close)
        guard let fastValue, let slowValue else { return nil }
        let difference = fastValue - slowValue
        defer { previousDifference = difference }
        guard let previous = previousDifference else { return nil }
        if previous <= 0 && difference > 0 { return .long }
        if previous >= 0 && difference < 0 { return .short }
        return nil
    }
}

/// RSI mean reversion as a signal model: long below `oversold`, short above `overbought`, out at `exit`.
struct RSIReversionModel: SignalModel {
    private var rsi: RelativeStrengthIndex
    private let oversold: Double
    private let overbought: Double
    private let exit: Double

    init(_ values: ParameterValues) {
        rsi = RelativeStrengthIndex(period: values.integer("period"))
        oversold = values.decimal("oversold")
        overbought = values.decimal("overbought")
        exit = values.decimal("exit")
    }

    mutating func update(_ candle: Candle) -> Stance? {
        guard let value = rsi.update(candle.close) else { return nil }
        if value < oversold { return .long }
        if value > overbought { return .short }
        if value > exit { return .exitLong }
        if value < exit { return .exitShort }
        return nil
    }
}

/// The signal models an ensemble can combine, each with its strategy's default parameters.
enum SignalCatalog {
    static let names = ["bollinger_reversion", "ema_cross", "macd_trend", "rsi_reversion", "supertrend"]

    static func model(_ name: String) -> any SignalModel {
        func defaults(_ descriptor: StrategyDescriptor) -> ParameterValues {
            do {
                return try descriptor.values([:])
            } catch {
                preconditionFailure("Invariant: \(descriptor.name)'s defaults are valid (\(error))")
            }
        }
        switch name {
        case "bollinger_reversion": return BollingerReversionModel(defaults(BollingerReversionModel.descriptor))
        case "macd_trend": return MACDTrendModel(defaults(MACDTrendModel.descriptor))
        case "rsi_reversion": return RSIReversionModel(defaults(RSIReversion.descriptor))
        case "supertrend": return SupertrendModel(defaults(SupertrendModel.descriptor))
        default:
            let values = defaults(EMACross.descriptor)
            return EMACrossModel(fast: values.integer("fast"), slow: values.integer("slow"))
        }
    }
}
