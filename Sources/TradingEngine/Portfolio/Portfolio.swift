public import TradingCore

/// One trading account: balances per currency and one net position per instrument.
///
/// The ledger is exact: every amount is a fixed-point raw value (10⁻¹⁸) and every product is rounded once.
/// Bookings by instrument kind:
///
/// | fill | spot | linear perpetual |
/// | --- | --- | --- |
/// | buy `q` at `p`, fee `f` | quote −= `q·p + f`; base += `q` | wallet −= `f`; realised PnL of any reduced short added to wallet |
/// | sell `q` at `p`, fee `f` | base −= `q`; quote += `q·p − f` | wallet −= `f`; realised PnL of any reduced long added to wallet |
/// | funding payment `x` | — | wallet += `x`; isolated margin += `x` |
///
/// Perpetual positions hold isolated margin `cost basis / leverage` out of the wallet balance; fees are in
/// the settlement (quote) currency. Currencies get dense indices when the portfolio is built, so booking a
/// fill touches arrays only.
public struct Portfolio: Sendable {
    /// The currency equity is measured in.
    public let accountCurrency: Currency
    /// The currencies the account knows, in first-seen order (the account currency first).
    public private(set) var currencies: [Currency]
    private var currencyIndex: [Currency: Int]
    /// Balances in raw units, by currency index.
    private var balanceRaw: [Int128]
    @usableFromInline var positions: [Position?]
    @usableFromInline let instruments: [Instrument]
    /// Per instrument: the indices of its base and settlement currencies.
    private let baseIndex: [Int]
    private let settlementIndex: [Int]
    /// The leverage each perpetual opens positions with (1 for spot).
    public private(set) var leverage: [Ratio]
    /// Indices of instruments with an open position, in opening order.
    public private(set) var openInstruments: [Int]
    /// For each currency index: the spot instrument that values it in the account currency, if any.
    private let valuation: [Int?]

    // Double mirrors of the exact ledger, for a cheap per-event equity estimate: equity ≈ cash +
    // Σ (units × mark − cost) over the exposures.
    @usableFromInline var accountCashDouble: Double = 0
    /// The instruments with exposure (a valued base balance or a perpetual position).
    @usableFromInline var exposures: [Exposure] = []

    @usableFromInline
    struct Exposure: Sendable {
        @usableFromInline let instrument: Int
        /// Base units held (spot) or the signed contract value (perpetual).
        @usableFromInline var units: Double
        /// The signed cost basis of a perpetual position; zero for spot balances.
        @usableFromInline var cost: Double
    }

    /// - Parameters:
    ///   - accountCurrency: the currency equity is measured in.
    ///   - instruments: the instruments, in registry order.
    ///   - balances: initial balances.
    ///   - leverage: per-instrument leverage for perpetuals (missing entries mean 1).
    public init(accountCurrency: Currency, instruments: [Instrument], balances: [Money], leverage: [InstrumentID: Ratio] = [:]) {
        self.accountCurrency = accountCurrency
        self.instruments = instruments
        var currencies = [accountCurrency]
        var index: [Currency: Int] = [accountCurrency: 0]
        func intern(_ currency: Currency) -> Int {
            if let known = index[currency] { return known }
            index[currency] = currencies.count
            currencies.append(currency)
            return currencies.count - 1
        }
        baseIndex = instruments.map { intern($0.base) }
        settlementIndex = instruments.map { intern($0.settlementCurrency) }
        for money in balances { _ = intern(money.currency) }
        var valuation = [Int?](repeating: nil, count: currencies.count)
        for (position, instrument) in instruments.enumerated()
        where instrument.kind == .spot && instrument.quote == accountCurrency {
            let base = index[instrument.base]!  // Interned above.
            if valuation[base] == nil { valuation[base] = position }
        }
        self.valuation = valuation
        self.currencies = currencies
        currencyIndex = index
        balanceRaw = Array(repeating: 0, count: currencies.count)
        for money in balances { balanceRaw[index[money.currency]!] += money.raw }  // Interned above.
        positions = Array(repeating: nil, count: instruments.count)
        self.leverage = instruments.map { instrument in
            instrument.kind == .spot ? .one : min(leverage[instrument.id] ?? .one, instrument.maxLeverage)
        }
        openInstruments = []
        for currency in currencies.indices { refreshMirror(currency) }
    }

