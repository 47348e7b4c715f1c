public import TradingBacktest
public import TradingCore
public import TradingCosmos
public import TradingEngine
import TradingIndicators
public import TradingMarketData
public import TradingStrategies

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A farm bot: a persona's signal strategy run through its ``TraderProfile``, trading on the engine's book of
/// its own (``BotBook``).
///
/// The signal source says when; the profile says whether (threshold, mood, cosmic factors, mistakes), how
/// much (risk tolerance × emotion) and, on a perpetual, with what leverage (the persona's maximum scaled by
/// its risk tolerance, within the farm's). Its position, equity and PnL are the engine's per-bot book: bots
/// that share an account and an instrument each know their own. Entries are market orders; the stop-loss,
/// take-profit and holding limit are the engine's exit rules, set for each entry from the persona's
/// distances; the bot itself exits on the signal or in panic. On a perpetual it trades long and short, each
/// holding with its own margin, which the engine liquidates alone; on spot it is long only. With a
/// ``timeframe`` the signal, market statistics and entries work on bars of that timeframe built from the
/// replayed ones (``BarAggregator``; a bar that a gap completes late feeds the signal but is not traded on),
/// while exits, equity and the psychology follow every replayed bar. Every order goes through the engine and
/// its risk policy.
public struct PersonaBot: Strategy, SpecializedStrategy {
    public let id: StrategyID
    public let subscriptions: [InstrumentID]
    public let name: String
    public private(set) var profile: TraderProfile
    /// Whether cosmic factors reach the profile (off for the attribution run).
    public let cosmicEnabled: Bool
    private let cosmic: CosmicCalculator
    private var signals: SignalSource
    /// The capital the bot was given: its equity is this plus the PnL of its book.
    public let capital: Money
    private let capitalValue: Double
    /// The most leverage the farm allows a bot on a perpetual.
    public let maximumLeverage: Double

    private var instrumentIndex: InstrumentIndex?
    private var instrument: Instrument?
    /// Whether the instrument is a perpetual (read on every bar; the instrument itself is a few hundred bytes).
    private var perpetual = false
    /// The instrument the bot trades, once the run has started.
    public var tradedInstrument: Instrument? { instrument }
    /// An order of the bot's own on its way: nothing else is sent meanwhile.
    private var pendingOrder: ClientOrderID?
    /// The decision bar at which a post-only entry started resting (`nil`: none, or its cancel is sent).
    private var restingEntrySince: Int?
    /// Decision bars a post-only entry may rest unfilled before the bot cancels it.
    static let entryPatienceBars = 3
    /// A post-only persona's take-profit: a post-only limit order of its own for the holding (the engine's
    /// exits for a bot are emulated, since bots that share an account net at the venue), and its distance.
    private var takeProfitOrder: ClientOrderID?
    private var takeProfitDistance = 0.0
    /// Builds the bot's timeframe bars (`nil`: it acts on every replayed bar).
    private var aggregator: BarAggregator<Bar>?
    /// Whether the bot builds timeframe bars (`aggregator != nil`, without copying the aggregator on every bar).
    private let aggregates: Bool
    /// The timeframe the bot decides on (`nil`: the replayed bars').
    public var timeframe: Timeframe? { aggregator?.timeframe }

    /// The bot's equity at the last price: capital plus its book's PnL.
    public private(set) var equity: Double
    /// The last price the bot saw.
    public private(set) var lastMark: Double = 0
    /// Whether the bot held its instrument at the last bar.
    private var heldLastBar = false
    /// The average entry price of the holding with this quantity and cost (raw).
    private var entryPriceCache: (quantity: Int128, cost: Int128, price: Double?)?
    /// The time of the last bar the bot saw.
    public private(set) var lastTime = Timestamp.zero
    /// Times at which the bot notes its equity (the market's phase boundaries), and the equity it had at each
    /// it has passed: at the last bar closing at or before it.
    private let checkpoints: [Timestamp]
    public private(set) var checkpointEquity: [Double] = []

    /// Strength, momentum and volatility of the decision bars.
    private var market = MarketStatistics(window: 20)
    private var delayed: [(due: Int, signal: TradeSignal)] = []
    private var cachedCosmic: (hour: Int64, value: CosmicInfluences)?

