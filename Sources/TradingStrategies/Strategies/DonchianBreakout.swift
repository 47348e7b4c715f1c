public import TradingCore
public import TradingEngine
import TradingIndicators

/// Donchian channel breakout (the Turtle rules): enter when the close breaks the highest high (lowest low)
/// of the previous `entry` bars; exit with a resting reduce-only stop order at the lowest low (highest
/// high) of the previous `exit` bars, amended every bar as the channel moves in the position's favour.
/// With `atr_stop > 0` the first stop sits `atr_stop × ATR(atr_period)` from the entry price, whichever of
/// the two stops is tighter.
public struct DonchianBreakout: Strategy, SpecializedStrategy {
    public let id: StrategyID
    public let subscriptions: [InstrumentID]
    let direction: TradeDirection
    let atrMultiple: Double
    private var entryHigh: RollingExtremum
    private var entryLow: RollingExtremum
    private var exitHigh: RollingExtremum
    private var exitLow: RollingExtremum
    private var atr: AverageTrueRange
    /// Channel values of the previous bars (the breakout compares against bars before the current one).
    private var channel: (entryHigh: Double?, entryLow: Double?, exitHigh: Double?, exitLow: Double?) = (
        nil, nil, nil, nil
    )
    private var tracker: PositionTracker?
    private var stopOrder: ClientOrderID?
    private var stopTrigger: Price?

    static let descriptor = StrategyDescriptor(
        name: "donchian_breakout",
        summary: "Enter on a break of the N-bar high (low); exit on a resting stop at the M-bar low (high)",
        parameters: [
            StrategyParameter(
                name: "entry",
                kind: .integer(2...1_000),
                defaultValue: "20",
                summary: "entry channel length (bars)"
            ),
            StrategyParameter(
                name: "exit",
                kind: .integer(1...1_000),
                defaultValue: "10",
                summary: "exit channel length (bars)"
            ),
            StrategyParameter(
                name: "atr_stop",
                kind: .decimal(0...20),
                defaultValue: "0",
                summary: "initial stop distance in ATRs; 0 uses the exit channel only"
            ),
            StrategyParameter(
                name: "atr_period",
                kind: .integer(1...500),
                defaultValue: "20",
                summary: "ATR period (bars)"
            ),
            TradeDirection.parameter,
        ],
        validate: { values in
            values.integer("exit") <= values.integer("entry")
                ? nil : "exit (\(values.integer("exit"))) must not exceed entry (\(values.integer("entry")))"
        },
        make: { id, instrument, values in DonchianBreakout(id: id, instrument: instrument, values: values) }
    )

    public init(id: StrategyID, instrument: InstrumentID, values: ParameterValues) {
        self.id = id
        subscriptions = [instrument]
        direction = TradeDirection(rawValue: values.choice("mode")) ?? .longOnly
        let entry = values.integer("entry")
        let exit = values.integer("exit")
        entryHigh = RollingExtremum(period: entry, kind: .maximum)
        entryLow = RollingExtremum(period: entry, kind: .minimum)
        exitHigh = RollingExtremum(period: exit, kind: .maximum)
        exitLow = RollingExtremum(period: exit, kind: .minimum)
        atr = AverageTrueRange(period: values.integer("atr_period"))
        atrMultiple = values.decimal("atr_stop")
    }

    public mutating func onStart(context: inout StrategyContext) {
        if let index = context.index(of: subscriptions[0]) { tracker = PositionTracker(instrument: index) }
    }

