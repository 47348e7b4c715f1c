public import TradingCore
public import TradingEngine
public import TradingCosmos
public import TradingBacktest
public import TradingMarketData
public import TradingStrategies

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A farm bot: a persona's signal strategy run through its ``TraderProfile``.
///
/// The signal source says when; the profile says whether (threshold, mood, cosmic factors, mistakes) and
/// how much (risk tolerance × emotion). The bot keeps its own book of its fills (cash, position, round
/// trips), so several bots on one account and instrument each know their own result even though the
/// account nets their positions. Entries are market orders sized within the bot's own equity; exits are
/// its stop, take-profit, holding limit, the signal, or panic. With a ``timeframe`` the signal, market
/// statistics and entries work on bars of that timeframe built from the replayed ones (``BarAggregator``;
/// a bar that a gap in the data completes late feeds the signal but is not traded on),
/// while stops, targets, holding limits and the psychology follow every replayed bar. Every order goes
/// through the engine and its risk policy. Long only (spot and perpetuals).
public struct PersonaBot: Strategy {
    public let id: StrategyID
    public let subscriptions: [InstrumentID]
    public let name: String
    public private(set) var profile: TraderProfile
    /// Whether cosmic factors reach the profile (off for the attribution run).
    public let cosmicEnabled: Bool
    private let cosmic: CosmicCalculator
    private var signals: SignalSource
    private let trendFollowing: Bool

    // The bot's own book (exact).
    public let capital: Money
    public private(set) var cashRaw: Int128
    public private(set) var position: Quantity = .zero
    public private(set) var entryPrice: Price?
    public private(set) var entryTime: Timestamp?
    private var entryCostRaw: Int128 = 0
    private var entryEquity: Double = 0
    private var entryEmotion: EmotionalState = .calm
    public private(set) var stopPrice: Double?
    public private(set) var takeProfitPrice: Double?
    private var holdUntil: Timestamp?
    private var exitReason = "signal_exit"
    private var pendingOrder: ClientOrderID?
    public private(set) var lastMark: Double = 0

    // Market statistics for strength, momentum and volatility.
    private var closes: [Double]
    private var closeIndex = 0
    private var barsSeen = 0
    private var returnSum = 0.0
    private var returnSquares = 0.0
    private var returnWindow: [Double]
    private var longRunVolatility: Double?
    private var delayed: [(due: Int, signal: TradeSignal)] = []
    private var instrumentIndex: InstrumentIndex?
    private var cachedCosmic: (hour: Int64, value: CosmicInfluences)?
    /// Builds the bot's timeframe bars (`nil`: it acts on every replayed bar).
    private var aggregator: BarAggregator<Bar>?
    /// The timeframe the bot decides on (`nil`: the replayed bars').
    public var timeframe: Timeframe? { aggregator?.timeframe }

    // Records.
    public private(set) var trades: [BotTrade] = []
    public private(set) var decisions = RecentList<BotDecision>(capacity: 50)
    public private(set) var timeline: [PsychologyPoint] = []
    public private(set) var equityCurve = SeriesDownsampler(capacity: 1_000)
    public private(set) var statistics = BotStatistics()
    public private(set) var entriesTaken = 0
    public private(set) var entriesSkipped = 0
    public private(set) var mistakes = 0
    /// Orders the risk engine refused (farm limits, the bot's capital or daily loss limit).
    public private(set) var riskRefusals = 0

    static let window = 20

    /// - Throws: ``StrategyParameterError`` when the preset's strategy or parameters are bad.
    public init(
        id: StrategyID, name: String, instrument: InstrumentID, preset: PersonaPreset, capital: Money, seed: UInt64,
        cosmic: CosmicCalculator = CosmicCalculator(), cosmicEnabled: Bool = true, timeframe: Timeframe? = nil
    ) throws(StrategyParameterError) {
        aggregator = timeframe.map { BarAggregator(timeframe: $0) }
        self.id = id
        self.name = name
        subscriptions = [instrument]
        profile = TraderProfile(preset: preset, seed: seed)
        signals = try SignalSource(strategy: preset.strategy, parameters: preset.parameters)
        trendFollowing = !["rsi_reversion", "bollinger_reversion", "fibonacci_retracement"].contains(preset.strategy)
        self.cosmic = cosmic
        self.cosmicEnabled = cosmicEnabled
        self.capital = capital
        cashRaw = capital.raw
        closes = Array(repeating: 0, count: Self.window + 1)
        returnWindow = Array(repeating: 0, count: Self.window)
    }