    /// The round trip in progress: what the trade list needs beyond the book.
    private var entry: OpenTrade?

    // Records.
    public private(set) var trades: [BotTrade] = []
    public private(set) var decisions = RecentList<BotDecision>(capacity: 50)
    public private(set) var timeline: [PsychologyPoint] = []
    public private(set) var equityCurve = SeriesDownsampler(capacity: 1_000)
    /// The bot's equity statistics, as the results library computes a backtest's (``EquityStatistics``).
    public private(set) var statistics: EquityStatistics?
    /// The bot's book as it stood after its last event.
    public private(set) var book = BotBook(instrumentCount: 0)
    /// The engine's exits on the bot's holding, as they stood after its last event.
    public private(set) var exits: PositionExits?
    public private(set) var entriesTaken = 0
    public private(set) var entriesSkipped = 0
    public private(set) var mistakes = 0
    /// Orders the risk engine refused (farm limits, the bot's capital or daily loss limit).
    public private(set) var riskRefusals = 0

    private struct OpenTrade: Sendable {
        let side: PositionSide
        let leverage: Ratio
        let time: Timestamp
        let equity: Double
        let emotion: EmotionalState
        /// The book's realized PnL before the round trip, to measure the round trip's.
        let realizedBefore: Int128
        /// The book's fees and funding before the round trip.
        let feesBefore: Int128
        let fundingBefore: Int128
        var entryQuantity = Quantity.zero
        var entryNotional: Int128 = 0
        var exitQuantity = Quantity.zero
        var exitNotional: Int128 = 0
        var exitReason = "signal_exit"
    }

    /// - Throws: ``StrategyParameterError`` when the preset's strategy or parameters are bad.
    public init(
        id: StrategyID,
        name: String,
        instrument: InstrumentID,
        preset: PersonaPreset,
        capital: Money,
        seed: UInt64,
        cosmic: CosmicCalculator = CosmicCalculator(),
        cosmicEnabled: Bool = true,
        timeframe: Timeframe? = nil,
        maximumLeverage: Double = 1,
        checkpoints: [Timestamp] = []
    ) throws(StrategyParameterError) {
        self.checkpoints = checkpoints
        aggregator = timeframe.map { BarAggregator(timeframe: $0) }
        aggregates = timeframe != nil
        self.id = id
        self.name = name
        subscriptions = [instrument]
        profile = TraderProfile(preset: preset, seed: seed)
        signals = try SignalSource(strategy: preset.strategy, parameters: preset.parameters)
        self.cosmic = cosmic
        self.cosmicEnabled = cosmicEnabled
        self.capital = capital
        self.maximumLeverage = max(1, maximumLeverage)
        equity = capital.doubleValue
        capitalValue = capital.doubleValue
    }

    public var persona: Persona { profile.preset.persona }

    /// The bot's results as a backtest reports its own (return, drawdown, Sharpe, …), from its equity curve
    /// and its final equity; `nil` before the run started.
    public var performance: PerformanceSummary? {
        guard let statistics, let final = FixedPoint.fromDouble(equity) else { return nil }
        return statistics.summary(
            currency: capital.currency,
            initial: capital,
            final: Money(raw: final, currency: capital.currency),
            endTime: lastTime.nanoseconds
        )
    }

    public var orderUpdateInterest: OrderUpdateInterest { .closing }

    public mutating func onStart(context: inout StrategyContext) {
        instrumentIndex = context.index(of: subscriptions[0])
        instrument = instrumentIndex.map { context.instrument($0) }
        perpetual = instrument?.kind == .linearPerpetual
        statistics = EquityStatistics(initialEquity: capital.doubleValue, start: context.now.nanoseconds)
        readBook(context)
        record(context.now)
    }

