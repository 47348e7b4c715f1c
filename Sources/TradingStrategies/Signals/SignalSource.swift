public import TradingCore
import TradingEngine
import TradingIndicators

/// What a signal source wants after a bar, for code outside this module (the bot farm's personas) that
/// decides on its own whether and how much to trade.
public struct TradeSignal: Sendable, Hashable {
    public enum Target: String, Sendable, Hashable {
        case long, short, flat
        case exitLong = "exit_long"
        case exitShort = "exit_short"
    }

    public let target: Target
    /// A stop-loss price the model proposes for an entry.
    public let stop: Double?
    /// A take-profit price the model proposes for an entry.
    public let takeProfit: Double?
}

/// A registered strategy's signal logic without its order handling: feed it bars, read its signals.
///
/// Available for the strategies built on signal models (`ema_cross`, `rsi_reversion`,
/// `bollinger_reversion`, `macd_trend`, `supertrend`, `fibonacci_retracement`, `ensemble`,
/// `regime_adaptive`) and for `donchian_breakout` (a break of the channel's high or low).
public struct SignalSource: Sendable {
    public static let names = [
        "bollinger_reversion", "donchian_breakout", "ema_cross", "ensemble", "fibonacci_retracement", "macd_trend",
        "regime_adaptive", "rsi_reversion", "supertrend",
    ]

    public let name: String
    /// Whether the signals follow the trend or bet on a reversal (the strategy's registry entry).
    public let style: SignalStyle
    private var model: any SignalModel

    /// - Throws: ``StrategyParameterError`` for an unknown name or a bad parameter (the error names it).
    public init(strategy name: String, parameters: [String: String]) throws(StrategyParameterError) {
        guard Self.names.contains(name) else { throw .unknownStrategy(name, available: Self.names) }
        let descriptor = try StrategyRegistry.descriptor(named: name)
        let values = try descriptor.values(parameters)
        self.name = name
        style = descriptor.style
        switch name {
        case "ema_cross": model = EMACrossModel(fast: values.integer("fast"), slow: values.integer("slow"))
        case "rsi_reversion": model = RSIReversionModel(values)
        case "bollinger_reversion": model = BollingerReversionModel(values)
        case "macd_trend": model = MACDTrendModel(values)
        case "supertrend": model = SupertrendModel(values)
        case "fibonacci_retracement": model = FibonacciRetracementModel(values)
        case "ensemble": model = EnsembleModel(values)
        case "regime_adaptive": model = RegimeAdaptiveModel(values)
        default: model = DonchianBreakoutModel(entry: values.integer("entry"), exit: values.integer("exit"))
        }
    }

    /// Adds one bar; returns a signal when the model wants a change.
    public mutating func update(_ bar: Bar) -> TradeSignal? {
        guard let stance = model.update(bar.candle) else { return nil }
        let target: TradeSignal.Target =
            switch stance.target {
            case .long: .long
            case .short: .short
            case .flat: .flat
            case .exitLong: .exitLong
            case .exitShort: .exitShort
            }
        return TradeSignal(target: target, stop: stance.stop, takeProfit: stance.takeProfit)
    }
}

/// Donchian breakout as a signal model: long on a close above the previous `entry` bars' high, short
/// below their low; out of a long below the previous `exit` bars' low (and of a short above their high).
struct DonchianBreakoutModel: SignalModel {
    private var entryHigh: RollingExtremum
    private var entryLow: RollingExtremum
    private var exitHigh: RollingExtremum
    private var exitLow: RollingExtremum
    private var previous: (entryHigh: Double?, entryLow: Double?, exitHigh: Double?, exitLow: Double?) = (
        nil, nil, nil, nil
    )

    init(entry: Int, exit: Int) {
        entryHigh = RollingExtremum(period: entry, kind: .maximum)
        entryLow = RollingExtremum(period: entry, kind: .minimum)
        exitHigh = RollingExtremum(period: exit, kind: .maximum)
        exitLow = RollingExtremum(period: exit, kind: .minimum)
    }

    mutating func update(_ candle: Candle) -> Stance? {
        let channel = previous
        previous = (
            entryHigh.update(candle.high), entryLow.update(candle.low), exitHigh.update(candle.high),
            exitLow.update(candle.low)
        )
        if let high = channel.entryHigh, candle.close > high { return Stance(.long, stop: channel.exitLow) }
        if let low = channel.entryLow, candle.close < low { return Stance(.short, stop: channel.exitHigh) }
        if let low = channel.exitLow, candle.close < low { return .exitLong }
        if let high = channel.exitHigh, candle.close > high { return .exitShort }
        return nil
    }
}
