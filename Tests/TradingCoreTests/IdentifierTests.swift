import Testing
import TradingCore
import TradingTestSupport

@Suite("Identifiers and inline text")
struct IdentifierTests {
    @Test("client order IDs derive from the strategy and the sequence, within 36 characters")
    func clientOrderIDs() throws {
        let id = ClientOrderID(strategy: try StrategyID("ema_cross"), sequence: 42)
        #expect(id.value == "O-42-ema_cross")
        let long = ClientOrderID(strategy: try StrategyID(String(repeating: "s", count: 39)), sequence: 1_234_567)
        #expect(long.value.count == 36)
        #expect(long.value.hasPrefix("O-1234567-sss"))
        #expect(ClientOrderID(strategy: try StrategyID("a"), sequence: 0).value == "O-0-a")
    }

    @Test("IDs reject empty text, spaces and text that is too long")
    func rejectsBadIDs() {
        #expect(throws: IdentifierError.self) { try ClientOrderID("") }
        #expect(throws: IdentifierError.self) { try ClientOrderID("has space") }
        #expect(throws: IdentifierError.self) { try ClientOrderID(String(repeating: "x", count: 37)) }
        #expect(throws: IdentifierError.self) { try StrategyID(String(repeating: "x", count: 40)) }
        #expect(throws: IdentifierError.self) { try Currency("usdt") }
        #expect(throws: IdentifierError.self) { try Currency("ABCDEFGHIJKLMNOP") }
        #expect(throws: IdentifierError.self) { try InstrumentID(parsing: "BTCUSDT") }
    }

    @Test("instrument IDs parse SYMBOL.VENUE and print back")
    func instrumentIDs() throws {
        let id = try InstrumentID(parsing: "BTCUSDT-PERP.BINANCE")
        #expect(id.symbol == "BTCUSDT-PERP")
        #expect(id.venue.name == "BINANCE")
        #expect(id.description == "BTCUSDT-PERP.BINANCE")
    }

    @Test("short text truncates at a character boundary and compares by bytes")
    func shortText() {
        let text = ShortText(truncating: String(repeating: "é", count: 30))
        #expect(text.count == 38)
        #expect(text.string == String(repeating: "é", count: 19))
        let literal: ShortText = "long_entry"
        #expect(literal.string == "long_entry")
        #expect(ShortText(truncating: "abc") < ShortText(truncating: "abd"))
        #expect(ShortText(exactly: String(repeating: "x", count: 40)) == nil)
        #expect(Set([ShortText(truncating: "a"), ShortText(truncating: "a"), ShortText(truncating: "b")]).count == 2)
    }

    @Test("currencies keep their code")
    func currencies() throws {
        let currency = try Currency("1000SHIB")
        #expect(currency.code == "1000SHIB")
        #expect(currency == (try Currency("1000SHIB")))
        #expect(currency != .usdt)
    }

    @Test("money of different currencies never mixes")
    func moneyCurrencies() async {
        await #expect(processExitsWith: .failure) {
            _ = Money(raw: 1, currency: .usdt) + Money(raw: 1, currency: .btc)
        }
    }
}
