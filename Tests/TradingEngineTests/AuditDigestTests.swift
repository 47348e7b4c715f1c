import Testing
import TradingCore
import TradingEngine
import TradingTestSupport

/// The audit digest tells runs apart: any change to a digested field of any fact, or to the order of the
/// facts, gives another digest.
@Suite("Audit digest")
struct AuditDigestTests {
    private static func fill(
        id: String = "O-1-test", trade: String = "T1", quantity: String = "0.5", price: String = "100.25",
        fee: String = "0.05", time: Int64 = 60_000
    ) throws -> EngineFact {
        .orderFilled(
            OrderFilled(
                clientOrderID: try ClientOrderID(id), venueOrderID: try VenueOrderID("SIM-1"), tradeID: try TradeID(trade),
                instrument: InstrumentIndex(0), side: .buy, quantity: Fixtures.quantity(quantity),
                price: Fixtures.price(price), fee: Fixtures.money(fee), liquidity: .taker, leavesQuantity: .zero,
                exchangeTime: Timestamp(milliseconds: time)),
            strategy: nil)
    }

    private static func digest(_ facts: [EngineFact]) -> String {
        var digest = AuditDigest()
        digest.add(facts)
        return digest.description
    }

    @Test("equal facts give equal digests; a change to any field or to the order gives another")
    func sensitivity() throws {
        let base = [try Self.fill(), try Self.fill(id: "O-2-test", trade: "T2", time: 120_000)]
        #expect(Self.digest(base) == Self.digest(base))
        #expect(Self.digest(base).count == 16)
        let variants: [[EngineFact]] = [
            [],
            [base[0]],
            [base[1], base[0]],
            [try Self.fill(id: "O-1-tesu"), base[1]],
            [try Self.fill(trade: "T3"), base[1]],
            // One raw unit (10⁻¹⁸) more quantity, price or fee.
            [try Self.fill(quantity: "0.500000000000000001"), base[1]],
            [try Self.fill(price: "100.250000000000000001"), base[1]],
            [try Self.fill(fee: "0.050000000000000001"), base[1]],
            [try Self.fill(time: 60_001), base[1]],
            [base[0], base[1], base[1]],
        ]
        let digests = [Self.digest(base)] + variants.map(Self.digest)
        #expect(Set(digests).count == digests.count, "digests: \(digests)")
    }
}