    public mutating func onBar(_ bar: Bar, context: inout StrategyContext) {
        guard let index = instrumentIndex, bar.instrument == index else { return }
        lastMark = bar.closeValue
        guard aggregates, var building = aggregator else {
            return step(bar, decisionBar: bar, decides: true, context: &context)
        }
        // The farm checks that the bot's timeframe and the data's bars tile each other (`FarmRunner`), so no bar
        // reaches past its bucket and nothing is refused here.
        let completed = (try? building.add(bar, closingAt: bar.closeTime.milliseconds)) ?? .init()
        aggregator = building
        if let late = completed.late?.bar {
            // Its time has passed: it feeds the statistics and the signal, but is not traded on.
            market.observe(late.closeValue)
            _ = signals.update(late)
        }
        if let current = completed.current?.bar {
            step(bar, decisionBar: current, decides: true, context: &context)
        } else {
            step(bar, decisionBar: bar, decides: false, context: &context)
        }
    }

    /// One replayed `bar`: the market statistics, signal and entries on `decisionBar` when the bot `decides` on
    /// this bar (the bar itself, or the timeframe bar it completed); equity, psychology and exits on every bar.
    /// (The decision bar is passed beside a flag, not as an optional: an optional bar is copied on every bar.)
    private mutating func step(_ bar: Bar, decisionBar: Bar, decides: Bool, context: inout StrategyContext) {
        guard let index = instrumentIndex else { return }
        if decides { market.observe(decisionBar.closeValue) }
        // Flat, the book's PnL is its realized PnL, which only a fill changes: the bot's own fills reach
        // `onFill`, which reads it, and a holding the venue closes was held at the last bar. So it is read while
        // the bot holds and on the bar after.
        let holds = context.holds(index)
        while checkpointEquity.count < checkpoints.count && bar.closeTime > checkpoints[checkpointEquity.count] {
            checkpointEquity.append(equity)
        }
        if holds || heldLastBar, let pnl = context.bookPnLEstimate { equity = capitalValue + pnl }
        heldLastBar = holds
        let before = profile.psychology.emotion
        profile.observe(time: bar.closeTime, equity: equity, volatilityRatio: market.volatilityRatio)
        statistics?.record(time: bar.closeTime.nanoseconds, equity: equity, positionOpen: holds)
        lastTime = bar.closeTime
        equityCurve.add(time: bar.closeTime.nanoseconds, value: equity)
        if profile.psychology.emotion != before { record(bar.closeTime) }

        var signal: TradeSignal?
        if decides { signal = signals.update(decisionBar) }
        if decides, profile.preset.signalDelayBars > 0 {
            if let fresh = signal { delayed.append((market.barsSeen + profile.preset.signalDelayBars, fresh)) }
            signal = nil
            if let first = delayed.first, first.due <= market.barsSeen {
                signal = first.signal
                delayed.removeFirst()
            }
        }
        // Nothing while an order of its own is working: a post-only entry that has rested for
        // ``entryPatienceBars`` decision bars unfilled is cancelled.
        if let pending = pendingOrder {
            if let placed = restingEntrySince, market.barsSeen - placed >= Self.entryPatienceBars {
                context.cancel(pending)
                restingEntrySince = nil
            }
            return
        }
        if holds, let holding = context.holding(index) {
            // Native exits (a resting stop and take-profit) stay open while the bot holds; an exit the engine
            // sent at the market is waited for.
            guard !context.openOrders(index).contains(where: { $0.type == .market }) else { return }
            manageOpenHolding(holding, bar: bar, signal: signal, context: &context)
        } else if !context.hasOpenOrders(index), decides, let signal,
            let side = Self.entrySide(for: signal.target, perpetual: perpetual)
        {
            considerEntry(decisionBar, side: side, context: &context)
        }
    }

    /// The side a signal asks to enter: long on `long`; short on `short`, on a perpetual only.
    private static func entrySide(for target: TradeSignal.Target, perpetual: Bool) -> OrderSide? {
        switch target {
        case .long: .buy
        case .short where perpetual: .sell
        default: nil
        }
    }

    /// Whether a signal turns against a long (`short`, `flat`, `exit_long`) or a short holding.
    private static func turns(_ target: TradeSignal.Target, against long: Bool) -> Bool {
        switch target {
        case .flat: true
        case .short, .exitLong: long
        case .long, .exitShort: !long
        }
    }

