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

    /// Text is cut without walking its characters when the cut falls among ASCII bytes; this checks that
    /// shortcut against the longest whole-character prefix on random text mixing ASCII, `"\r\n"` (one
    /// character of two ASCII bytes), accented letters, combining marks and emoji.
    @Test("truncated text is the longest whole-character prefix that fits (seeded)")
    func truncationProperty() {
        let pieces = ["a", "Z", "7", " ", "_", "\r\n", "\r", "\n", "é", "e\u{301}", "ß", "€", "🚀", "👍🏽", "🇩🇪"]
        let failures = PropertyTesting.check("truncation", cases: 400) { generator in
            var text = ""
            let asciiRun = Int.random(in: 30...45, using: &generator)
            // Mostly ASCII up to around the cut, so that the shortcut is taken often, then anything.
            for _ in 0..<asciiRun {
                text += Bool.random(using: &generator) ? "x" : pieces[Int.random(in: 0..<8, using: &generator)]
            }
            for _ in 0..<Int.random(in: 0...6, using: &generator) { text += pieces.randomElement(using: &generator)! }
            var expected = ""
            for character in text {
                if expected.utf8.count + character.utf8.count > ShortText.capacity { break }
                expected.append(character)
            }
            let short = ShortText(truncating: text)
            let fromSubstring = ShortText(truncating: text[...])
            guard short.string == expected, fromSubstring.string == expected else {
                return
                    "\(text.debugDescription): got \(short.string.debugDescription), expected \(expected.debugDescription)"
            }
            return nil
        }
        #expect(failures.isEmpty)
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
