public import TradingCore

/// The venue rules given to instruments built from data files, which carry no exchange metadata.
///
/// The defaults keep quantities at the ledger's full resolution (18 decimals) so that all-in sizing is
/// not cut by a lot step; pass a real lot size and minimum notional to model a venue's filters.
public struct InstrumentDefaults: Sendable, Hashable {
    public var tickSize: Price
    public var lotStep: Quantity
    public var minNotional: Ratio
    public var makerFee: Ratio
    public var takerFee: Ratio
    public var maxLeverage: Ratio
    public var maintenanceMarginRate: Ratio
    /// Charge each instrument its venue's published fees (``VenueFees``) where the venue is known, and
    /// ``makerFee``/``takerFee`` elsewhere.
    public var usesVenueFees = false

    public init(
        tickSize: Price = Price(raw: 10_000_000_000),
        lotStep: Quantity = Quantity(raw: 1),
        minNotional: Ratio = .zero,
        makerFee: Ratio = Ratio(raw: 1_000_000_000_000_000),
        takerFee: Ratio = Ratio(raw: 1_000_000_000_000_000),
        maxLeverage: Ratio = Ratio(125),
        maintenanceMarginRate: Ratio = Ratio(raw: 4_000_000_000_000_000)
    ) {
        self.tickSize = tickSize
        self.lotStep = lotStep
        self.minNotional = minNotional
        self.makerFee = makerFee
        self.takerFee = takerFee
        self.maxLeverage = maxLeverage
        self.maintenanceMarginRate = maintenanceMarginRate
    }

    /// Builds the instrument a data file describes.
    /// - Throws: ``InstrumentError`` when the defaults break an instrument rule.
    public func instrument(
        id: InstrumentID,
        venueSymbol: String,
        kind: InstrumentKind,
        base: Currency,
        quote: Currency
    ) throws(InstrumentError) -> Instrument {
        let symbol: VenueSymbol
        do {
            symbol = try VenueSymbol(venueSymbol)
        } catch {
            throw InstrumentError(instrument: id.description, field: "venue_symbol", reason: error.description)
        }
        return try Instrument(
            id: id,
            venueSymbol: symbol,
            kind: kind,
            base: base,
            quote: quote,
            tickSize: tickSize,
            lotStep: lotStep,
            minNotional: Money(raw: minNotional.raw, currency: quote),
            makerFee: fees(id: id, kind: kind).maker,
            takerFee: fees(id: id, kind: kind).taker,
            maxLeverage: kind == .spot ? .one : maxLeverage,
            maintenanceMarginRate: kind == .spot ? .zero : maintenanceMarginRate
        )
    }

    /// The fees an instrument is charged: its venue's schedule when ``usesVenueFees`` and the venue is known.
    public func fees(id: InstrumentID, kind: InstrumentKind) -> (maker: Ratio, taker: Ratio) {
        if usesVenueFees, let schedule = VenueFees.schedule(venue: id.venue, kind: kind) {
            return VenueFees.ratios(schedule)
        }
        return (makerFee, takerFee)
    }
}
