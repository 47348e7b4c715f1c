public import TradingCore

/// One trading account as the engine keeps it: a ``Ledger`` (balances and net positions, booked exactly)
/// plus a ``PositionRecord`` of each open position's round trip, and `Double` mirrors for a cheap
/// per-event equity estimate.
///
/// See ``Ledger`` for the booking rules by instrument kind.
public struct Portfolio: Sendable {
    /// Balances and net positions.
    public private(set) var ledger: Ledger
    /// The round trip of each instrument's open position; meaningful only while the ledger has a position
    /// open (stored without optionals, which would be copied whole on every read).
    @usableFromInline var records: [PositionRecord]
    /// The round trip the last fill that closed a position closed.
    private(set) var closedRoundTrip = ClosedPosition.none
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
    public init(
        accountCurrency: Currency,
        instruments: [Instrument],
        balances: [Money],
        leverage: [InstrumentID: Ratio] = [:]
    ) {
        ledger = Ledger(
            accountCurrency: accountCurrency,
            instruments: instruments,
            balances: balances,
            leverage: leverage
        )
        records = Array(repeating: PositionRecord(), count: instruments.count)
        var valuation = [Int?](repeating: nil, count: ledger.currencies.count)
        for (position, instrument) in instruments.enumerated()
        where instrument.kind == .spot && instrument.quote == accountCurrency {
            let base = ledger.currencyIndices(of: InstrumentIndex(position)).base
            if valuation[base] == nil { valuation[base] = position }
        }
        self.valuation = valuation
        for currency in ledger.currencies.indices { refreshMirror(currency) }
    }

    // MARK: Reading

    /// The currency equity is measured in.
    public var accountCurrency: Currency { ledger.accountCurrency }

    /// The currencies the account knows, in first-seen order (the account currency first).
    public var currencies: [Currency] { ledger.currencies }

    /// The leverage each perpetual opens positions with (1 for spot).
    public var leverage: [Ratio] { ledger.leverage }

    /// Indices of instruments with an open position, in opening order.
    public var openInstruments: [Int] { ledger.openInstruments }

    /// The balance of `currency` (zero if never held).
    public func balance(_ currency: Currency) -> Money { ledger.balance(currency) }

    /// Every balance, in first-seen currency order.
    public var balances: [Money] { ledger.balances }

    /// The open position in an instrument, if any.
    public func position(_ instrument: InstrumentIndex) -> Position? {
        guard !ledger.isFlat(instrument) else { return nil }
        return Position(
            instrument: instrument,
            definition: ledger.instruments[instrument.int],
            net: ledger.position(instrument),
            record: records[instrument.int]
        )
    }

    /// Whether the instrument has an open position.
    @inlinable
    public func isFlat(_ instrument: InstrumentIndex) -> Bool { ledger.isFlat(instrument) }

    /// Signed open quantity in raw units (positive long).
    @inlinable
    public func signedQuantityRaw(_ instrument: InstrumentIndex) -> Int128 { ledger.signedQuantityRaw(instrument) }

    /// Total isolated margin held by open perpetual positions in `currency`.
    public func marginInUse(_ currency: Currency) -> Money { ledger.marginInUse(currency) }

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
        for currency in ledger.currencies.indices {
            let balance = ledger.balanceRaw(currencyIndex: currency)
            guard balance != 0 else { continue }
            if currency == 0 {
                total += balance
            } else if currency < valuation.count, let index = valuation[currency],
                let price = mark(InstrumentIndex(index))
            {
                total += FixedPoint.multiply(balance, price.raw, rounding: .toNearestOrEven)
            }
        }
        for index in ledger.openInstruments {
            // Two fields, not the whole instrument (a few hundred bytes) copied out.
            guard ledger.instruments[index].kind == .linearPerpetual, let price = mark(InstrumentIndex(index)) else {
                continue
            }
            total += ledger.position(InstrumentIndex(index)).unrealizedRaw(
                at: price,
                multiplier: ledger.instruments[index].contractMultiplier
            )
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
        let index = ledger.adjust(amount)
        if index < valuation.count { refreshMirror(index) }
    }

    /// Sets the leverage new positions in a perpetual open with, capped by the instrument's maximum.
    public mutating func setLeverage(_ value: Ratio, for instrument: InstrumentIndex) {
        ledger.setLeverage(value, for: instrument)
    }

    /// Books one fill: balances, position, realised PnL, fees and margin, and the round trip's record.
    /// - Parameters:
    ///   - strategy: the strategy of the order, recorded on positions it opens.
    ///   - tag: the order's tag, recorded as the position's entry or exit tag.
    ///   - notionalRaw: `quantity × price` rounded half to even, when the caller has it already.
    /// - Returns: what the fill did to the position.
    @discardableResult
    public mutating func apply(
        _ fill: OrderFilled,
        strategy: StrategyID?,
        tag: ShortText?,
        notionalRaw: Int128? = nil
    ) -> PositionChange {
        switch book(fill, strategy: strategy, tag: tag, notionalRaw: notionalRaw) {
        case .opened: return .opened(update(of: fill.instrument))
        case .changed: return .changed(update(of: fill.instrument))
        case .closed: return .closed(closedRoundTrip)
        case .flipped: return .flipped(closed: closedRoundTrip, opened: update(of: fill.instrument))
        }
    }

