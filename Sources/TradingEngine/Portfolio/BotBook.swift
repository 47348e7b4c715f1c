public import TradingCore

/// One bot's own book inside a shared account, kept by the engine from the fills of the bot's own orders
/// (``EngineConfiguration/bots``).
///
/// Bots that trade the same instrument each keep their own holding, cost, margin and PnL, even though the
/// account nets their positions, so a bot's result, what it commits and when it is liquidated never depend on
/// which bot opened the account's position. On a perpetual each holding has the bot's own isolated margin,
/// `cost / leverage` at the leverage the bot chose (``StrategyContext/setLeverage(_:on:)``); when the mark
/// reaches the holding's liquidation price the engine closes it with a market order (`liquidation`), so the
/// loss stays within that bot's allocation. Funding is split by holding: a bot pays or receives it on its own
/// quantity.
///
/// | event | holding | book |
/// | --- | --- | --- |
/// | fill that opens or adds `q` at `p` | quantity ± `q`; cost ± `q·p`; margin += `q·p / leverage` (perpetual) | fees += fee |
/// | fill that reduces by `q` at `p` | cost and margin shrink in proportion | realized += `±(q·p) − cost share` |
/// | funding at rate `r`, mark `m` | funding −= `quantity·m·r` (long; short receives) | realized, funding likewise |
public struct BotBook: Sendable, Hashable {
    /// A bot's holding of one instrument.
    public struct Holding: Sendable, Hashable {
        /// Net quantity: positive long, negative short (raw).
        public internal(set) var quantityRaw: Int128 = 0
        /// Signed cost of the open quantity (`Σ ± notional` at entry prices, raw; negative for shorts).
        public internal(set) var costRaw: Int128 = 0
        /// The bot's isolated margin for the holding (perpetuals; zero for spot), raw.
        public internal(set) var marginRaw: Int128 = 0
        /// The leverage the holding opened with (1 for spot).
        public internal(set) var leverage: Ratio = .one
        /// When the holding opened (its first fill).
        public internal(set) var openedAt: Timestamp = .zero
        /// Where the engine liquidates the holding (perpetuals), kept as the holding changes.
        public internal(set) var liquidationPrice: Price?

        /// Long, short or flat.
        public var side: PositionSide { quantityRaw > 0 ? .long : quantityRaw < 0 ? .short : .flat }
        /// The open quantity (absolute).
        public var quantity: Quantity { Quantity(raw: abs(quantityRaw)) }

        /// The average entry price, rounded to the instrument's tick.
        public func averageEntryPrice(_ instrument: Instrument) -> Price? {
            guard quantityRaw != 0 else { return nil }
            let contracts = NetPosition.contractValue(abs(quantityRaw), multiplier: instrument.contractMultiplier)
            let raw = FixedPoint.divide(abs(costRaw), contracts, rounding: .toNearestOrEven)
            return instrument.round(price: Price(raw: raw))
        }

        /// PnL of the holding at `mark`, exact.
        public func unrealizedRaw(at mark: Price, instrument: Instrument) -> Int128 {
            guard quantityRaw != 0 else { return 0 }
            let value = instrument.notional(of: quantity, at: mark).raw
            return (quantityRaw > 0 ? value : -value) - costRaw
        }

        /// The mark at which the holding's margin is used up down to the maintenance margin (perpetuals; the
        /// formula of ``NetPosition/liquidationPrice(maintenanceMarginRate:multiplier:)``), rounded to the tick
        /// towards the holding's side; `nil` for spot and for flat holdings.
        func computeLiquidationPrice(_ instrument: Instrument) -> Price? {
            guard instrument.kind == .linearPerpetual, quantityRaw != 0 else { return nil }
            var position = NetPosition()
            position.signedQuantityRaw = quantityRaw
            position.costBasisRaw = abs(costRaw)
            position.isolatedMarginRaw = marginRaw
            guard
                let price = position.liquidationPrice(
                    maintenanceMarginRate: instrument.maintenanceMarginRate,
                    multiplier: instrument.contractMultiplier
                ),
                price.raw > 0
            else { return nil }
            return instrument.round(price: price, rounding: quantityRaw > 0 ? .up : .down)
        }
    }