    // MARK: Reading

    /// The balance of `currency` (zero if never held).
    public func balance(_ currency: Currency) -> Money {
        Money(raw: currencyIndex[currency].map { balanceRaw[$0] } ?? 0, currency: currency)
    }

    /// Every balance, in first-seen currency order.
    public var balances: [Money] {
        currencies.indices.map { Money(raw: balanceRaw[$0], currency: currencies[$0]) }
    }

    /// The open position in an instrument, if any.
    @inlinable
    public func position(_ instrument: InstrumentIndex) -> Position? { positions[instrument.int] }

    /// Whether the instrument has an open position.
    @inlinable
    public func isFlat(_ instrument: InstrumentIndex) -> Bool { positions[instrument.int] == nil }

    /// Signed open quantity in raw units (positive long).
    @inlinable
    public func signedQuantityRaw(_ instrument: InstrumentIndex) -> Int128 {
        positions[instrument.int]?.signedQuantityRaw ?? 0
    }

    /// Total isolated margin held by open perpetual positions in `currency`.
    public func marginInUse(_ currency: Currency) -> Money {
        var total: Int128 = 0
        for index in openInstruments {
            if let position = positions[index], position.settlement == currency { total += position.isolatedMarginRaw }
        }
        return Money(raw: total, currency: currency)
    }

    /// Exact equity in the account currency, with each instrument marked at `marks[instrument]`;
    /// see ``equity(marks:)-(InstrumentIndex) -> Price?``.
    public func equity(marks: [Price?]) -> Money {
        equity { index in index.int < marks.count ? marks[index.int] : nil }
    }

    /// Exact equity in the account currency, with each instrument marked at `mark(instrument)`:
    /// balances valued through their spot instruments plus the unrealised PnL of perpetual positions.
    /// Balances of currencies that no instrument values are left out.
    public func equity(marks mark: (InstrumentIndex) -> Price?) -> Money {
        var total: Int128 = 0
        for currency in currencies.indices where balanceRaw[currency] != 0 {
            if currency == 0 {
                total += balanceRaw[currency]
            } else if let index = valuation[currency], let price = mark(InstrumentIndex(index)) {
                total += FixedPoint.multiply(balanceRaw[currency], price.raw, rounding: .toNearestOrEven)
            }
        }
        for index in openInstruments {
            guard let position = positions[index], position.kind == .linearPerpetual,
                let price = mark(InstrumentIndex(index))
            else { continue }
            total += position.unrealizedRaw(at: price)
        }
        return Money(raw: total, currency: accountCurrency)
    }

    /// Equity as a `Double`, from mirrors of the ledger and `Double` marks: for per-event analytics
    /// (drawdown, returns), never for the ledger.
    @inlinable
    public func equityEstimate(marks: UnsafeBufferPointer<Double>) -> Double {
        equityEstimate { marks[$0] }
    }

    /// Equity as a `Double`, with the mark of instrument `i` read from `mark(i)`.
    @inlinable
    public func equityEstimate(mark: (Int) -> Double) -> Double {
        var total = accountCashDouble
        for exposure in exposures {
            total += exposure.units * mark(exposure.instrument) - exposure.cost
        }
        return total
    }

    // MARK: Booking

    /// Adds `amount` (may be negative) to a balance, for deposits, withdrawals and corrections.
    public mutating func adjust(_ amount: Money) {
        let index: Int
        if let known = currencyIndex[amount.currency] {
            index = known
        } else {
            index = currencies.count
            currencies.append(amount.currency)
            currencyIndex[amount.currency] = index
            balanceRaw.append(0)
        }
        balanceRaw[index] += amount.raw
        if index < valuation.count { refreshMirror(index) }
    }

