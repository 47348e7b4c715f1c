public import TradingCore
public import TradingEngine
import TradingIndicators

/// EMA crossover: long when the fast EMA crosses above the slow EMA, out (or short) when it crosses below.
///
/// EMAs are SMA-seeded (TA-Lib). Signals are taken at a bar's close; the order fills according to the
/// venue's fill rule (next bar's open by default). With `fast=12 slow=26`, all-in sizing and a 0.1 % fee
/// this is exactly `../shared/reference/CANONICAL_BACKTEST.md`.
public struct EMACross: Strategy, BarScanningStrategy {
    public let id: StrategyID
    public let subscriptions: [InstrumentID]
    let direction: TradeDirection
    let rsiMaximum: Double
    let rsiMinimum: Double
    let stopFraction: Double
    let targetFraction: Double
    private var fast: ExponentialMovingAverage
    private var slow: ExponentialMovingAverage
    private var rsi: RelativeStrengthIndex?
    private var previousDifference: Double?
    private var tracker: PositionTracker?
    /// The cross ``scanQuietBars(_:)`` stopped at, for ``actOnScannedBar(_:context:)``.
    private var scannedCross: Cross?

    /// A cross of the averages, and the RSI at that close.
    private struct Cross: Sendable, Hashable {
        let up: Bool
        let rsiValue: Double?
    }

    static let descriptor = StrategyDescriptor(
        name: "ema_cross",
        summary: "Long when the fast EMA crosses above the slow EMA; exit (or go short) when it crosses below",
        parameters: [
            StrategyParameter(
                name: "fast",
                kind: .integer(1...1_000),
                defaultValue: "12",
                summary: "fast EMA period (bars)"
            ),
            StrategyParameter(
                name: "slow",
                kind: .integer(2...5_000),
                defaultValue: "26",
                summary: "slow EMA period (bars)"
            ),
            StrategyParameter(
                name: "rsi_period",
                kind: .integer(0...500),
                defaultValue: "0",
                summary: "RSI filter period; 0 turns the filter off"
            ),
            StrategyParameter(
                name: "rsi_max",
                kind: .decimal(0...100),
                defaultValue: "70",
                summary: "with the filter on, enter long only while RSI is below this"
            ),
            StrategyParameter(
                name: "rsi_min",
                kind: .decimal(0...100),
                defaultValue: "30",
                summary: "with the filter on, enter short only while RSI is above this"
            ),
        ] + SignalParameters.common,
        validate: { values in
            values.integer("fast") < values.integer("slow")
                ? nil : "fast (\(values.integer("fast"))) must be below slow (\(values.integer("slow")))"
        },
        make: { id, instrument, values in EMACross(id: id, instrument: instrument, values: values) }
    )

    public init(id: StrategyID, instrument: InstrumentID, values: ParameterValues) {
        self.id = id
        subscriptions = [instrument]
        direction = TradeDirection(rawValue: values.choice("mode")) ?? .longOnly
        fast = ExponentialMovingAverage(period: values.integer("fast"))
        slow = ExponentialMovingAverage(period: values.integer("slow"))
        let rsiPeriod = values.integer("rsi_period")
        rsi = rsiPeriod > 0 ? RelativeStrengthIndex(period: rsiPeriod) : nil
        rsiMaximum = values.decimal("rsi_max")
        rsiMinimum = values.decimal("rsi_min")
        stopFraction = values.decimal("stop_loss")
        targetFraction = values.decimal("take_profit")
    }

    public mutating func onStart(context: inout StrategyContext) {
        if let index = context.index(of: subscriptions[0]) { tracker = PositionTracker(instrument: index) }
    }

    /// Updates the averages and acts on a cross. The update is kept small so that it is inlined into the
    /// engine's call; acting on a cross (a few bars in a hundred) is a call of its own.
    @inline(__always)
    public mutating func onBar(_ bar: Bar, context: inout StrategyContext) {
        guard let cross = Self.take(bar.closeValue, fast: &fast, slow: &slow, rsi: &rsi, previous: &previousDifference)
        else { return }
        act(crossUp: cross.up, rsiValue: cross.rsiValue, context: &context)
    }

    /// What a close does to the indicators and the last difference: the cross it makes, if any. Shared by
    /// ``onBar(_:context:)`` and the scan's warm-up.
    @inline(__always)
    private static func take(
        _ close: Double,
        fast: inout ExponentialMovingAverage,
        slow: inout ExponentialMovingAverage,
        rsi: inout RelativeStrengthIndex?,
        previous: inout Double?
    ) -> Cross? {
        let fastValue = fast.update(close)
        let slowValue = slow.update(close)
        let rsiValue = rsi?.update(close)
        guard let fastValue, let slowValue else { return nil }
        let difference = fastValue - slowValue
        guard let last = previous else {
            previous = difference
            return nil
        }
        // Written through the unwrapped value: assigning the optional stored its tag again on every bar.
        previous! = difference
        let crossUp = last <= 0 && difference > 0
        let crossDown = last >= 0 && difference < 0
        return crossUp || crossDown ? Cross(up: crossUp, rsiValue: rsiValue) : nil
    }