    public mutating func onBar(_ bar: Bar, context: inout StrategyContext) {
        let high = bar.high.doubleValue
        let low = bar.low.doubleValue
        let close = bar.closeValue
        let previous = channel
        let atrValue = atr.update(high: high, low: low, close: close)
        channel = (entryHigh.update(high), entryLow.update(low), exitHigh.update(high), exitLow.update(low))
        guard var tracker else { return }
        defer { self.tracker = tracker }
        let position = context.signedPositionRaw(tracker.instrument)
        if position != 0 {
            // Trail the protective stop with the exit channel (this bar included).
            let side: OrderSide = position > 0 ? .sell : .buy
            if let level = position > 0 ? channel.exitLow : channel.exitHigh {
                placeOrTrailStop(side: side, level: level, quantity: Quantity(raw: abs(position)), context: &context)
            }
            return
        }
        guard !tracker.isBusy, let upper = previous.entryHigh, let lower = previous.entryLow else { return }
        if close > upper {
            tracker.enter(.buy, reference: bar.close, stopFraction: 0, targetFraction: 0, context: &context)
            pendingInitialStop = initialStop(.buy, close: close, atr: atrValue)
        } else if close < lower && direction == .longShort {
            tracker.enter(.sell, reference: bar.close, stopFraction: 0, targetFraction: 0, context: &context)
            pendingInitialStop = initialStop(.sell, close: close, atr: atrValue)
        }
    }

    private var pendingInitialStop: Double?

    private func initialStop(_ side: OrderSide, close: Double, atr: Double?) -> Double? {
        let channelStop = side == .buy ? channel.exitLow : channel.exitHigh
        guard atrMultiple > 0, let atr else { return channelStop }
        let atrStop = side == .buy ? close - atrMultiple * atr : close + atrMultiple * atr
        guard let channelStop else { return atrStop }
        return side == .buy ? max(atrStop, channelStop) : min(atrStop, channelStop)
    }

    /// Places the stop, or amends its trigger when the new level is tighter; never loosens it.
    private mutating func placeOrTrailStop(
        side: OrderSide,
        level: Double,
        quantity: Quantity,
        context: inout StrategyContext
    ) {
        guard let tracker, let raw = Price(approximating: level), raw.raw > 0 else { return }
        let definition = context.instrument(tracker.instrument)
        let trigger = definition.round(price: raw, rounding: side == .sell ? .down : .up)
        guard trigger.raw > 0 else { return }
        if let id = stopOrder, let order = context.state.orders[id], !order.status.isClosed {
            guard let current = stopTrigger else { return }
            let tighter = side == .sell ? trigger > current : trigger < current
            if tighter && order.status != .pendingUpdate {
                context.modify(id, OrderAmendment(triggerPrice: trigger))
                stopTrigger = trigger
            }
        } else if stopOrder == nil {
            // A stop already through the market would fill at once; only place it on the protective side.
            if let last = context.state.market.lastPrice(tracker.instrument),
                side == .sell ? trigger >= last : trigger <= last
            {
                return
            }
            stopOrder = context.submit(
                .stopMarket(tracker.instrument, side, quantity, trigger: trigger, reduceOnly: true, tag: "channel_stop")
            )
            stopTrigger = trigger
        }
    }

    /// It acts only on orders that have closed.
    public var orderUpdateInterest: OrderUpdateInterest { .closing }

    public mutating func onOrderUpdate(_ update: OrderUpdate, context: inout StrategyContext) {
        _ = tracker?.orderFinished(update)
        if update.clientOrderID == stopOrder, update.status.isClosed {
            stopOrder = nil
            stopTrigger = nil
        }
    }

    public mutating func onFill(_ fill: OrderFilled, update: OrderUpdate?, context: inout StrategyContext) {
        guard let update, var tracker else { return }
        _ = tracker.orderFinished(update)
        self.tracker = tracker
        if update.clientOrderID == stopOrder, update.status.isClosed {
            stopOrder = nil
            stopTrigger = nil
        }
        // Place the first stop as soon as the entry has filled.
        if update.tag?.string.hasSuffix("_entry") == true, update.status == .filled, let level = pendingInitialStop,
            let position = context.position(tracker.instrument)
        {
            pendingInitialStop = nil
            placeOrTrailStop(
                side: position.side == .long ? .sell : .buy,
                level: level,
                quantity: position.quantity,
                context: &context
            )
        }
    }
}