    /// Sets the leverage new positions in a perpetual open with, capped by the instrument's maximum.
    public mutating func setLeverage(_ value: Ratio, for instrument: InstrumentIndex) {
        let definition = instruments[instrument.int]
        guard definition.kind == .linearPerpetual else { return }
        leverage[instrument.int] = min(max(value, .one), definition.maxLeverage)
    }

    /// Books one fill: balances, position, realised PnL, fees and margin.
    /// - Parameters:
    ///   - strategy: the strategy of the order, recorded on positions it opens.
    ///   - tag: the order's tag, recorded as the position's entry or exit tag.
    /// - Returns: what the fill did to the position.
    @discardableResult
    public mutating func apply(_ fill: OrderFilled, strategy: StrategyID?, tag: ShortText?) -> PositionChange {
        guard let change = book(fill, strategy: strategy, tag: tag, recording: true) else {
            preconditionFailure("Invariant: a recorded booking always reports its position change")
        }
        return change
    }

    /// Books a fill into balances, positions and margin only, without building round-trip records or the
    /// analytics mirrors: the ledger of a venue that only needs to enforce funds, margin and liquidation.
    public mutating func book(_ fill: OrderFilled) {
        _ = book(fill, strategy: nil, tag: nil, recording: false)
    }

    private mutating func book(_ fill: OrderFilled, strategy: StrategyID?, tag: ShortText?, recording: Bool)
        -> PositionChange?
    {
        let index = fill.instrument.int
        let kind = instruments[index].kind
        let multiplier = instruments[index].contractMultiplier
        let settlement = settlementIndex[index]
        let quantityRaw = fill.quantity.raw
        let signedFill = fill.side == .buy ? quantityRaw : -quantityRaw
        let contracts = Position.contractValue(quantityRaw, multiplier: multiplier)
        let notional = FixedPoint.multiply(contracts, fill.price.raw, rounding: .toNearestOrEven)

        // Cash movements of the trade itself.
        if kind == .spot {
            let base = baseIndex[index]
            balanceRaw[base] += signedFill
            balanceRaw[settlement] += fill.side == .buy ? -notional : notional
            if recording { refreshMirror(base) }
        }
        balanceRaw[settlement] -= fill.fee.raw

        let current = positions[index]?.signedQuantityRaw ?? 0
        var change: PositionChange?
        if current == 0 {
            var opened = Position(
                instrument: instruments[index], index: fill.instrument, signedQuantityRaw: signedFill,
                costBasisRaw: notional, feesRaw: fill.fee.raw, leverage: leverage[index], at: fill.exchangeTime,
                strategy: strategy, tag: tag)
            opened.addEntry(quantityRaw: quantityRaw, price: fill.price)
            positions[index] = opened
            openInstruments.append(index)
            if recording { change = .opened(PositionUpdate(opened)) }
        } else if (current > 0) == (signedFill > 0) {
            positions[index]!.add(  // Non-nil: current != 0.
                quantityRaw: quantityRaw, signedFill: signedFill, notional: notional, price: fill.price,
                feeRaw: fill.fee.raw, at: fill.exchangeTime)
            if recording { change = .changed(PositionUpdate(positions[index]!)) }  // Non-nil: just added to.
        } else {
            change = reduce(
                index, current: current, fill: fill, quantityRaw: quantityRaw, signedFill: signedFill,
                notional: notional, strategy: strategy, tag: tag, recording: recording)
        }
        if recording {
            refreshMirror(settlement)
            refreshPositionMirror(index)
        }
        return change
    }

