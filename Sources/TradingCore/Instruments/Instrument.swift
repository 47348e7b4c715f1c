/// A tradable instrument and its venue rules: price and quantity grids, limits, fees, kind and margin.
///
/// The instrument validates and rounds prices and quantities to its grid (``validate(price:)``,
/// ``round(price:rounding:)``, ``round(quantity:rounding:)``). All fields are checked once, in the
/// initialiser.
public struct Instrument: Sendable, Hashable {
    public let id: InstrumentID
    public let venueSymbol: VenueSymbol
    public let kind: InstrumentKind
    public let base: Currency
    public let quote: Currency
    /// Smallest price increment.
    public let tickSize: Price
    /// Smallest quantity increment.
    public let lotStep: Quantity
    /// Smallest order quantity.
    public let minQuantity: Quantity
    /// Largest order quantity, if the venue has one.
    public let maxQuantity: Quantity?
    /// Smallest order notional (`quantity × price × multiplier`) in the quote currency.
    public let minNotional: Money
    /// Decimal places of prices; the tick size has no more.
    public let pricePrecision: Int
    /// Decimal places of quantities; the lot step has no more.
    public let quantityPrecision: Int
    /// Fee rate for maker fills, a fraction of notional; negative for a rebate.
    public let makerFee: Ratio
    /// Fee rate for taker fills, a fraction of notional.
    public let takerFee: Ratio
    /// Base units per contract (1 for spot).
    public let contractMultiplier: Ratio
    /// Highest leverage the venue allows (1 for spot).
    public let maxLeverage: Ratio
    /// Maintenance margin as a fraction of position notional (perpetuals).
    public let maintenanceMarginRate: Ratio

    /// The currency in which margin, PnL, fees and funding settle: the quote currency for spot and
    /// linear instruments.
    @inlinable
    public var settlementCurrency: Currency { quote }

    /// Creates and validates an instrument.
    /// - Throws: ``InstrumentError`` naming the first field that breaks a rule.
    public init(
        id: InstrumentID,
        venueSymbol: VenueSymbol,
        kind: InstrumentKind,
        base: Currency,
        quote: Currency,
        tickSize: Price,
        lotStep: Quantity,
        minQuantity: Quantity? = nil,
        maxQuantity: Quantity? = nil,
        minNotional: Money? = nil,
        pricePrecision: Int? = nil,
        quantityPrecision: Int? = nil,
        makerFee: Ratio = .zero,
        takerFee: Ratio = .zero,
        contractMultiplier: Ratio = .one,
        maxLeverage: Ratio = .one,
        maintenanceMarginRate: Ratio = .zero
    ) throws(InstrumentError) {
        let name = id.description
        func fail(_ field: String, _ reason: String) -> InstrumentError {
            InstrumentError(instrument: name, field: field, reason: reason)
        }
        guard tickSize.raw > 0 else { throw fail("tick_size", "must be positive, got \(tickSize)") }
        guard lotStep.raw > 0 else { throw fail("lot_step", "must be positive, got \(lotStep)") }
        let pricePrecision = pricePrecision ?? Instrument.decimalPlaces(of: tickSize.raw)
        let quantityPrecision = quantityPrecision ?? Instrument.decimalPlaces(of: lotStep.raw)
        guard (0...FixedPoint.decimals).contains(pricePrecision) else {
            throw fail("price_precision", "must be within 0...18, got \(pricePrecision)")
        }
        guard (0...FixedPoint.decimals).contains(quantityPrecision) else {
            throw fail("quantity_precision", "must be within 0...18, got \(quantityPrecision)")
        }
        guard Instrument.decimalPlaces(of: tickSize.raw) <= pricePrecision else {
            throw fail("tick_size", "\(tickSize) has more decimals than the price precision \(pricePrecision)")
        }
        guard Instrument.decimalPlaces(of: lotStep.raw) <= quantityPrecision else {
            throw fail("lot_step", "\(lotStep) has more decimals than the quantity precision \(quantityPrecision)")
        }
        let minQuantity = minQuantity ?? lotStep
        guard minQuantity.raw % lotStep.raw == 0 else {
            throw fail("min_quantity", "\(minQuantity) is not a multiple of the lot step \(lotStep)")
        }
        if let maxQuantity {
            guard maxQuantity >= minQuantity else {
                throw fail("max_quantity", "\(maxQuantity) is below the minimum quantity \(minQuantity)")
            }
        }
        let minNotional = minNotional ?? .zero(quote)
        guard minNotional.currency == quote else {
            throw fail("min_notional", "must be in the quote currency \(quote), got \(minNotional.currency)")
        }
        guard minNotional.raw >= 0 else { throw fail("min_notional", "must not be negative") }
        let tenPercent = Ratio(raw: FixedPoint.scale / 10)
        guard makerFee.raw.magnitude <= tenPercent.raw.magnitude else {
            throw fail("maker_fee", "must be within -10 % and 10 %, got \(makerFee)")
        }
        guard takerFee.raw >= 0, takerFee <= tenPercent else {
            throw fail("taker_fee", "must be within 0 and 10 %, got \(takerFee)")
        }
        guard contractMultiplier.raw > 0 else { throw fail("contract_multiplier", "must be positive") }
        guard maxLeverage >= .one else { throw fail("max_leverage", "must be at least 1, got \(maxLeverage)") }
        guard maintenanceMarginRate.raw >= 0, maintenanceMarginRate < .one else {
            throw fail("maintenance_margin_rate", "must be within [0, 1), got \(maintenanceMarginRate)")
        }
        if kind == .spot {
            guard maxLeverage == .one else { throw fail("max_leverage", "spot instruments have no leverage") }
        }
        self.id = id
        self.venueSymbol = venueSymbol
        self.kind = kind
        self.base = base
        self.quote = quote
        self.tickSize = tickSize
        self.lotStep = lotStep
        self.minQuantity = minQuantity
        self.maxQuantity = maxQuantity
        self.minNotional = minNotional
        self.pricePrecision = pricePrecision
        self.quantityPrecision = quantityPrecision
        self.makerFee = makerFee
        self.takerFee = takerFee
        self.contractMultiplier = contractMultiplier
        self.maxLeverage = maxLeverage
        self.maintenanceMarginRate = maintenanceMarginRate
    }

    /// The number of decimal places needed to write `raw × 10⁻¹⁸` exactly.
    public static func decimalPlaces(of raw: Int128) -> Int {
        if raw == 0 { return 0 }
        var places = FixedPoint.decimals
        var value = raw.magnitude
        while places > 0 {
            let (q, r) = value.quotientAndRemainder(dividingBy: 10)
            if r != 0 { break }
            value = q
            places -= 1
        }
        return places
    }
}
