public import TradingCore

/// The engine's instruments for the sim's symbols: the same ticks, lot steps and minimums the sim publishes
/// in `exchangeInfo`, with Binance's base fees (spot 0.1 % maker and taker; USD-M 0.02 % maker, 0.05 %
/// taker) and USD-M's first-tier leverage and maintenance margin.
public enum SimInstruments {
    /// The instruments of `kind`'s market, in ``SimSymbol/all`` order (instrument `n` is the `n`-th symbol of
    /// that market).
    /// - Throws: an error naming the symbol and field, should the table hold a bad value.
    public static func instruments(_ kind: SimMarketKind) throws -> [Instrument] {
        try SimSymbol.all.filter { $0.kind == kind }.map { try instrument($0) }
    }

    /// The symbols of `kind`'s market, in instrument order.
    public static func symbols(_ kind: SimMarketKind) -> [SimSymbol] { kind == .spot ? spot : usdm }

    private static let spot = SimSymbol.all.filter { $0.kind == .spot }
    private static let usdm = SimSymbol.all.filter { $0.kind == .usdm }

    static func instrument(_ symbol: SimSymbol) throws -> Instrument {
        let spot = symbol.kind == .spot
        let maxLeverage: Int =
            switch symbol.base {
            case "BTC": 125
            case "ETH": 100
            default: 75
            }
        return try Instrument(
            id: InstrumentID(symbol: symbol.symbol, venue: .simulated),
            venueSymbol: VenueSymbol(symbol.symbol),
            kind: spot ? .spot : .linearPerpetual,
            base: Currency(symbol.base),
            quote: Currency(symbol.quote),
            tickSize: Price(symbol.tickSize),
            lotStep: Quantity(symbol.stepSize),
            minQuantity: Quantity(symbol.minQuantity),
            maxQuantity: Quantity(symbol.maxQuantity),
            minNotional: Money(symbol.minNotional, currency: Currency(symbol.quote)),
            pricePrecision: symbol.pricePrecision,
            quantityPrecision: symbol.quantityPrecision,
            makerFee: Ratio(spot ? "0.001" : "0.0002"),
            takerFee: Ratio(spot ? "0.001" : "0.0005"),
            maxLeverage: spot ? .one : Ratio(maxLeverage),
            maintenanceMarginRate: Ratio(spot ? "0" : "0.004")
        )
    }
}