    /// Reducing, closing or flipping fills.
    private mutating func reduce(
        _ index: Int, current: Int128, fill: OrderFilled, quantityRaw: Int128, signedFill: Int128, notional: Int128,
        strategy: StrategyID?, tag: ShortText?, recording: Bool
    ) -> PositionChange? {
        let closingRaw = min(abs(current), quantityRaw)
        let openingRaw = quantityRaw - closingRaw
        let closingFee = openingRaw == 0
            ? fill.fee.raw : FixedPoint.multiplyDivide(fill.fee.raw, closingRaw, quantityRaw, rounding: .toNearestOrEven)
        let closingNotional = openingRaw == 0
            ? notional : FixedPoint.multiplyDivide(notional, closingRaw, quantityRaw, rounding: .toNearestOrEven)
        let realized = positions[index]!.reduce(  // Non-nil: current != 0.
            closingRaw: closingRaw, closingNotional: closingNotional, closingFee: closingFee, price: fill.price,
            tag: tag, at: fill.exchangeTime)
        if instruments[index].kind == .linearPerpetual {
            // Realised PnL settles into the wallet.
            balanceRaw[settlementIndex[index]] += realized
        }
        guard positions[index]!.signedQuantityRaw == 0 else {  // Non-nil: reduced in place above.
            return recording ? .changed(PositionUpdate(positions[index]!)) : nil
        }
        let closed = recording ? ClosedPosition(positions[index]!, at: fill.exchangeTime, liquidated: fill.isLiquidation) : nil
        positions[index] = nil
        openInstruments.removeAll { $0 == index }
        guard openingRaw > 0 else { return closed.map { .closed($0) } }
        var reopened = Position(
            instrument: instruments[index], index: fill.instrument,
            signedQuantityRaw: signedFill > 0 ? openingRaw : -openingRaw, costBasisRaw: notional - closingNotional,
            feesRaw: fill.fee.raw - closingFee, leverage: leverage[index], at: fill.exchangeTime, strategy: strategy,
            tag: tag)
        reopened.addEntry(quantityRaw: openingRaw, price: fill.price)
        positions[index] = reopened
        openInstruments.append(index)
        return closed.map { .flipped(closed: $0, opened: PositionUpdate(reopened)) }
    }

    /// Books a funding payment into the wallet and the position's isolated margin.
    public mutating func apply(_ funding: FundingApplied) {
        let index = funding.instrument.int
        let settlement = settlementIndex[index]
        balanceRaw[settlement] += funding.payment.raw
        if positions[index] != nil {
            positions[index]!.fundingRaw += funding.payment.raw  // Non-nil: checked above.
            if positions[index]!.kind == .linearPerpetual { positions[index]!.isolatedMarginRaw += funding.payment.raw }
            positions[index]!.updatedAt = funding.exchangeTime
        }
        refreshMirror(settlement)
    }

    // MARK: Mirrors

    private mutating func refreshMirror(_ currency: Int) {
        if currency == 0 {
            accountCashDouble = FixedPoint.toDoubleApproximately(balanceRaw[0])
        } else if let instrument = valuation[currency] {
            setExposure(instrument, units: FixedPoint.toDoubleApproximately(balanceRaw[currency]), cost: 0)
        }
    }

    private mutating func refreshPositionMirror(_ index: Int) {
        guard instruments[index].kind == .linearPerpetual else { return }
        guard let position = positions[index] else {
            setExposure(index, units: 0, cost: 0)
            return
        }
        let contracts = Position.contractValue(position.signedQuantityRaw, multiplier: position.contractMultiplier)
        let cost = FixedPoint.toDoubleApproximately(position.costBasisRaw)
        setExposure(
            index, units: FixedPoint.toDoubleApproximately(contracts), cost: position.signedQuantityRaw > 0 ? cost : -cost)
    }

    private mutating func setExposure(_ index: Int, units: Double, cost: Double) {
        var position = 0
        while position < exposures.count && exposures[position].instrument != index { position += 1 }
        if position < exposures.count {
            if units == 0 && cost == 0 {
                exposures.remove(at: position)
            } else {
                exposures[position].units = units
                exposures[position].cost = cost
            }
        } else if units != 0 || cost != 0 {
            exposures.append(Exposure(instrument: index, units: units, cost: cost))
        }
    }
}
