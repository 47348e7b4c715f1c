public import TradingCore

/// What a sizer needs to know about one entry.
public struct SizingInputs: Sendable, Hashable {
    public var equity: Money
    public var entryPrice: Price
    /// The protective stop, for risk sizing.
    public var stopPrice: Price?
    /// The instrument's average true range, for volatility sizing.
    public var averageTrueRange: Price?
    /// Recent closed trades, for Kelly sizing.
    public var history: TradeHistory

    public init(
        equity: Money,
        entryPrice: Price,
        stopPrice: Price? = nil,
        averageTrueRange: Price? = nil,
        history: TradeHistory = TradeHistory()
    ) {
        self.equity = equity
        self.entryPrice = entryPrice
        self.stopPrice = stopPrice
        self.averageTrueRange = averageTrueRange
        self.history = history
    }
}

/// Why a sizer gives no size.
public enum SizingRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    case needsStop
    case stopNotBeyondEntry
    case needsAverageTrueRange
    case notEnoughHistory(trades: Int, needed: Int)
    case noEdge(kellyFraction: Double)
    case belowMinimum(InstrumentViolation)
    case nonPositive

    /// A machine-readable code.
    public var code: String {
        switch self {
        case .needsStop: "sizing_needs_stop"
        case .stopNotBeyondEntry: "sizing_stop_not_beyond_entry"
        case .needsAverageTrueRange: "sizing_needs_atr"
        case .notEnoughHistory: "sizing_not_enough_history"
        case .noEdge: "sizing_no_edge"
        case .belowMinimum: "sizing_below_minimum"
        case .nonPositive: "sizing_zero"
        }
    }

    public var description: String {
        switch self {
        case .needsStop: "risk sizing needs a stop price"
        case .stopNotBeyondEntry: "the stop is not on the losing side of the entry"
        case .needsAverageTrueRange: "volatility sizing needs the average true range"
        case .notEnoughHistory(let trades, let needed): "Kelly sizing needs \(needed) closed trades, has \(trades)"
        case .noEdge(let fraction): "no edge: the Kelly fraction is \(fraction)"
        case .belowMinimum(let violation): "the size is below the instrument minimum: \(violation)"
        case .nonPositive: "the size rounds down to zero"
        }
    }
}

/// The closed trades' returns Kelly sizes from: win rate and payoff ratio over the most recent `lookback`.
public struct TradeHistory: Sendable, Hashable {
    /// Each closed trade's PnL as a fraction of its entry notional, oldest first.
    public private(set) var returns: [Double] = []

    public init(returns: [Double] = []) { self.returns = returns }

    public mutating func record(_ tradeReturn: Double) {
        returns.append(tradeReturn)
        if returns.count > 1_000 { returns.removeFirst(returns.count - 500) }
    }

    /// Win rate and payoff (mean win over mean loss) of the last `lookback` trades; `nil` without both
    /// wins and losses.
    public func statistics(lookback: Int) -> (winRate: Double, payoff: Double, trades: Int)? {
        let recent = returns.suffix(lookback)
        let wins = recent.filter { $0 > 0 }
        let losses = recent.filter { $0 < 0 }
        guard !wins.isEmpty, !losses.isEmpty else { return nil }
        let meanWin = wins.reduce(0, +) / Double(wins.count)
        let meanLoss = -losses.reduce(0, +) / Double(losses.count)
        return (Double(wins.count) / Double(recent.count), meanWin / meanLoss, recent.count)
    }
}

extension PositionSizer {
    /// The entry size for `instrument`, rounded down to its lot step and checked against its minimum
    /// quantity and notional.
    public func size(_ inputs: SizingInputs, instrument: Instrument) -> Result<Quantity, SizingRefusal> {
        let raw: Quantity
        switch self {
        case .fixedQuantity(let quantity):
            raw = quantity
        case .fixedNotional(let amount):
            raw = units(for: Money(raw: amount.raw, currency: inputs.equity.currency), inputs, instrument)
        case .percentOfEquity(let fraction):
            raw = units(for: inputs.equity.multiplied(by: fraction, rounding: .down), inputs, instrument)
        case .fixedFractionalRisk(let fraction):
            guard let stop = inputs.stopPrice else { return .failure(.needsStop) }
            let distance = abs(inputs.entryPrice.raw - stop.raw)
            guard distance > 0 else { return .failure(.stopNotBeyondEntry) }
            raw = perUnitRisk(inputs.equity.multiplied(by: fraction, rounding: .down), distance: distance, instrument)
        case .volatilityTarget(let risk, let multiple):
            guard let atr = inputs.averageTrueRange, atr.raw > 0 else { return .failure(.needsAverageTrueRange) }
            let distance = FixedPoint.multiply(atr.raw, multiple.raw, rounding: .up)
            raw = perUnitRisk(inputs.equity.multiplied(by: risk, rounding: .down), distance: distance, instrument)
        case .kelly(let multiplier, let lookback, let cap):
            guard let stats = inputs.history.statistics(lookback: lookback), stats.trades >= Self.kellyMinimumTrades
            else {
                return .failure(
                    .notEnoughHistory(
                        trades: min(inputs.history.returns.count, lookback),
                        needed: Self.kellyMinimumTrades
                    )
                )
            }
            let kelly = stats.winRate - (1 - stats.winRate) / stats.payoff
            guard kelly > 0 else { return .failure(.noEdge(kellyFraction: kelly)) }
            // The statistics become an exact fraction here, capped; everything after is fixed point.
            guard let kellyRaw = FixedPoint.fromDouble(kelly) else { return .failure(.nonPositive) }
            let full = Ratio(raw: kellyRaw)
            var fraction = full.multiplied(by: multiplier, rounding: .down)
            if fraction > cap { fraction = cap }
            raw = units(for: inputs.equity.multiplied(by: fraction, rounding: .down), inputs, instrument)
        }
        let quantity = instrument.round(quantity: raw, rounding: .down)
        guard quantity.raw > 0 else { return .failure(.nonPositive) }
        if let violation = instrument.validate(quantity: quantity) { return .failure(.belowMinimum(violation)) }
        if let violation = instrument.validate(quantity: quantity, at: inputs.entryPrice) {
            return .failure(.belowMinimum(violation))
        }
        return .success(quantity)
    }

    /// Units worth `amount` at the entry price (contract multiplier included), rounded down.
    private func units(for amount: Money, _ inputs: SizingInputs, _ instrument: Instrument) -> Quantity {
        let unitValue = FixedPoint.multiply(inputs.entryPrice.raw, instrument.contractMultiplier.raw, rounding: .up)
        guard unitValue > 0, amount.raw > 0 else { return .zero }
        return Quantity(raw: FixedPoint.divide(amount.raw, unitValue, rounding: .down))
    }

    /// Units that lose `amount` over a price move of `distance` (raw price units).
    private func perUnitRisk(_ amount: Money, distance: Int128, _ instrument: Instrument) -> Quantity {
        let unitRisk = FixedPoint.multiply(distance, instrument.contractMultiplier.raw, rounding: .up)
        guard unitRisk > 0, amount.raw > 0 else { return .zero }
        return Quantity(raw: FixedPoint.divide(amount.raw, unitRisk, rounding: .down))
    }
}
