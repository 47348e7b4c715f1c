public import TradingCore
import TradingEngine

/// Test fixtures built through the production initialisers, with a default for every field.
public enum Fixtures {
    public static func instrumentID(_ symbol: String = "BTCUSDT", venue: String = "SIM") -> InstrumentID {
        do {
            return try InstrumentID(symbol: symbol, venue: Venue(venue))
        } catch {
            preconditionFailure("fixture: \(error)")
        }
    }

    /// A spot instrument (BTC/USDT) with a 0.01 tick and a 0.00001 lot.
    public static func spot(
        symbol: String = "BTCUSDT",
        base: String = "BTC",
        quote: String = "USDT",
        tick: String = "0.01",
        lot: String = "0.00001",
        minNotional: String = "0",
        makerFee: String = "0.001",
        takerFee: String = "0.001"
    ) -> Instrument {
        do {
            let quoteCurrency = try Currency(quote)
            return try Instrument(
                id: instrumentID(symbol),
                venueSymbol: VenueSymbol(symbol),
                kind: .spot,
                base: Currency(base),
                quote: quoteCurrency,
                tickSize: Price(tick),
                lotStep: Quantity(lot),
                minNotional: Money(minNotional, currency: quoteCurrency),
                makerFee: Ratio(makerFee),
                takerFee: Ratio(takerFee)
            )
        } catch {
            preconditionFailure("fixture: \(error)")
        }
    }

    /// A linear perpetual (BTCUSDT-PERP) with a 0.1 tick, 0.001 lot, 125× maximum leverage and a 0.4 %
    /// maintenance margin.
    public static func perpetual(
        symbol: String = "BTCUSDT-PERP",
        tick: String = "0.1",
        lot: String = "0.001",
        makerFee: String = "0.0002",
        takerFee: String = "0.0004",
        maintenanceMarginRate: String = "0.004"
    ) -> Instrument {
        do {
            return try Instrument(
                id: instrumentID(symbol),
                venueSymbol: VenueSymbol("BTCUSDT"),
                kind: .linearPerpetual,
                base: .btc,
                quote: .usdt,
                tickSize: Price(tick),
                lotStep: Quantity(lot),
                makerFee: Ratio(makerFee),
                takerFee: Ratio(takerFee),
                maxLeverage: Ratio(125),
                maintenanceMarginRate: Ratio(maintenanceMarginRate)
            )
        } catch {
            preconditionFailure("fixture: \(error)")
        }
    }

    public static func price(_ text: String) -> Price { try! Price(text) }  // Test fixtures only.
    public static func quantity(_ text: String) -> Quantity { try! Quantity(text) }  // Test fixtures only.
    public static func money(_ text: String, _ currency: Currency = .usdt) -> Money {
        try! Money(text, currency: currency)  // Test fixtures only.
    }
    public static func ratio(_ text: String) -> Ratio { try! Ratio(text) }  // Test fixtures only.

    /// A one-minute bar from decimal text, opening `minute` minutes after 2024-01-01T00:00Z.
    public static func bar(
        _ minute: Int,
        open: String,
        high: String,
        low: String,
        close: String,
        volume: String = "1",
        instrument: InstrumentIndex = InstrumentIndex(0),
        minutes: Int = 1
    ) -> Bar {
        let start = Timestamp(CivilTime(year: 2024, month: 1, day: 1)).advanced(
            byNanoseconds: Int64(minute) * 60_000_000_000
        )
        return Bar(
            instrument: instrument,
            openTime: start,
            closeTime: start.advanced(byNanoseconds: Int64(minutes) * 60_000_000_000),
            open: price(open),
            high: price(high),
            low: price(low),
            close: price(close),
            volume: quantity(volume)
        )
    }

    /// A trade tick at `millisecond` after 2024-01-01T00:00Z.
    public static func trade(
        _ millisecond: Int64,
        price text: String,
        size: String,
        aggressor: OrderSide,
        instrument: InstrumentIndex = InstrumentIndex(0)
    ) -> TradeTick {
        let time = Timestamp(CivilTime(year: 2024, month: 1, day: 1)).advanced(byNanoseconds: millisecond * 1_000_000)
        return TradeTick(
            instrument: instrument,
            price: price(text),
            size: quantity(size),
            aggressor: aggressor,
            exchangeTime: time,
            receivedTime: time
        )
    }

    /// A book update at `millisecond` after 2024-01-01T00:00Z; levels as `(price, size)` text pairs.
    public static func book(
        _ millisecond: Int64,
        kind: BookUpdate.Kind = .snapshot,
        bids: [(String, String)],
        asks: [(String, String)],
        instrument: InstrumentIndex = InstrumentIndex(0)
    ) -> BookUpdate {
        let time = Timestamp(CivilTime(year: 2024, month: 1, day: 1)).advanced(byNanoseconds: millisecond * 1_000_000)
        return BookUpdate(
            instrument: instrument,
            kind: kind,
            bids: bids.map { BookLevel(price: price($0.0), size: quantity($0.1)) },
            asks: asks.map { BookLevel(price: price($0.0), size: quantity($0.1)) },
            updateID: UInt64(millisecond),
            exchangeTime: time,
            receivedTime: time
        )
    }

    /// A quote tick at `millisecond` after 2024-01-01T00:00Z.
    public static func quote(
        _ millisecond: Int64,
        bid: String,
        bidSize: String = "1",
        ask: String,
        askSize: String = "1",
        instrument: InstrumentIndex = InstrumentIndex(0)
    ) -> QuoteTick {
        let time = Timestamp(CivilTime(year: 2024, month: 1, day: 1)).advanced(byNanoseconds: millisecond * 1_000_000)
        return QuoteTick(
            instrument: instrument,
            bidPrice: price(bid),
            bidSize: quantity(bidSize),
            askPrice: price(ask),
            askSize: quantity(askSize),
            exchangeTime: time,
            receivedTime: time
        )
    }

    /// A strategy ID for tests (`text` must be a valid ID).
    public static func strategyID(_ text: String = "test") -> StrategyID { try! StrategyID(text) }
}