    public var persona: Persona { profile.preset.persona }

    /// Equity at the last mark: cash plus the position's value.
    /// An analytics mirror of the exact book (within a few ulps), so it is cheap enough to take every bar.
    public var equity: Double {
        FixedPoint.toDoubleApproximately(cashRaw) + FixedPoint.toDoubleApproximately(position.raw) * lastMark
    }

    public mutating func onStart(context: inout StrategyContext) {
        instrumentIndex = context.index(of: subscriptions[0])
        record(context.now)
    }

    public mutating func onBar(_ bar: Bar, context: inout StrategyContext) {
        guard let index = instrumentIndex, bar.instrument == index else { return }
        lastMark = bar.closeValue
        var decisionBar: Bar? = bar
        if var building = aggregator {
            // The farm checks that the bot's timeframe and the data's bars tile each other (`FarmRunner`), so
            // no bar reaches past its bucket and nothing is refused here.
            let completed = (try? building.add(bar, closingAt: bar.closeTime.milliseconds)) ?? .init()
            aggregator = building
            if let late = completed.late?.bar {
                // Its time has passed: it feeds the statistics and the signal, but is not traded on.
                observeMarket(late.closeValue)
                _ = signals.update(late)
            }
            decisionBar = completed.current?.bar
        }
        if let decisionBar { observeMarket(decisionBar.closeValue) }
        let before = profile.psychology.emotion
        let equity = equity
        profile.observe(time: bar.closeTime, equity: equity, volatilityRatio: volatilityRatio)
        statistics.observe(time: bar.closeTime.nanoseconds, equity: equity)
        equityCurve.add(time: bar.closeTime.nanoseconds, value: equity)
        if profile.psychology.emotion != before { record(bar.closeTime) }

        var signal: TradeSignal?
        if let decisionBar {
            signal = signals.update(decisionBar)
        }
        if decisionBar != nil, profile.preset.signalDelayBars > 0 {
            if let fresh = signal { delayed.append((barsSeen + profile.preset.signalDelayBars, fresh)) }
            signal = nil
            if let first = delayed.first, first.due <= barsSeen {
                signal = first.signal
                delayed.removeFirst()
            }
        }
        guard pendingOrder == nil else { return }
        if position.raw > 0 {
            manageOpenPosition(bar, signal: signal, context: &context)
        } else if let signal, let decisionBar, signal.target == .long {
            considerEntry(decisionBar, signal: signal, context: &context)
        }
    }

    private mutating func manageOpenPosition(_ bar: Bar, signal: TradeSignal?, context: inout StrategyContext) {
        let entry = entryPrice?.doubleValue ?? bar.closeValue
        var reason: String?
        if let stop = stopPrice, bar.low.doubleValue <= stop {
            reason = "stop_loss"
        } else if let target = takeProfitPrice, bar.high.doubleValue >= target {
            reason = "take_profit"
        } else if let until = holdUntil, bar.closeTime >= until {
            reason = "time_stop"
        } else if let signal, signal.target == .short || signal.target == .flat || signal.target == .exitLong {
            reason = "signal_exit"
        } else if profile.wantsToPanicSell(unrealizedReturn: bar.closeValue / entry - 1) {
            reason = "panic_sell"
        }
        guard let reason else { return }
        exitReason = reason
        decisions.append(
            BotDecision(
                time: bar.closeTime, action: .exit,
                reason: "\(reason) at \(TraderProfile.format(bar.closeValue)) (entry \(TraderProfile.format(entry)))",
                emotion: profile.psychology.emotion))
        pendingOrder = context.submit(.market(bar.instrument, .sell, .base(position), tag: ShortText(truncating: reason)))
    }