    /// The bot's own exits: the signal turning against the holding, or panic. The stop-loss, take-profit and
    /// holding limit are the engine's (set at entry).
    private mutating func manageOpenHolding(
        _ holding: BotBook.Holding,
        bar: Bar,
        signal: TradeSignal?,
        context: inout StrategyContext
    ) {
        let long = holding.side == .long
        // The average entry, exact, worked out again only when the holding has changed.
        if entryPriceCache?.quantity != holding.quantityRaw || entryPriceCache?.cost != holding.costRaw {
            guard let instrument else { return }
            entryPriceCache = (holding.quantityRaw, holding.costRaw, holding.averageEntryPrice(instrument)?.doubleValue)
        }
        let entryPrice = entryPriceCache?.price ?? bar.closeValue
        let move = long ? bar.closeValue / entryPrice - 1 : 1 - bar.closeValue / entryPrice
        var reason: String?
        if let target = signal?.target, Self.turns(target, against: long) {
            reason = "signal_exit"
        } else if profile.wantsToPanicSell(unrealizedReturn: move) {
            reason = "panic_sell"
        }
        guard let reason else { return }
        decisions.append(
            BotDecision(
                time: bar.closeTime,
                action: .exit,
                reason: "\(reason) of a \(holding.side.rawValue) at \(TraderProfile.format(bar.closeValue)) "
                    + "(entry \(TraderProfile.format(entryPrice)))",
                emotion: profile.psychology.emotion
            )
        )
        if let order = takeProfitOrder { context.cancel(order) }
        takeProfitOrder = nil
        pendingOrder = context.submit(
            .market(bar.instrument, long ? .sell : .buy, .base(holding.quantity), tag: ShortText(truncating: reason))
        )
    }

    /// A maker persona's take-profit for its whole holding: a post-only limit at the entry price plus the
    /// distance set at entry, on the tick away from the market.
    private mutating func placeTakeProfit(context: inout StrategyContext) {
        guard profile.preset.entryOrder == .postOnly, takeProfitOrder == nil, let instrument,
            let index = instrumentIndex, let holding = context.holding(index),
            let entry = holding.averageEntryPrice(instrument)?.doubleValue
        else { return }
        let long = holding.side == .long
        guard
            let approximate = Price(
                approximating: long ? entry * (1 + takeProfitDistance) : entry * (1 - takeProfitDistance)
            )
        else { return }
        let price = instrument.round(price: approximate, rounding: long ? .up : .down)
        takeProfitOrder = context.submit(
            .limit(
                index,
                long ? .sell : .buy,
                holding.quantity,
                price: price,
                timeInForce: .postOnly,
                tag: ShortText(truncating: "take_profit")
            )
        )
    }