    /// Holdings by instrument index (`nil` where the bot is flat).
    public private(set) var holdings: [Holding?]
    /// What the engine reads of each holding on every bar, by instrument index, side by side in plain numbers.
    private(set) var watches: [HoldingWatch]
    /// How many instruments the bot holds: with none, a bar's questions are answered without reading
    /// ``watches``.
    private(set) var heldCount = 0
    /// The engine's exits on each holding, by instrument index, when the bot set an exit plan for it.
    public private(set) var exits: [PositionExits?]
    /// The liquidation order on its way for each holding, by instrument index, if any.
    var liquidationOrders: [ClientOrderID?]
    /// Realized PnL net of fees and funding, raw, in the settlement currency.
    public internal(set) var realizedRaw: Int128 = 0
    /// Fees paid on the bot's fills, raw (also taken from ``realizedRaw``).
    public internal(set) var feesRaw: Int128 = 0
    /// Funding received (positive) or paid on the bot's holdings, raw (also in ``realizedRaw``).
    public internal(set) var fundingRaw: Int128 = 0
    /// Holdings the engine liquidated.
    public internal(set) var liquidations = 0
    /// The leverage the bot opens new perpetual holdings with, by instrument index (`nil`: 1).
    public internal(set) var leverage: [Ratio?]
    /// The most leverage the bot may choose.
    public let maximumLeverage: Ratio

    /// An empty book for an engine with `instrumentCount` instruments.
    public init(instrumentCount: Int, maximumLeverage: Ratio = .one) {
        self.maximumLeverage = maximumLeverage
        holdings = Array(repeating: nil, count: instrumentCount)
        watches = Array(repeating: HoldingWatch(), count: instrumentCount)
        exits = Array(repeating: nil, count: instrumentCount)
        liquidationOrders = Array(repeating: nil, count: instrumentCount)
        leverage = Array(repeating: nil, count: instrumentCount)
    }

    /// Sets the exits on the holding at instrument index `index`, and their triggers.
    mutating func setExits(_ newExits: consuming PositionExits?, at index: Int) {
        watches[index].exits = newExits?.triggers ?? .never
        exits[index] = newExits
    }

    /// Takes the exits on the holding at instrument index `index` out of the book (moved, not copied), to be
    /// put back with ``setExits(_:at:)``.
    mutating func takeExits(at index: Int) -> PositionExits? {
        var taken: PositionExits?
        swap(&taken, &exits[index])
        return taken
    }

    /// The bot's holding of `instrument`, if any.
    public func holding(_ instrument: InstrumentIndex) -> Holding? {
        holdings.indices.contains(instrument.int) ? holdings[instrument.int] : nil
    }

    /// The open holdings, by instrument.
    public var openHoldings: [(instrument: InstrumentIndex, holding: Holding)] {
        holdings.indices.compactMap { index in holdings[index].map { (InstrumentIndex(index), $0) } }
    }

    /// Books one fill of the bot's order. Returns whether the bot's holding of the instrument opened or closed.
    @discardableResult
    mutating func apply(_ fill: OrderFilled, instrument: Instrument) -> (opened: Bool, closed: Bool) {
        let index = fill.instrument.int
        var holding = holdings[index] ?? Holding()
        let before = holding.quantityRaw
        let perpetual = instrument.kind == .linearPerpetual
        let direction: Int128 = fill.side == .buy ? 1 : -1
        var remaining = fill.quantity.raw
        if holding.quantityRaw != 0 && (holding.quantityRaw > 0) != (direction > 0) {
            // Closes (part of) the holding at its average cost.
            let open = abs(holding.quantityRaw)
            let closing = min(remaining, open)
            let costShare = FixedPoint.multiplyDivide(holding.costRaw, closing, open, rounding: .toNearestOrEven)
            let marginShare =
                closing == open
                ? holding.marginRaw
                : FixedPoint.multiplyDivide(holding.marginRaw, closing, open, rounding: .toNearestOrEven)
            let proceeds = instrument.notional(of: Quantity(raw: closing), at: fill.price).raw
            realizedRaw += (holding.quantityRaw > 0 ? proceeds : -proceeds) - costShare
            holding.costRaw -= costShare
            holding.marginRaw -= marginShare
            holding.quantityRaw += direction * closing
            remaining -= closing
        }
        if remaining > 0 {
            if holding.quantityRaw == 0 {
                holding.openedAt = fill.exchangeTime
                holding.leverage = perpetual ? leverage[index] ?? .one : .one
                liquidationOrders[index] = nil
                setExits(nil, at: index)
            }
            let notional = instrument.notional(of: Quantity(raw: remaining), at: fill.price).raw
            holding.quantityRaw += direction * remaining
            holding.costRaw += direction * notional
            if perpetual { holding.marginRaw += FixedPoint.divide(notional, holding.leverage.raw, rounding: .up) }
        }
        if holding.quantityRaw == 0 {
            holding.costRaw = 0
            holding.marginRaw = 0
        }
        holding.liquidationPrice = holding.computeLiquidationPrice(instrument)
        var liquidation = ExitTriggers.never
        if let price = holding.liquidationPrice {
            if holding.quantityRaw > 0 {
                liquidation.lowAtOrBelow = price.raw
            } else {
                liquidation.highAtOrAbove = price.raw
            }
        }
        watches[index].liquidation = liquidation
        watches[index].units = FixedPoint.toDoubleApproximately(
            NetPosition.contractValue(holding.quantityRaw, multiplier: instrument.contractMultiplier)
        )
        watches[index].cost = FixedPoint.toDoubleApproximately(holding.costRaw)
        holdings[index] = holding.quantityRaw == 0 ? nil : holding
        let holds = holding.quantityRaw != 0
        if holds != watches[index].held { heldCount += holds ? 1 : -1 }
        watches[index].held = holds
        if holding.quantityRaw == 0 { setExits(nil, at: index) }
        let fee: Int128
        if fill.fee.currency == instrument.settlementCurrency {
            fee = fill.fee.raw
        } else if fill.fee.currency == instrument.base {
            fee = FixedPoint.multiply(fill.fee.raw, fill.price.raw, rounding: .toNearestOrEven)
        } else {
            fee = 0
        }
        realizedRaw -= fee
        feesRaw += fee
        let after = holding.quantityRaw
        let flipped = before != 0 && after != 0 && (before > 0) != (after > 0)
        return (opened: after != 0 && (before == 0 || flipped), closed: before != 0 && (after == 0 || flipped))
    }