    private mutating func considerEntry(_ bar: Bar, signal: TradeSignal, context: inout StrategyContext) {
        let z = zScore
        let strength = 0.5 + 0.3 * tanh(trendFollowing ? z : -z) + 0.2 * max(0, 1 - max(0, volatilityRatio - 1))
        var influences: CosmicInfluences?
        if cosmicEnabled && profile.preset.cosmicWeight > 0 { influences = cosmicInfluences(at: bar.closeTime) }
        let decision = profile.shouldEnterTrade(strength: strength, momentum: z, cosmic: influences)
        if decision.mistake { mistakes += 1 }
        decisions.append(
            BotDecision(
                time: bar.closeTime, action: decision.mistake ? .mistake : (decision.enter ? .enter : .skip),
                reason: decision.reason, emotion: profile.psychology.emotion))
        guard decision.enter else {
            entriesSkipped += 1
            return
        }
        let instrument = context.instrument(bar.instrument)
        let price = bar.closeValue
        let fee = 1 + instrument.takerFee.doubleValue
        let affordable = FixedPoint.toDoubleApproximately(cashRaw) / (price * fee * 1.002)
        let wanted = min(profile.determinePositionSize(equity: equity, price: price), affordable)
        guard let approximate = Quantity(approximating: max(0, wanted)) else { return }
        let quantity = instrument.round(quantity: approximate, rounding: .down)
        guard quantity >= instrument.minQuantity, quantity.raw > 0,
            quantity.doubleValue * price >= instrument.minNotional.doubleValue
        else { return }
        entriesTaken += 1
        pendingOrder = context.submit(.market(bar.instrument, .buy, .base(quantity), tag: ShortText(truncating: persona.rawValue)))
    }

    public mutating func onOrderUpdate(_ update: OrderUpdate, context: inout StrategyContext) {
        if update.clientOrderID == pendingOrder, update.status.isClosed { pendingOrder = nil }
        if update.status == .denied {
            riskRefusals += 1
            let code = update.reason.map { "\($0)" } ?? "risk"
            decisions.append(
                BotDecision(time: context.now, action: .skip, reason: "refused by risk: \(code)", emotion: profile.psychology.emotion))
        }
    }

    public mutating func onFill(_ fill: OrderFilled, update: OrderUpdate?, context: inout StrategyContext) {
        guard let update else { return }
        let instrument = context.instrument(fill.instrument)
        let notional = instrument.notional(of: fill.quantity, at: fill.price).raw
        if fill.side == .buy {
            if position.raw == 0 {
                entryCostRaw = 0
                entryEquity = equity
                entryEmotion = profile.psychology.emotion
                entryTime = fill.exchangeTime
            }
            cashRaw -= notional + fill.fee.raw
            entryCostRaw += notional + fill.fee.raw
            let previous = position
            position = position + fill.quantity
            let oldValue = (entryPrice?.doubleValue ?? 0) * previous.doubleValue
            entryPrice = Price(approximating: (oldValue + fill.price.doubleValue * fill.quantity.doubleValue) / position.doubleValue)
                .map { instrument.round(price: $0) } ?? fill.price
            let reference = entryPrice?.doubleValue ?? fill.price.doubleValue
            stopPrice = profile.setStopLoss(entry: reference, side: .buy, volatility: volatility * 10)
            takeProfitPrice = profile.setTakeProfit(entry: reference, side: .buy)
            if let minutes = profile.holdingLimit() { holdUntil = fill.exchangeTime + .seconds(Int64(minutes) * 60) }
        } else {
            let sold = Quantity.minimum(fill.quantity, position)
            cashRaw += notional - fill.fee.raw
            let costShare = position.raw > 0 ? FixedPoint.multiplyDivide(entryCostRaw, sold.raw, position.raw, rounding: .toNearestOrEven) : 0
            entryCostRaw -= costShare
            position = position - sold
            let proceeds = notional - fill.fee.raw
            accumulateExit(proceeds: proceeds, cost: costShare, quantity: sold)
            if position.raw == 0 { closeRoundTrip(fill, instrument: instrument) }
        }
        if update.status.isClosed, update.clientOrderID == pendingOrder { pendingOrder = nil }
    }

    private var exitProceedsRaw: Int128 = 0
    private var exitCostRaw: Int128 = 0
    private var exitQuantity = Quantity.zero

    private mutating func accumulateExit(proceeds: Int128, cost: Int128, quantity: Quantity) {
        exitProceedsRaw += proceeds
        exitCostRaw += cost
        exitQuantity = exitQuantity + quantity
    }