    private mutating func considerEntry(_ bar: Bar, side: OrderSide, context: inout StrategyContext) {
        guard let instrument else { return }
        // Strength is the move in the entry's direction: support for a trend follower, against a reversal.
        let momentum = side == .buy ? market.zScore : -market.zScore
        let trendFollowing = signals.style == .trendFollowing
        let strength =
            0.5 + 0.3 * tanh(trendFollowing ? momentum : -momentum)
            + 0.2 * max(0, 1 - max(0, market.volatilityRatio - 1))
        var influences: CosmicInfluences?
        if cosmicEnabled && profile.preset.cosmicWeight > 0 { influences = cosmicInfluences(at: bar.closeTime) }
        let decision = profile.shouldEnterTrade(strength: strength, momentum: momentum, cosmic: influences)
        if decision.mistake { mistakes += 1 }
        let direction = side == .buy ? "long" : "short"
        decisions.append(
            BotDecision(
                time: bar.closeTime,
                action: decision.mistake ? .mistake : (decision.enter ? .enter : .skip),
                reason: "\(direction) \(decision.reason)",
                emotion: profile.psychology.emotion
            )
        )
        guard decision.enter else {
            entriesSkipped += 1
            return
        }
        let perpetual = instrument.kind == .linearPerpetual
        let leverage =
            perpetual
            ? profile.determineLeverage(instrumentMaximum: min(maximumLeverage, instrument.maxLeverage.doubleValue)) : 1
        // The margin is the persona's share of its equity; on a perpetual the position is that times the
        // leverage. It must leave room for the margin or cost and the fee from what the bot has free.
        let price = bar.closeValue
        let fee = instrument.takerFee.doubleValue
        let free = equity - FixedPoint.toDoubleApproximately(book.committedRaw(instruments: [instrument]))
        let affordable = max(0, free) / (price * (1 / leverage + fee) * 1.002)
        let wanted = min(profile.determinePositionSize(equity: equity, price: price) * leverage, affordable)
        guard let approximate = Quantity(approximating: max(0, wanted)) else { return }
        let quantity = instrument.round(quantity: approximate, rounding: .down)
        guard quantity >= instrument.minQuantity, quantity.raw > 0,
            quantity.doubleValue * price >= instrument.minNotional.doubleValue
        else { return }
        // Leverage in hundredths, rounded down: what a venue's leverage setting accepts.
        if perpetual, let raw = FixedPoint.fromDouble((leverage * 100).rounded(.down) / 100) {
            context.setLeverage(Ratio(raw: raw), on: bar.instrument)
        }
        context.setExitPlan(exitPlan(), for: bar.instrument)
        entriesTaken += 1
        let tag = ShortText(truncating: persona.rawValue)
        switch profile.preset.entryOrder {
        case .market:
            pendingOrder = context.submit(.market(bar.instrument, side, .base(quantity), tag: tag))
        case .postOnly:
            // Half a bar's typical move inside the close (at least a tick), on the tick away from the market.
            let offset = max(instrument.tickSize.doubleValue, price * market.volatility / 2)
            let wanted = side == .buy ? price - offset : price + offset
            guard let approximatePrice = Price(approximating: wanted) else { return }
            let limit = instrument.round(price: approximatePrice, rounding: side == .buy ? .down : .up)
            pendingOrder = context.submit(
                .limit(bar.instrument, side, quantity, price: limit, timeInForce: .postOnly, tag: tag)
            )
            restingEntrySince = market.barsSeen
        }
    }

    /// The engine's exits for the next entry: the persona's stop-loss and take-profit distances (as the
    /// mood and the market set them now) and its holding limit.
    private mutating func exitPlan() -> ExitPlan? {
        let stop = profile.stopDistance(volatility: market.volatility * 10)
        let target = profile.takeProfitDistance()
        let minutes = profile.holdingLimit()
        guard let stopRaw = FixedPoint.fromDouble(min(0.9, stop)), stopRaw > 0,
            let multipleRaw = FixedPoint.fromDouble(target / min(0.9, stop)), multipleRaw > 0
        else { return nil }
        let stopFraction = Ratio(raw: stopRaw)
        let multiple = Ratio(raw: multipleRaw)
        // A maker persona rests its own take-profit (``placeTakeProfit``); the engine watches the rest.
        let maker = profile.preset.entryOrder == .postOnly
        takeProfitDistance = target
        return try? ExitPlan(
            stop: .percent(stopFraction),
            timeStop: minutes.map { .seconds(Int64($0) * 60) },
            takeProfits: maker ? [] : [TakeProfitLevel(rMultiple: multiple, fraction: .one)],
            placement: .emulated
        )
    }

    public mutating func onOrderUpdate(_ update: OrderUpdate, context: inout StrategyContext) {
        if update.clientOrderID == takeProfitOrder, update.status.isClosed { takeProfitOrder = nil }
        if update.clientOrderID == pendingOrder, update.status.isClosed {
            pendingOrder = nil
            restingEntrySince = nil
            placeTakeProfit(context: &context)
        }
        if update.status == .denied {
            riskRefusals += 1
            let code = update.reason.map { "\($0)" } ?? "risk"
            decisions.append(
                BotDecision(
                    time: context.now,
                    action: .skip,
                    reason: "refused by risk: \(code)",
                    emotion: profile.psychology.emotion
                )
            )
        }
    }