    /// Books the bot's share of a funding event: longs pay `quantity × mark × rate` (shorts receive it), on
    /// the bot's own quantity.
    mutating func applyFunding(rate: Ratio, mark: Price, on index: InstrumentIndex, instrument: Instrument) {
        guard let holding = holdings[index.int] else { return }
        let notional = instrument.notional(of: holding.quantity, at: mark)
        let amount = notional.multiplied(by: rate, rounding: .toNearestOrEven).raw
        let payment = holding.quantityRaw > 0 ? -amount : amount
        realizedRaw += payment
        fundingRaw += payment
    }

    /// Records a liquidation the engine started.
    mutating func noteLiquidation() { liquidations += 1 }

    /// Sets the leverage for the bot's next perpetual holdings on an instrument.
    mutating func setLeverage(_ value: Ratio, for instrument: InstrumentIndex) { leverage[instrument.int] = value }

    /// Realized plus unrealized PnL, with holdings marked by `mark` (raw).
    public func pnl(instruments: [Instrument], mark: (InstrumentIndex) -> Price?) -> Int128 {
        var total = realizedRaw
        for index in holdings.indices {
            guard let holding = holdings[index], let price = mark(InstrumentIndex(index)) else { continue }
            total += holding.unrealizedRaw(at: price, instrument: instruments[index])
        }
        return total
    }

    /// ``pnl(instruments:mark:)`` as a `Double` estimate, with `Double` marks by instrument index, from mirrors
    /// of the exact book (for per-bar analytics, never for the ledger).
    public func pnlEstimate(mark: (Int) -> Double) -> Double {
        var total = FixedPoint.toDoubleApproximately(realizedRaw)
        guard heldCount > 0 else { return total }
        for index in watches.indices where watches[index].held {
            total += watches[index].units * mark(index) - watches[index].cost
        }
        return total
    }

    /// What the bot's holdings commit, raw: their cost for spot, their margin for perpetuals.
    public func committedRaw(instruments: [Instrument]) -> Int128 {
        var total: Int128 = 0
        for index in holdings.indices {
            guard let holding = holdings[index] else { continue }
            total += instruments[index].kind == .spot ? abs(holding.costRaw) : holding.marginRaw
        }
        return total
    }
}

/// What the engine reads of one bot holding on every bar, kept beside the holding as it changes: whether it
/// is open, `Double` mirrors of its signed contract units and signed cost (zero where flat) for the equity
/// estimate, and where its liquidation price and its exits lie (``ExitTriggers``). One value per instrument,
/// so that a bar's checks of a holding read one cache line or two.
struct HoldingWatch: Sendable, Hashable {
    var held = false
    var units = 0.0
    var cost = 0.0
    /// The liquidation price as a trigger on an event's range (``ExitTriggers/never`` for spot and where flat).
    var liquidation = ExitTriggers.never
    /// The triggers of the holding's exits (``BotBook/setExits(_:at:)``).
    var exits = ExitTriggers.never
}
