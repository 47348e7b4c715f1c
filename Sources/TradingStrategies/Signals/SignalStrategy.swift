import TradingCore
import TradingEngine
import TradingIndicators

/// A strategy that trades one instrument on a ``SignalModel``'s stances: market entries (with an optional
/// stop-loss and take-profit bracket), exits and reversals, long-only or long-short.
struct SignalStrategy<Model: SignalModel>: Strategy, SpecializedStrategy {
    let id: StrategyID
    let subscriptions: [InstrumentID]
    let direction: TradeDirection
    let stopFraction: Double
    let targetFraction: Double
    private(set) var model: Model
    private var tracker: PositionTracker?
    /// Protective levels for a reversal's re-entry, decided before the exit filled.
    private var reentryLevels: (stop: Double?, takeProfit: Double?)

    init(id: StrategyID, instrument: InstrumentID, values: ParameterValues, model: Model) {
        self.id = id
        subscriptions = [instrument]
        direction = TradeDirection(rawValue: values.choice("mode")) ?? .longOnly
        stopFraction = values.values["stop_loss"].flatMap { if case .decimal(let v) = $0 { v } else { nil } } ?? 0
        targetFraction = values.values["take_profit"].flatMap { if case .decimal(let v) = $0 { v } else { nil } } ?? 0
        self.model = model
    }

    mutating func onStart(context: inout StrategyContext) {
        if let index = context.index(of: subscriptions[0]) { tracker = PositionTracker(instrument: index) }
    }

    mutating func onBar(_ bar: Bar, context: inout StrategyContext) {
        guard let stance = model.update(bar.candle), var tracker, !tracker.isBusy else { return }
        defer { self.tracker = tracker }
        let position = context.signedPositionRaw(tracker.instrument)
        switch stance.target {
        case .long:
            if position < 0 {
                tracker.reentry = .buy
                reentryLevels = (stance.stop, stance.takeProfit)
                tracker.exit(tag: "signal_reverse", context: &context)
            } else if position == 0 {
                enter(.buy, reference: bar.close, stance: stance, tracker: &tracker, context: &context)
            }
        case .short:
            if position > 0 {
                if direction == .longShort {
                    tracker.reentry = .sell
                    reentryLevels = (stance.stop, stance.takeProfit)
                }
                tracker.exit(tag: direction == .longShort ? "signal_reverse" : "signal_exit", context: &context)
            } else if position == 0 && direction == .longShort {
                enter(.sell, reference: bar.close, stance: stance, tracker: &tracker, context: &context)
            }
        case .flat:
            if position != 0 { tracker.exit(tag: "signal_exit", context: &context) }
        case .exitLong:
            if position > 0 { tracker.exit(tag: "signal_exit", context: &context) }
        case .exitShort:
            if position < 0 { tracker.exit(tag: "signal_exit", context: &context) }
        }
    }

    /// Enters with the stance's levels turned into fractions of the reference price, or the configured ones.
    private func enter(
        _ side: OrderSide,
        reference: Price,
        stance: Stance,
        tracker: inout PositionTracker,
        context: inout StrategyContext
    ) {
        let price = reference.doubleValue
        let sign = side == .buy ? 1.0 : -1.0
        var stop = stopFraction
        var target = targetFraction
        if let level = stance.stop, price > 0 {
            let distance = sign * (price - level) / price
            guard distance > 0 else { return }
            stop = distance
        }
        if let level = stance.takeProfit, price > 0 {
            let distance = sign * (level - price) / price
            guard distance > 0 else { return }
            target = distance
        }
        tracker.enter(side, reference: reference, stopFraction: stop, targetFraction: target, context: &context)
    }

    /// It acts only on orders that have closed.
    var orderUpdateInterest: OrderUpdateInterest { .closing }

    mutating func onOrderUpdate(_ update: OrderUpdate, context: inout StrategyContext) {
        _ = tracker?.orderFinished(update)
    }

    mutating func onFill(_ fill: OrderFilled, update: OrderUpdate?, context: inout StrategyContext) {
        guard let update, var tracker else { return }
        if let side = tracker.orderFinished(update), let price = context.state.market.lastPrice(tracker.instrument) {
            let stance = Stance(
                side == .buy ? .long : .short,
                stop: reentryLevels.stop,
                takeProfit: reentryLevels.takeProfit
            )
            enter(side, reference: price, stance: stance, tracker: &tracker, context: &context)
        }
        self.tracker = tracker
    }
}

/// Parameters every signal strategy takes.
enum SignalParameters {
    static let common: [StrategyParameter] = [
        TradeDirection.parameter,
        StrategyParameter(
            name: "stop_loss",
            kind: .decimal(0...0.9),
            defaultValue: "0",
            summary: "stop-loss distance as a fraction of the signal price; 0 for none"
        ),
        StrategyParameter(
            name: "take_profit",
            kind: .decimal(0...10),
            defaultValue: "0",
            summary: "take-profit distance as a fraction of the signal price; 0 for none"
        ),
    ]
}