    public mutating func onFill(_ fill: OrderFilled, update: OrderUpdate?, context: inout StrategyContext) {
        guard let instrument, fill.instrument == instrumentIndex else { return }
        let before = book.holding(fill.instrument)
        // The round trip's PnL counts from before its first fill, so that the entry's fee is in it.
        let realizedBefore = book.realizedRaw
        let feesBefore = book.feesRaw
        let fundingBefore = book.fundingRaw
        // A trade's return is over the equity before its entry fill (and its fee).
        let equityBefore = equity
        readBook(context)
        let after = book.holding(fill.instrument)
        let notional = instrument.notional(of: fill.quantity, at: fill.price).raw
        if before == nil || (after != nil && after?.side != before?.side) {
            // A new holding (or a flip: the closing part is booked below first).
            if let before, var trade = entry {
                trade.exitQuantity = trade.exitQuantity + before.quantity
                trade.exitNotional += instrument.notional(of: before.quantity, at: fill.price).raw
                trade.exitReason = Self.exitReason(update?.tag)
                close(trade, at: fill, instrument: instrument)
            }
            if let after {
                entry = OpenTrade(
                    side: after.side,
                    leverage: after.leverage,
                    time: fill.exchangeTime,
                    equity: before == nil ? equityBefore : equity,
                    emotion: profile.psychology.emotion,
                    realizedBefore: before == nil ? realizedBefore : book.realizedRaw,
                    feesBefore: before == nil ? feesBefore : book.feesRaw,
                    fundingBefore: before == nil ? fundingBefore : book.fundingRaw,
                    entryQuantity: after.quantity,
                    entryNotional: instrument.notional(of: after.quantity, at: fill.price).raw
                )
            }
        } else if var trade = entry {
            if let after, let before, after.quantity > before.quantity {
                trade.entryQuantity = trade.entryQuantity + fill.quantity
                trade.entryNotional += notional
            } else {
                trade.exitQuantity = trade.exitQuantity + fill.quantity
                trade.exitNotional += notional
                trade.exitReason = Self.exitReason(update?.tag)
            }
            entry = trade
            if after == nil { close(trade, at: fill, instrument: instrument) }
        }
        if let update, update.status.isClosed, update.clientOrderID == takeProfitOrder { takeProfitOrder = nil }
        if after == nil, let order = takeProfitOrder {
            // Closed by a stop, the holding limit or the venue: the take-profit goes too.
            context.cancel(order)
            takeProfitOrder = nil
        }
        if let update, update.status.isClosed, update.clientOrderID == pendingOrder {
            pendingOrder = nil
            restingEntrySince = nil
            placeTakeProfit(context: &context)
        }
    }

    /// The trade list's exit reason for an order's tag: the bot's own reasons as they are, the engine's exits
    /// by rule (its one take-profit level, `take_profit_1`, is `take_profit`), `liquidation` without an order.
    private static func exitReason(_ tag: ShortText?) -> String {
        guard let tag = tag?.string else { return "liquidation" }
        return tag == "take_profit_1" ? "take_profit" : tag
    }

    /// Records a finished round trip and lets its result move the psychology.
    private mutating func close(_ trade: OpenTrade, at fill: OrderFilled, instrument: Instrument) {
        let pnlRaw = book.realizedRaw - trade.realizedBefore
        let pnl = FixedPoint.toDouble(pnlRaw)
        profile.processTradeResult(pnl: pnl, capital: max(trade.equity, 1e-9))
        trades.append(
            BotTrade(
                side: trade.side,
                leverage: trade.leverage,
                entryTime: trade.time,
                entryPrice: Self.average(trade.entryNotional, trade.entryQuantity, instrument),
                exitTime: fill.exchangeTime,
                exitPrice: Self.average(trade.exitNotional, trade.exitQuantity, instrument),
                quantity: trade.entryQuantity,
                pnl: Money(raw: pnlRaw, currency: capital.currency),
                feesRaw: book.feesRaw - trade.feesBefore,
                fundingRaw: book.fundingRaw - trade.fundingBefore,
                entryNotionalRaw: trade.entryNotional,
                returnFraction: trade.equity > 0 ? pnl / trade.equity : 0,
                exitReason: trade.exitReason,
                emotionAtEntry: trade.emotion,
                emotionAtExit: profile.psychology.emotion
            )
        )
        entry = nil
        record(fill.exchangeTime)
    }