    /// ``onBar(_:context:)`` for a run of closes, up to the first cross: the averages, the RSI and the last
    /// difference are updated in locals (registers), with the same operations in the same order, and
    /// stored back once.
    @inline(__always)
    @usableFromInline package mutating func scanQuietBars(_ closes: BarCloses) -> BarScan {
        if rsi == nil, let fastStart = fast.value, let slowStart = slow.value, let previousStart = previousDifference {
            return scanSeeded(closes, fast: fastStart, slow: slowStart, previous: previousStart)
        }
        return scanWarmingUp(closes)
    }

    /// The usual stretch: both averages seeded and no RSI filter, so the loop holds three `Double`s.
    @inline(__always)
    private mutating func scanSeeded(
        _ closes: BarCloses,
        fast fastStart: Double,
        slow slowStart: Double,
        previous previousStart: Double
    ) -> BarScan {
        let fastSmoothing = fast.smoothing
        let slowSmoothing = slow.smoothing
        var fastValue = fastStart
        var slowValue = slowStart
        var previous = previousStart
        var index = 0
        var acts = false
        var crossUp = false
        while index < closes.count {
            let close = closes[index]
            index &+= 1
            fastValue = ExponentialMovingAverage.step(fastValue, toward: close, smoothing: fastSmoothing)
            slowValue = ExponentialMovingAverage.step(slowValue, toward: close, smoothing: slowSmoothing)
            let difference = fastValue - slowValue
            let last = previous
            previous = difference
            crossUp = last <= 0 && difference > 0
            if crossUp || (last >= 0 && difference < 0) {
                acts = true
                break
            }
        }
        fast.resume(at: fastValue)
        slow.resume(at: slowValue)
        previousDifference! = previous
        if acts { scannedCross = Cross(up: crossUp, rsiValue: nil) }
        return BarScan(taken: index, acts: acts)
    }

    /// Warm-up, or the RSI filter on: each close through the indicators' own updates, as `onBar` does.
    private mutating func scanWarmingUp(_ closes: BarCloses) -> BarScan {
        var fast = self.fast
        var slow = self.slow
        var rsi = self.rsi
        var previous = previousDifference
        defer {
            self.fast = fast
            self.slow = slow
            self.rsi = rsi
            previousDifference = previous
        }
        var index = 0
        while index < closes.count {
            let close = closes[index]
            index &+= 1
            if let cross = Self.take(close, fast: &fast, slow: &slow, rsi: &rsi, previous: &previous) {
                scannedCross = cross
                return BarScan(taken: index, acts: true)
            }
        }
        return BarScan(taken: index, acts: false)
    }

    @usableFromInline package mutating func actOnScannedBar(_ bar: Bar, context: inout StrategyContext) {
        guard let cross = scannedCross else { return }
        scannedCross = nil
        act(crossUp: cross.up, rsiValue: cross.rsiValue, context: &context)
    }

    /// The exit tag, made once: a `ShortText` built from a literal copies its bytes on every order.
    private static let exitTag: ShortText = "signal_exit"

    /// The tracker is changed where it lies (`tracker!`): a copy taken out and written back had the
    /// tracker's 16-byte loads wait on the narrower stores the tracker's methods had just made. The bar's
    /// close (the entry's reference price) is read here, from the context, rather than passed in: in a bar
    /// run the engine then builds the fixed-point close only on the bars that act.
    @inline(never)
    private mutating func act(crossUp: Bool, rsiValue: Double?, context: inout StrategyContext) {
        guard let instrument = tracker?.instrument else { return }
        let close = context.lastPrice(instrument) ?? .zero
        let position = context.signedPositionRaw(instrument)
        if crossUp {
            if position < 0 {
                if direction == .longShort && rsiAllows(.buy, rsiValue) { tracker!.reentry = .buy }
                tracker!.exit(tag: Self.exitTag, context: &context)
            } else if position == 0 && rsiAllows(.buy, rsiValue) {
                tracker!.enter(
                    .buy,
                    reference: close,
                    stopFraction: stopFraction,
                    targetFraction: targetFraction,
                    context: &context
                )
            }
        } else {
            if position > 0 {
                if direction == .longShort && rsiAllows(.sell, rsiValue) { tracker!.reentry = .sell }
                tracker!.exit(tag: Self.exitTag, context: &context)
            } else if position == 0 && direction == .longShort && rsiAllows(.sell, rsiValue) {
                tracker!.enter(
                    .sell,
                    reference: close,
                    stopFraction: stopFraction,
                    targetFraction: targetFraction,
                    context: &context
                )
            }
        }
    }

    private func rsiAllows(_ side: OrderSide, _ value: Double?) -> Bool {
        guard rsi != nil else { return true }
        guard let value else { return false }
        return side == .buy ? value < rsiMaximum : value > rsiMinimum
    }

    /// It acts only on orders that have closed.
    public var orderUpdateInterest: OrderUpdateInterest { .closing }

    public mutating func onOrderUpdate(_ update: OrderUpdate, context: inout StrategyContext) {
        _ = tracker?.orderFinished(update)
    }

    /// Reads the last price through the context rather than `context.state`, which marks the state as
    /// possibly kept (so that the next bar run checks the market slots' uniqueness again).
    public mutating func onFill(_ fill: OrderFilled, update: OrderUpdate?, context: inout StrategyContext) {
        guard let update, tracker != nil else { return }
        if let side = tracker!.orderFinished(update), let price = context.lastPrice(tracker!.instrument) {
            tracker!.enter(
                side,
                reference: price,
                stopFraction: stopFraction,
                targetFraction: targetFraction,
                context: &context
            )
        }
    }
}
