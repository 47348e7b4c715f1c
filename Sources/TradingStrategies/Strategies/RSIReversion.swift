public import TradingCore
public import TradingEngine
import TradingIndicators

/// RSI mean reversion: buy when RSI (Wilder) falls below `oversold`, sell when it rises above `exit`;
/// in `long_short` mode also short above `overbought` and cover below `exit`.
public struct RSIReversion: Strategy, SpecializedStrategy {
    public let id: StrategyID
    public let subscriptions: [InstrumentID]
    let direction: TradeDirection
    let oversold: Double
    let overbought: Double
    let exitLevel: Double
    let stopFraction: Double
    private var rsi: RelativeStrengthIndex
    private var tracker: PositionTracker?

    static let descriptor = StrategyDescriptor(
        name: "rsi_reversion",
        summary: "Buy when RSI is oversold, sell when it recovers to the exit level (and the mirror for shorts)",
        parameters: [
            StrategyParameter(
                name: "period",
                kind: .integer(2...500),
                defaultValue: "14",
                summary: "RSI period (bars)"
            ),
            StrategyParameter(
                name: "oversold",
                kind: .decimal(0...100),
                defaultValue: "30",
                summary: "enter long below this RSI"
            ),
            StrategyParameter(
                name: "overbought",
                kind: .decimal(0...100),
                defaultValue: "70",
                summary: "enter short above this RSI"
            ),
            StrategyParameter(
                name: "exit",
                kind: .decimal(0...100),
                defaultValue: "50",
                summary: "close longs above and shorts below this RSI"
            ),
            TradeDirection.parameter,
            StrategyParameter(
                name: "stop_loss",
                kind: .decimal(0...0.9),
                defaultValue: "0",
                summary: "stop-loss distance as a fraction of the entry signal price; 0 for none"
            ),
        ],
        style: .meanReversion,
        validate: { values in
            let oversold = values.decimal("oversold")
            let overbought = values.decimal("overbought")
            let exit = values.decimal("exit")
            return oversold < exit && exit < overbought
                ? nil : "levels must satisfy oversold < exit < overbought, got \(oversold), \(exit), \(overbought)"
        },
        make: { id, instrument, values in RSIReversion(id: id, instrument: instrument, values: values) }
    )

    public init(id: StrategyID, instrument: InstrumentID, values: ParameterValues) {
        self.id = id
        subscriptions = [instrument]
        direction = TradeDirection(rawValue: values.choice("mode")) ?? .longOnly
        rsi = RelativeStrengthIndex(period: values.integer("period"))
        oversold = values.decimal("oversold")
        overbought = values.decimal("overbought")
        exitLevel = values.decimal("exit")
        stopFraction = values.decimal("stop_loss")
    }

    public mutating func onStart(context: inout StrategyContext) {
        if let index = context.index(of: subscriptions[0]) { tracker = PositionTracker(instrument: index) }
    }

    public mutating func onBar(_ bar: Bar, context: inout StrategyContext) {
        guard let value = rsi.update(bar.closeValue), var tracker, !tracker.isBusy else { return }
        defer { self.tracker = tracker }
        let position = context.signedPositionRaw(tracker.instrument)
        if position > 0 {
            if value > exitLevel { tracker.exit(tag: "rsi_exit", context: &context) }
        } else if position < 0 {
            if value < exitLevel { tracker.exit(tag: "rsi_exit", context: &context) }
        } else if value < oversold {
            tracker.enter(.buy, reference: bar.close, stopFraction: stopFraction, targetFraction: 0, context: &context)
        } else if value > overbought && direction == .longShort {
            tracker.enter(.sell, reference: bar.close, stopFraction: stopFraction, targetFraction: 0, context: &context)
        }
    }

    /// It acts only on orders that have closed.
    public var orderUpdateInterest: OrderUpdateInterest { .closing }

    public mutating func onOrderUpdate(_ update: OrderUpdate, context: inout StrategyContext) {
        _ = tracker?.orderFinished(update)
    }

    public mutating func onFill(_ fill: OrderFilled, update: OrderUpdate?, context: inout StrategyContext) {
        if let update { _ = tracker?.orderFinished(update) }
    }
}
