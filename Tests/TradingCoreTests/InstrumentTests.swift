import Testing
import TradingCore
import TradingTestSupport

@Suite("Instruments")
struct InstrumentTests {
    let instrument = Fixtures.spot(tick: "0.01", lot: "0.00001", minNotional: "5")

    @Test("validates prices against the tick grid")
    func prices() throws {
        #expect(instrument.validate(price: try Price("65432.10")) == nil)
        #expect(
            instrument.validate(price: try Price("65432.105"))
                == .offTickGrid(try Price("65432.105"), tickSize: try Price("0.01"))
        )
        #expect(instrument.validate(price: .zero) == .nonPositivePrice(.zero))
    }

    @Test("validates quantities against the lot grid, minimum and notional")
    func quantities() throws {
        #expect(instrument.validate(quantity: try Quantity("0.001")) == nil)
        #expect(instrument.validate(quantity: try Quantity("0.000015")) != nil)
        #expect(instrument.validate(quantity: .zero) == .zeroQuantity)
        let violation = instrument.validate(quantity: try Quantity("0.00001"), at: try Price("100000"))
        #expect(
            violation
                == .belowMinimumNotional(try Money("1", currency: .usdt), minimum: try Money("5", currency: .usdt))
        )
    }

    @Test("rounds prices and quantities to the grid by the chosen rule")
    func rounding() throws {
        #expect(instrument.round(price: try Price("100.005")) == (try Price("100")))  // half to even
        #expect(instrument.round(price: try Price("100.015")) == (try Price("100.02")))
        #expect(instrument.round(price: try Price("100.001"), rounding: .up) == (try Price("100.01")))
        #expect(instrument.round(quantity: try Quantity("0.123456789")) == (try Quantity("0.12345")))
    }

    @Test("a definition that breaks a rule names the field")
    func invalidDefinitions() throws {
        let id = Fixtures.instrumentID()
        let symbol = try VenueSymbol("BTCUSDT")
        let precision = #expect(throws: InstrumentError.self) {
            try Instrument(
                id: id,
                venueSymbol: symbol,
                kind: .spot,
                base: .btc,
                quote: .usdt,
                tickSize: try Price("0.001"),
                lotStep: try Quantity("0.1"),
                pricePrecision: 2
            )
        }
        #expect(precision?.field == "tick_size")
        let fee = #expect(throws: InstrumentError.self) {
            try Instrument(
                id: id,
                venueSymbol: symbol,
                kind: .spot,
                base: .btc,
                quote: .usdt,
                tickSize: try Price("0.01"),
                lotStep: try Quantity("0.1"),
                takerFee: try Ratio("0.2")
            )
        }
        #expect(fee?.field == "taker_fee")
        #expect(fee?.description.contains("10 %") == true)
        let minimum = #expect(throws: InstrumentError.self) {
            try Instrument(
                id: id,
                venueSymbol: symbol,
                kind: .spot,
                base: .btc,
                quote: .usdt,
                tickSize: try Price("0.01"),
                lotStep: try Quantity("0.1"),
                minQuantity: try Quantity("0.15")
            )
        }
        #expect(minimum?.field == "min_quantity")
    }

    @Test("notional includes the contract multiplier")
    func notional() throws {
        let perpetual = Fixtures.perpetual()
        #expect(
            perpetual.notional(of: try Quantity("0.5"), at: try Price("60000")) == (try Money("30000", currency: .usdt))
        )
        #expect(instrument.format(price: try Price("1.5")) == "1.50")
    }
}