    /// What ``book(_:strategy:tag:notionalRaw:)`` did to the position.
    enum PositionEffect {
        case opened, changed, closed
        /// Closed (``closedRoundTrip``), then opened on the other side.
        case flipped
    }

    /// ``apply(_:strategy:tag:notionalRaw:)`` for the engine, which builds its facts from the portfolio
    /// (``update(of:)``, ``closedRoundTrip``) instead of receiving them in a ``PositionChange``: a value of
    /// 600 bytes, built here and copied to the engine and out of its cases on every fill.
    @inline(__always)
    mutating func book(
        _ fill: OrderFilled,
        strategy: StrategyID?,
        tag: ShortText?,
        notionalRaw: Int128? = nil
    )
        -> PositionEffect
    {
        let index = fill.instrument.int
        let booking = ledger.book(fill, notionalRaw: notionalRaw)
        let effect = record(booking, of: fill, strategy: strategy, tag: tag)
        let currencies = ledger.currencyIndices(of: fill.instrument)
        if ledger.instruments[index].kind == .spot {
            refreshMirror(currencies.base)
        } else {
            refreshPositionMirror(index)
        }
        refreshMirror(currencies.settlement)
        return effect
    }

    /// The open position of `instrument` as an audit fact carries it.
    @inline(__always)
    func update(of instrument: InstrumentIndex) -> PositionUpdate {
        PositionUpdate(instrument: instrument, net: ledger.position(instrument), record: records[instrument.int])
    }

    /// Updates the round-trip records after the ledger booked `fill`.
    @inline(__always)
    private mutating func record(
        _ booking: FillBooking,
        of fill: OrderFilled,
        strategy: StrategyID?,
        tag: ShortText?
    )
        -> PositionEffect
    {
        let index = fill.instrument.int
        let time = fill.exchangeTime
        if booking.previousRaw == 0 {
            records[index] = PositionRecord(
                side: booking.signedFillRaw > 0 ? .long : .short,
                quantityRaw: booking.quantityRaw,
                notionalRaw: booking.notionalRaw,
                price: fill.price,
                feeRaw: booking.feeRaw,
                at: time,
                strategy: strategy,
                tag: tag
            )
            return .opened
        }
        if booking.closingRaw == 0 {
            records[index].add(
                quantityRaw: booking.quantityRaw,
                notionalRaw: booking.notionalRaw,
                price: fill.price,
                feeRaw: booking.feeRaw,
                openRaw: abs(ledger.signedQuantityRaw(fill.instrument)),
                at: time
            )
            return .changed
        }
        records[index].reduce(booking, price: fill.price, tag: tag, at: time)
        if abs(booking.previousRaw) > booking.closingRaw { return .changed }
        closedRoundTrip = ClosedPosition(
            records[index],
            instrument: fill.instrument,
            currency: ledger.instruments[index].settlementCurrency,
            at: time,
            liquidated: fill.isLiquidation
        )
        let openingRaw = booking.openingRaw
        guard openingRaw > 0 else { return .closed }
        records[index] = PositionRecord(
            side: booking.signedFillRaw > 0 ? .long : .short,
            quantityRaw: openingRaw,
            notionalRaw: booking.notionalRaw - booking.closingNotionalRaw,
            price: fill.price,
            feeRaw: booking.feeRaw - booking.closingFeeRaw,
            at: time,
            strategy: strategy,
            tag: tag
        )
        return .flipped
    }

    /// Books a funding payment into the wallet, the position's isolated margin and its record.
    public mutating func apply(_ funding: FundingApplied) {
        let index = funding.instrument.int
        ledger.apply(funding)
        if !ledger.isFlat(funding.instrument) {
            records[index].fundingRaw += funding.payment.raw
            records[index].updatedAt = funding.exchangeTime
        }
        refreshMirror(ledger.currencyIndices(of: funding.instrument).settlement)
    }

    // MARK: Mirrors

    private mutating func refreshMirror(_ currency: Int) {
        if currency == 0 {
            accountCashDouble = FixedPoint.toDoubleApproximately(ledger.balanceRaw(currencyIndex: 0))
        } else if currency < valuation.count, let instrument = valuation[currency] {
            setExposure(
                instrument,
                units: FixedPoint.toDoubleApproximately(ledger.balanceRaw(currencyIndex: currency)),
                cost: 0
            )
        }
    }

    private mutating func refreshPositionMirror(_ index: Int) {
        let instrument = ledger.instruments[index]
        guard instrument.kind == .linearPerpetual else { return }
        let net = ledger.position(InstrumentIndex(index))
        guard net.isOpen else {
            setExposure(index, units: 0, cost: 0)
            return
        }
        let contracts = NetPosition.contractValue(net.signedQuantityRaw, multiplier: instrument.contractMultiplier)
        let cost = FixedPoint.toDoubleApproximately(net.costBasisRaw)
        setExposure(
            index,
            units: FixedPoint.toDoubleApproximately(contracts),
            cost: net.signedQuantityRaw > 0 ? cost : -cost
        )
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
