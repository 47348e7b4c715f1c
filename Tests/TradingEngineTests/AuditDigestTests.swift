import Testing
import TradingCore
import TradingEngine
import TradingTestSupport

/// The audit digest tells runs apart: any change to a digested field of any fact, or to the order of the
/// facts, gives another digest.
@Suite("Audit digest")
struct AuditDigestTests {
    private static func fill(
        id: String = "O-1-test",
        trade: String = "T1",
        quantity: String = "0.5",
        price: String = "100.25",
        fee: String = "0.05",
        time: Int64 = 60_000
    ) throws -> EngineFact {
        .orderFilled(
            OrderFilled(
                clientOrderID: try ClientOrderID(id),
                venueOrderID: try VenueOrderID("SIM-1"),
                tradeID: try TradeID(trade),
                instrument: InstrumentIndex(0),
                side: .buy,
                quantity: Fixtures.quantity(quantity),
                price: Fixtures.price(price),
                fee: Fixtures.money(fee),
                liquidity: .taker,
                leavesQuantity: .zero,
                exchangeTime: Timestamp(milliseconds: time)
            ),
            strategy: nil
        )
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

    @Test("the engine's running digest is the digest of the facts it emits, whether or not it emits them")
    func engineDigestMatchesFacts() throws {
        let (digest, facts) = try Self.scenario(recordsFacts: true)
        var factsDigest = AuditDigest()
        factsDigest.add(facts)
        #expect(factsDigest == digest)
        #expect(factsDigest.factCount == facts.count)
        // Without a reader the engine digests what it would have emitted, from the values themselves.
        let (quietDigest, quietFacts) = try Self.scenario(recordsFacts: false)
        #expect(quietDigest == digest)
        #expect(quietFacts.allSatisfy { if case .positionClosed = $0 { true } else { false } })
        // A strategy that asks only for closing updates: the acceptances are digested from the orders
        // themselves, and come to the same digest; with a reader, the facts still hold every update.
        let (closingDigest, closingFacts) = try Self.scenario(recordsFacts: false, interest: .closing)
        #expect(closingDigest == digest)
        #expect(closingFacts.count == quietFacts.count)
        let (readDigest, readFacts) = try Self.scenario(recordsFacts: true, interest: .closing)
        #expect(readDigest == digest)
        #expect(readFacts == facts)
    }

    @Test("a strategy gets the order updates it asked for")
    func updatesByInterest() throws {
        let all = try Self.scenario(recordsFacts: false, interest: .all).updates
        let closing = try Self.scenario(recordsFacts: false, interest: .closing).updates
        // Three acceptances and the fill's update; only the fill's update closes its order.
        #expect(all.map(\.status) == [.accepted, .accepted, .accepted, .filled])
        #expect(closing.map(\.status) == [.filled])
    }

    /// Three orders submitted, accepted, the first filled; the engine's digest and the facts it emitted.
    private static func scenario(
        recordsFacts: Bool,
        interest: OrderUpdateInterest = .all
    ) throws -> (AuditDigest, [EngineFact]) {
        let (digest, facts, _) = try scenario(recordsFacts: recordsFacts, interest: interest)
        return (digest, facts)
    }

    private static func scenario(
        recordsFacts: Bool,
        interest: OrderUpdateInterest
    ) throws -> (digest: AuditDigest, facts: [EngineFact], updates: [OrderUpdate]) {
        var strategy = ScriptedStrategy(subscriptions: [Fixtures.spot().id]) { index, bar, context in
            switch index {
            case 0: context.submit(.market(InstrumentIndex(0), .buy, .base(Fixtures.quantity("0.01"))))
            case 1: context.submit(.limit(InstrumentIndex(0), .buy, Fixtures.quantity("0.01"), price: bar.low))
            default: context.submit(.market(InstrumentIndex(0), .buy, .quote(Fixtures.money("50"))))
            }
        }
        strategy.orderUpdateInterest = interest
        var engine = try makeEngine(strategy: strategy)
        // Risk decisions enter the digest only when they are recorded, and they are not facts.
        engine.outputDetail.riskDecisions = false
        engine.outputDetail.facts = recordsFacts
        var facts = Array(engine.start(at: .zero).facts)
        var ids: [ClientOrderID] = []
        for minute in 0..<3 {
            let time = Timestamp(seconds: Int64(60 * (minute + 1)))
            let output = engine.process(
                .market(.bar(Fixtures.bar(minute, open: "100", high: "101", low: "99", close: "100"))),
                at: time
            )
            facts += output.facts
            for request in output.requests {
                if case .submit(let ticket) = request.value { ids.append(ticket.clientOrderID) }
            }
        }
        #expect(ids.count == 3)
        // The venue accepts every order and fills the first in full.
        for (number, id) in ids.enumerated() {
            let time = Timestamp(seconds: 200 + Int64(number))
            facts +=
                engine.process(
                    .account(.accepted(id, venueOrderID: try VenueOrderID("V\(number)"), exchangeTime: time)),
                    at: time
                ).facts
        }
        let fill = OrderFilled(
            clientOrderID: ids[0],
            venueOrderID: try VenueOrderID("V0"),
            tradeID: try TradeID("T1"),
            instrument: InstrumentIndex(0),
            side: .buy,
            quantity: Fixtures.quantity("0.01"),
            price: Fixtures.price("100"),
            fee: Fixtures.money("0.001"),
            liquidity: .taker,
            leavesQuantity: .zero,
            exchangeTime: Timestamp(seconds: 300)
        )
        facts += engine.process(.account(.filled(fill)), at: Timestamp(seconds: 300)).facts
        if recordsFacts {
            #expect(facts.contains { if case .orderSubmitted = $0 { true } else { false } })
            #expect(facts.contains { if case .orderFilled = $0 { true } else { false } })
        }
        let updates = (engine.strategies.first as? ScriptedStrategy)?.updates ?? []
        return (engine.state.audit.digest, facts, updates)
    }
}