    /// A volume-weighted price on the instrument's tick.
    private static func average(_ notional: Int128, _ quantity: Quantity, _ instrument: Instrument) -> Price {
        guard quantity.raw > 0 else { return .zero }
        let contracts = NetPosition.contractValue(quantity.raw, multiplier: instrument.contractMultiplier)
        return instrument.round(price: Price(raw: FixedPoint.divide(notional, contracts, rounding: .toNearestOrEven)))
    }

    public mutating func onStop(context: inout StrategyContext) {
        readBook(context)
        while checkpointEquity.count < checkpoints.count { checkpointEquity.append(equity) }
    }

    /// Takes the engine's book of this bot, its exits and its equity at the last prices.
    private mutating func readBook(_ context: borrowing StrategyContext) {
        if let current = context.book { book = current }
        if let pnl = context.bookPnLEstimate { equity = capitalValue + pnl }
        exits = instrumentIndex.flatMap { book.exits.indices.contains($0.int) ? book.exits[$0.int] : nil }
    }

    private mutating func record(_ time: Timestamp) {
        let p = profile.psychology
        timeline.append(
            PsychologyPoint(
                time: time,
                emotion: p.emotion,
                confidence: p.confidence,
                stress: p.stress,
                fatigue: p.fatigue,
                riskTolerance: p.riskTolerance
            )
        )
    }

    private mutating func cosmicInfluences(at time: Timestamp) -> CosmicInfluences {
        let hour = time.nanoseconds / 3_600_000_000_000
        if let cached = cachedCosmic, cached.hour == hour { return cached.value }
        let value = cosmic.influences(at: time)
        cachedCosmic = (hour, value)
        return value
    }
}

/// The market statistics a bot's decisions read, over its decision bars: the volatility of one-bar returns
/// (``RollingStandardDeviation``), its long-run level, and the move over the window in standard deviations.
private struct MarketStatistics: Sendable {
    let window: Int
    private var closes: RingBuffer
    private var returns: RollingStandardDeviation
    private var longRunVolatility: Double?
    private(set) var barsSeen = 0

    init(window: Int) {
        self.window = window
        closes = RingBuffer(capacity: window + 1)
        returns = RollingStandardDeviation(period: window, minimumCount: 2)
    }

    mutating func observe(_ close: Double) {
        let previous = closes.last ?? close
        closes.append(close)
        returns.update(previous > 0 ? close / previous - 1 : 0)
        barsSeen += 1
        if barsSeen >= window {
            let current = volatility
            longRunVolatility = longRunVolatility.map { $0 + (current - $0) * 0.002 } ?? current
        }
    }

    /// Standard deviation of the last `window` one-bar returns (of those so far while fewer; 0 with one).
    var volatility: Double { returns.value ?? 0 }

    /// Recent volatility over its long-run level (1 when typical).
    var volatilityRatio: Double {
        guard let longRun = longRunVolatility, longRun > 0 else { return 1 }
        return volatility / longRun
    }

    /// How far the window's move is, in standard deviations of one-bar returns scaled to the window.
    var zScore: Double {
        guard barsSeen > window, let newest = closes.last, let oldest = closes.first else { return 0 }
        let sigma = volatility * Double(window).squareRoot()
        guard oldest > 0, sigma > 0 else { return 0 }
        return (newest / oldest - 1) / sigma
    }
}

/// The last `capacity` values, oldest first.
private struct RingBuffer: Sendable {
    private var values: [Double]
    private var next = 0
    private(set) var count = 0

    init(capacity: Int) { values = Array(repeating: 0, count: capacity) }

    mutating func append(_ value: Double) {
        values[next] = value
        next = next + 1 == values.count ? 0 : next + 1
        count = min(count + 1, values.count)
    }

    /// The newest value.
    var last: Double? { count == 0 ? nil : values[next == 0 ? values.count - 1 : next - 1] }
    /// The oldest value kept.
    var first: Double? { count == 0 ? nil : values[count < values.count ? 0 : next] }
}
