public import TradingCore

/// Balances per currency and one net position per instrument, booked exactly from fills and funding:
/// the account as a venue keeps it.
///
/// ``Portfolio`` builds on a ledger with round-trip records and analytics; the simulated venue keeps a
/// ledger alone, to check funds, charge funding and liquidate. Every amount is a fixed-point raw value
/// (10⁻¹⁸) and every product is rounded once. Bookings by instrument kind:
///
/// | fill | spot | linear perpetual |
/// | --- | --- | --- |
/// | buy `q` at `p`, fee `f` | quote −= `q·p + f`; base += `q` | wallet −= `f`; realised PnL of any reduced short added to wallet |
/// | sell `q` at `p`, fee `f` | base −= `q`; quote += `q·p − f` | wallet −= `f`; realised PnL of any reduced long added to wallet |
/// | funding payment `x` | — | wallet += `x`; isolated margin += `x` |
///
/// Perpetual positions hold isolated margin `cost basis / leverage` out of the wallet balance; fees are in
/// the settlement (quote) currency. Currencies get dense indices when the ledger is built, so booking a
/// fill touches arrays only.
public struct Ledger: Sendable {
    /// Makes the ledger address-only, so checks that read it (funds, liquidation) get it by address: as a
    /// plain struct it was copied to the stack for each such call, twice per simulated fill.
    private let addressOnly: any Sendable = ()
    /// The currency equity is measured in.
    public let accountCurrency: Currency
    /// The currencies the account knows, in first-seen order (the account currency first).
    public private(set) var currencies: [Currency]
    private var currencyIndex: [Currency: Int]
    /// Balances in raw units, by currency index.
    @usableFromInline private(set) var balanceRaw: [Int128]
    @usableFromInline let instruments: [Instrument]
    /// Per instrument: the indices of its base and settlement currencies.
    @usableFromInline let baseIndex: [Int]
    @usableFromInline let settlementIndex: [Int]
    /// The leverage each perpetual opens positions with (1 for spot).
    public private(set) var leverage: [Ratio]
    /// The net position of each instrument, flat when its quantity is zero.
    @usableFromInline private(set) var positions: [NetPosition]
    /// Indices of instruments with an open position, in opening order.
    public private(set) var openInstruments: [Int]

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
        self.currencies = currencies
        currencyIndex = index
        balanceRaw = Array(repeating: 0, count: currencies.count)
        for money in balances { balanceRaw[index[money.currency]!] += money.raw }  // Interned above.
        positions = Array(repeating: NetPosition(), count: instruments.count)
        self.leverage = instruments.map { instrument in
            instrument.kind == .spot ? .one : min(leverage[instrument.id] ?? .one, instrument.maxLeverage)
        }
        openInstruments = []
    }

    // MARK: Reading

    /// The balance of `currency` (zero if never held).
    public func balance(_ currency: Currency) -> Money {
        Money(raw: currencyIndex[currency].map { balanceRaw[$0] } ?? 0, currency: currency)
    }

    /// The dense index of `currency`, if the ledger knows it.
    public func index(of currency: Currency) -> Int? { currencyIndex[currency] }

    /// The raw balance of the currency at a dense index.
    @inlinable
    public func balanceRaw(currencyIndex index: Int) -> Int128 { balanceRaw[index] }

    /// Every balance, in first-seen currency order.
    public var balances: [Money] {
        currencies.indices.map { Money(raw: balanceRaw[$0], currency: currencies[$0]) }
    }

    /// The net position in an instrument (flat when nothing is open).
    @inlinable
    public func position(_ instrument: InstrumentIndex) -> NetPosition { positions[instrument.int] }

    /// Whether the instrument has an open position.
    @inlinable
    public func isFlat(_ instrument: InstrumentIndex) -> Bool { positions[instrument.int].signedQuantityRaw == 0 }

    /// Signed open quantity in raw units (positive long).
    @inlinable
    public func signedQuantityRaw(_ instrument: InstrumentIndex) -> Int128 {
        positions[instrument.int].signedQuantityRaw
    }

    /// Total isolated margin held by open perpetual positions in `currency`.
    public func marginInUse(_ currency: Currency) -> Money {
        var total: Int128 = 0
        for index in openInstruments where instruments[index].settlementCurrency == currency {
            total += positions[index].isolatedMarginRaw
        }
        return Money(raw: total, currency: currency)
    }

    /// The dense currency indices of an instrument's base and settlement currencies.
    @inlinable
    public func currencyIndices(of instrument: InstrumentIndex) -> (base: Int, settlement: Int) {
        (baseIndex[instrument.int], settlementIndex[instrument.int])
    }

    // MARK: Booking

    /// Adds `amount` (may be negative) to a balance, for deposits, withdrawals and corrections.
    /// - Returns: the currency's dense index.
    @discardableResult
    public mutating func adjust(_ amount: Money) -> Int {
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
        return index
    }

    /// Sets the leverage new positions in a perpetual open with, capped by the instrument's maximum.
    public mutating func setLeverage(_ value: Ratio, for instrument: InstrumentIndex) {
        let definition = instruments[instrument.int]
        guard definition.kind == .linearPerpetual else { return }
        leverage[instrument.int] = min(max(value, .one), definition.maxLeverage)
    }

    /// Books one fill into balances, the net position and margin.
    /// - Returns: what the fill did to the position, for records built on top.
    @discardableResult
    public mutating func book(_ fill: OrderFilled) -> FillBooking { book(fill, notionalRaw: nil) }

    /// ``book(_:)`` with the fill's notional already known (`quantity × price`, rounded half to even, for an
    /// instrument whose contract multiplier is one), so it is not multiplied out again.
    @discardableResult
    public mutating func book(_ fill: OrderFilled, notionalRaw known: Int128?) -> FillBooking {
        let index = fill.instrument.int
        let perpetual = instruments[index].kind == .linearPerpetual
        let settlement = settlementIndex[index]
        let quantityRaw = fill.quantity.raw
        let signedFill = fill.side == .buy ? quantityRaw : -quantityRaw
        let multiplier = instruments[index].contractMultiplier
        let notional: Int128
        if let known, multiplier == .one {
            notional = known
        } else {
            let contracts = NetPosition.contractValue(quantityRaw, multiplier: multiplier)
            notional = FixedPoint.multiply(contracts, fill.price.raw, rounding: .toNearestOrEven)
        }

        // Cash movements of the trade itself, in one access to the balances (each access checks that the
        // storage is not shared).
        let base = baseIndex[index]
        let cash = (fill.side == .buy ? -notional : notional) - fill.fee.raw
        balanceRaw.withUnsafeMutableBufferPointer { balances in
            if !perpetual {
                balances[base] += signedFill
                balances[settlement] += cash
            } else {
                balances[settlement] -= fill.fee.raw
            }
        }

        let previous = positions[index].signedQuantityRaw
        var booking = FillBooking(
            previousRaw: previous,
            signedFillRaw: signedFill,
            notionalRaw: notional,
            feeRaw: fill.fee.raw
        )
        if previous == 0 {
            positions[index].open(
                signedFill: signedFill,
                notional: notional,
                leverage: leverage[index],
                perpetual: perpetual
            )
            openInstruments.append(index)
            return booking
        }
        if (previous > 0) == (signedFill > 0) {
            positions[index].add(signedFill: signedFill, notional: notional, perpetual: perpetual)
            return booking
        }
        // Reducing, closing or flipping.
        let closingRaw = min(abs(previous), quantityRaw)
        let openingRaw = quantityRaw - closingRaw
        booking.closingRaw = closingRaw
        booking.closingFeeRaw =
            openingRaw == 0
            ? fill.fee.raw
            : FixedPoint.multiplyDivide(fill.fee.raw, closingRaw, quantityRaw, rounding: .toNearestOrEven)
        booking.closingNotionalRaw =
            openingRaw == 0
            ? notional : FixedPoint.multiplyDivide(notional, closingRaw, quantityRaw, rounding: .toNearestOrEven)
        booking.realizedRaw = positions[index].reduce(
            closingRaw: closingRaw,
            closingNotional: booking.closingNotionalRaw,
            perpetual: perpetual
        )
        // Realised PnL of a perpetual settles into the wallet.
        if perpetual { balanceRaw[settlement] += booking.realizedRaw }
        guard positions[index].signedQuantityRaw == 0 else { return booking }
        // Usually the last (often the only) open instrument: popping an `Int` is far cheaper than the generic
        // `removeAll(where:)`. Each instrument is listed at most once.
        if let position = openInstruments.lastIndex(of: index) {
            if position == openInstruments.count - 1 {
                openInstruments.removeLast()
            } else {
                openInstruments.remove(at: position)
            }
        }
        if openingRaw > 0 {
            positions[index].open(
                signedFill: signedFill > 0 ? openingRaw : -openingRaw,
                notional: notional - booking.closingNotionalRaw,
                leverage: leverage[index],
                perpetual: perpetual
            )
            openInstruments.append(index)
        }
        return booking
    }

    /// Books a funding payment into the wallet and the position's isolated margin.
    public mutating func apply(_ funding: FundingApplied) {
        let index = funding.instrument.int
        balanceRaw[settlementIndex[index]] += funding.payment.raw
        if positions[index].isOpen && instruments[index].kind == .linearPerpetual {
            positions[index].isolatedMarginRaw += funding.payment.raw
        }
    }
}

/// What booking one fill did to its instrument's net position.
public struct FillBooking: Sendable, Hashable {
    /// The signed position before the fill.
    public let previousRaw: Int128
    /// The fill's signed quantity (positive buy).
    public let signedFillRaw: Int128
    /// The fill's quote value, `quantity × multiplier × price`, rounded once.
    public let notionalRaw: Int128
    /// The fill's fee.
    public let feeRaw: Int128
    /// The part of the fill that reduced an open position, its share of the notional and fee, and the gross
    /// PnL it realised; zero for opening and adding fills.
    public internal(set) var closingRaw: Int128 = 0
    public internal(set) var closingNotionalRaw: Int128 = 0
    public internal(set) var closingFeeRaw: Int128 = 0
    public internal(set) var realizedRaw: Int128 = 0

    /// The fill's quantity (absolute).
    public var quantityRaw: Int128 { abs(signedFillRaw) }
    /// The part of the fill that opened or added to a position.
    public var openingRaw: Int128 { quantityRaw - closingRaw }
}
