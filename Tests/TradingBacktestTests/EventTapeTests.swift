import Testing
import TradingBacktest
import TradingCore
import TradingEngine
import TradingMarketData
import TradingTestSupport

@Suite("Event tape")
struct EventTapeTests {
    /// A random decimal with up to `decimals` places and a mantissa below `limit`, as text.
    private static func decimal(_ generator: inout SeededGenerator, decimals: Int, limit: Int64 = 10_000_000) -> String
    {
        let mantissa = Int64.random(in: 1..<limit, using: &generator)
        guard decimals > 0 else { return String(mantissa) }
        var digits = String(mantissa)
        while digits.count <= decimals { digits = "0" + digits }
        return digits.prefix(digits.count - decimals) + "." + digits.suffix(decimals)
    }

    /// A random stream: bars of two instruments and three lengths with prices of a few decimals, now and
    /// then a bar that cannot be compact (a range over 2³² steps, a huge volume),
    /// and trades, quotes, books and funding between them.
    private static func randomEvents(_ generator: inout SeededGenerator) -> (events: [MarketEvent], misfits: Int) {
        let priceDecimals = Int.random(in: 0...8, using: &generator)
        let volumeDecimals = Int.random(in: 0...8, using: &generator)
        var events: [MarketEvent] = []
        var misfits = 0
        for minute in 0..<Int.random(in: 1...400, using: &generator) {
            switch Int.random(in: 0..<20, using: &generator) {
            case 0:
                events.append(
                    .trade(Fixtures.trade(Int64(minute) * 60_000, price: "100.5", size: "0.25", aggressor: .buy))
                )
            case 1:
                events.append(.quote(Fixtures.quote(Int64(minute) * 60_000, bid: "100", ask: "100.5")))
            case 2:
                events.append(.book(Fixtures.book(Int64(minute) * 60_000, bids: [("99", "1")], asks: [("101", "2")])))
            case 3:
                let time = Timestamp(nanoseconds: Int64(minute) * 60_000_000_000)
                events.append(
                    .funding(
                        FundingRateUpdate(
                            instrument: InstrumentIndex(1),
                            rate: Fixtures.ratio("0.0001"),
                            fundingTime: time,
                            receivedTime: time
                        )
                    )
                )
            case 4:
                // A range of more than 2³² price steps, or a volume of more than 2⁶³ volume steps.
                misfits += 1
                let wide = Bool.random(using: &generator)
                events.append(
                    .bar(
                        Fixtures.bar(
                            minute,
                            open: "100",
                            high: wide ? "50000000000" : "101",
                            low: "99",
                            close: "100",
                            volume: wide ? "1" : "100000000000000000000"
                        )
                    )
                )
            default:
                let prices = (0..<4).map { _ in Fixtures.price(decimal(&generator, decimals: priceDecimals)) }.sorted()
                let (low, high) = (prices[0], prices[3])
                let (open, close) = Bool.random(using: &generator) ? (prices[1], prices[2]) : (prices[2], prices[1])
                events.append(
                    .bar(
                        Fixtures.bar(
                            minute,
                            open: open.description,
                            high: high.description,
                            low: low.description,
                            close: close.description,
                            volume: Bool.random(using: &generator)
                                ? "0" : decimal(&generator, decimals: volumeDecimals, limit: 1 << 40),
                            instrument: InstrumentIndex(Int.random(in: 0...1, using: &generator)),
                            minutes: [1, 5, 60].randomElement(using: &generator)!
                        )
                    )
                )
            }
        }
        return (events, misfits)
    }

    @Test("a tape gives back exactly the events it was made from (seeded)")
    func roundTrip() {
        let failures = PropertyTesting.check("event tape round trip", cases: 200) { generator in
            let (events, misfits) = Self.randomEvents(&generator)
            let tape = EventTape(events)
            if tape.count != events.count { return "\(tape.count) events on the tape, \(events.count) given" }
            let decoded = tape.events
            if let index = events.indices.first(where: { decoded[$0] != events[$0] }) {
                return "event \(index) differs: \(decoded[index]) vs \(events[index])"
            }
            // Every bar that fits is compact: only the other events and the misfits are kept as they are.
            let others = events.filter { if case .bar = $0 { false } else { true } }.count
            if tape.keptAsIsCount != others + misfits {
                return "\(tape.keptAsIsCount) kept as they are, expected \(others) others and \(misfits) misfits"
            }
            return nil
        }
        #expect(failures.isEmpty)
    }

    @Test("a synthetic market of one-minute bars takes 48 bytes a bar")
    func size() throws {
        let market = SyntheticMarket(seed: 3, bars: 10_000)
        var events: [MarketEvent] = []
        let source = market.source(instrument: InstrumentIndex(0))
        while let event = try source.next() { events.append(event) }
        let tape = EventTape(events)
        #expect(tape.keptAsIsCount == 0)
        #expect(tape.byteCount == 10_000 * 48 + 8)
        #expect(tape.events == events)
        #expect(MemoryLayout<MarketEvent>.stride == 128)
    }

    @Test("an empty tape replays nothing")
    func empty() {
        let tape = EventTape([])
        #expect(tape.count == 0)
        #expect(tape.events.isEmpty)
    }
}
