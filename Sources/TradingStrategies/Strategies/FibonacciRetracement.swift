import TradingCore
import TradingEngine
import TradingIndicators

/// Fibonacci retracement entries: after a ZigZag up-leg (a confirmed low, then a confirmed high), buy when
/// price pulls back to the 0.618 retracement while holding above 0.786, with the stop just beyond 0.786 and
/// the target at the 1.618 extension; a down-leg mirrors it for shorts. One entry per leg.
struct FibonacciRetracementModel: SignalModel {
    private var zigzag: ZigZag
    private let entryRatio: Double
    private let stopRatio: Double
    private let targetRatio: Double
    private var levels: FibonacciLevels?
    private var used = false

    init(_ values: ParameterValues) {
        zigzag = ZigZag(threshold: values.decimal("swing"))
        entryRatio = values.decimal("entry")
        stopRatio = values.decimal("stop")
        targetRatio = values.decimal("target")
    }

    mutating func update(_ candle: Candle) -> Stance? {
        if zigzag.update(candle) != nil, let leg = zigzag.lastLeg {
            levels = FibonacciLevels(from: leg.from, to: leg.to)
            used = false
        }
        guard let levels, !used else { return nil }
        let entry = levels.retracementLevel(entryRatio)
        let stop = levels.retracementLevel(stopRatio)
        let target = levels.extensionLevel(targetRatio)
        if levels.isUpLeg {
            // A pull-back into the zone: the low reached the entry level and the close held above the stop.
            guard candle.low <= entry, candle.close > stop, candle.close < levels.to.price else { return nil }
            used = true
            return Stance(.long, stop: stop, takeProfit: target)
        }
        guard candle.high >= entry, candle.close < stop, candle.close > levels.to.price else { return nil }
        used = true
        return Stance(.short, stop: stop, takeProfit: target)
    }

    static let descriptor = StrategyDescriptor(
        name: "fibonacci_retracement",
        summary:
            "In a trend, enter at the 0.618 retracement with a stop beyond 0.786 and a target at the 1.618 extension",
        parameters: [
            StrategyParameter(
                name: "swing",
                kind: .decimal(0.001...0.5),
                defaultValue: "0.03",
                summary: "ZigZag threshold: the reversal (fraction of price) that confirms a swing"
            ),
            StrategyParameter(
                name: "entry",
                kind: .decimal(0.236...0.786),
                defaultValue: "0.618",
                summary: "entry retracement ratio"
            ),
            StrategyParameter(
                name: "stop",
                kind: .decimal(0.5...1),
                defaultValue: "0.786",
                summary: "stop retracement ratio"
            ),
            StrategyParameter(
                name: "target",
                kind: .decimal(1...5),
                defaultValue: "1.618",
                summary: "target extension ratio"
            ),
            TradeDirection.parameter,
        ],
        style: .meanReversion,
        validate: { values in
            values.decimal("entry") < values.decimal("stop")
                ? nil
                : "entry (\(values.decimal("entry"))) must be a shallower retracement than stop (\(values.decimal("stop")))"
        },
        make: { id, instrument, values in
            SignalStrategy(id: id, instrument: instrument, values: values, model: FibonacciRetracementModel(values))
        }
    )
}