    private mutating func closeRoundTrip(_ fill: OrderFilled, instrument: Instrument) {
        let pnlRaw = exitProceedsRaw - exitCostRaw
        let pnl = FixedPoint.toDouble(pnlRaw)
        let quantity = exitQuantity
        let averageExit = exitQuantity.raw > 0
            ? Price(approximating: FixedPoint.toDouble(exitProceedsRaw) / exitQuantity.doubleValue).map { instrument.round(price: $0) } ?? fill.price
            : fill.price
        profile.processTradeResult(pnl: pnl, capital: max(entryEquity, 1e-9))
        trades.append(
            BotTrade(
                entryTime: entryTime ?? fill.exchangeTime, entryPrice: entryPrice ?? fill.price, exitTime: fill.exchangeTime,
                exitPrice: averageExit, quantity: quantity, pnl: Money(raw: pnlRaw, currency: capital.currency),
                returnFraction: entryEquity > 0 ? pnl / entryEquity : 0, exitReason: exitReason, emotionAtEntry: entryEmotion,
                emotionAtExit: profile.psychology.emotion))
        exitProceedsRaw = 0
        exitCostRaw = 0
        exitQuantity = .zero
        entryPrice = nil
        entryTime = nil
        stopPrice = nil
        takeProfitPrice = nil
        holdUntil = nil
        exitReason = "signal_exit"
        record(fill.exchangeTime)
    }

    private mutating func record(_ time: Timestamp) {
        let p = profile.psychology
        timeline.append(
            PsychologyPoint(
                time: time, emotion: p.emotion, confidence: p.confidence, stress: p.stress, fatigue: p.fatigue,
                riskTolerance: p.riskTolerance))
    }

    // MARK: Market statistics

    private mutating func observeMarket(_ close: Double) {
        let previous = barsSeen > 0 ? closes[(closeIndex + Self.window) % (Self.window + 1)] : close
        closes[closeIndex] = close
        closeIndex = (closeIndex + 1) % (Self.window + 1)
        let change = previous > 0 ? close / previous - 1 : 0
        let slot = barsSeen % Self.window
        if barsSeen >= Self.window {
            returnSum -= returnWindow[slot]
            returnSquares -= returnWindow[slot] * returnWindow[slot]
        }
        returnWindow[slot] = change
        returnSum += change
        returnSquares += change * change
        barsSeen += 1
        let current = volatility
        if barsSeen >= Self.window {
            longRunVolatility = longRunVolatility.map { $0 + (current - $0) * 0.002 } ?? current
        }
    }

    /// Standard deviation of the last `window` one-bar returns.
    var volatility: Double {
        let count = Double(min(barsSeen, Self.window))
        guard count > 1 else { return 0 }
        let mean = returnSum / count
        return max(0, returnSquares / count - mean * mean).squareRoot()
    }

    /// Recent volatility over its long-run level (1 when typical).
    var volatilityRatio: Double {
        guard let longRun = longRunVolatility, longRun > 0 else { return 1 }
        return volatility / longRun
    }

    /// How far the window's move is, in standard deviations of one-bar returns scaled to the window.
    var zScore: Double {
        guard barsSeen > Self.window else { return 0 }
        let newest = closes[(closeIndex + Self.window) % (Self.window + 1)]
        let oldest = closes[closeIndex]
        let sigma = volatility * Double(Self.window).squareRoot()
        guard oldest > 0, sigma > 0 else { return 0 }
        return (newest / oldest - 1) / sigma
    }

    private mutating func cosmicInfluences(at time: Timestamp) -> CosmicInfluences {
        let hour = time.nanoseconds / 3_600_000_000_000
        if let cached = cachedCosmic, cached.hour == hour { return cached.value }
        let value = cosmic.influences(at: time)
        cachedCosmic = (hour, value)
        return value
    }
}

/// A bot's return statistics from its equity, sampled each bar: drawdown, and hourly returns for Sharpe.
public struct BotStatistics: Sendable, Hashable {
    public private(set) var maxDrawdown = 0.0
    private var peak = 0.0
    private var hour: Int64 = .min
    private var hourEquity = 0.0
    private var returns = 0
    private var sum = 0.0
    private var squares = 0.0

    mutating func observe(time: Int64, equity: Double) {
        peak = max(peak, equity)
        if peak > 0 { maxDrawdown = max(maxDrawdown, (peak - equity) / peak) }
        let current = time / 3_600_000_000_000
        if current != hour {
            if hour != .min, hourEquity > 0 {
                let change = equity / hourEquity - 1
                returns += 1
                sum += change
                squares += change * change
            }
            hour = current
            hourEquity = equity
        }
    }

    /// Annualised Sharpe ratio of hourly returns (risk-free rate 0), `nil` with fewer than two.
    public var sharpe: Double? {
        guard returns > 1 else { return nil }
        let mean = sum / Double(returns)
        let variance = (squares - sum * mean) / Double(returns - 1)
        guard variance > 0 else { return nil }
        return mean / variance.squareRoot() * (24 * 365.0).squareRoot()
    }
}
