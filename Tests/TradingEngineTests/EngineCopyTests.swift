import Testing
import TradingCore
import TradingEngine
import TradingTestSupport

@Suite("Engine copies and optional records")
struct EngineCopyTests {
    let instrument = Fixtures.spot()

    func bar(_ minute: Int, _ close: String) -> MarketEvent {
        .bar(Fixtures.bar(minute, open: close, high: close, low: close, close: close))
    }

    func barCount(_ engine: Engine) -> Int? { (engine.strategies.first as? ScriptedStrategy)?.barCount }

    @Test("a copied engine runs independently: its strategies are its own, not shared with the original")
    func copiesAreIndependent() throws {
        var original = try makeEngine(
            strategy: ScriptedStrategy(subscriptions: [instrument.id]) { index, bar, context in
                if index == 1 { context.submit(.market(bar.instrument, .buy, .base(Fixtures.quantity("1")))) }
            }
        )
        _ = original.start(at: .zero)
        _ = original.process(.market(bar(0, "100")), at: Timestamp(seconds: 60))
        var copy = original
        // Only the copy sees the second and third bars; only it submits.
        let copyOutput = copy.process(.market(bar(1, "101")), at: Timestamp(seconds: 120))
        _ = copy.process(.market(bar(2, "102")), at: Timestamp(seconds: 180))
        #expect(barCount(copy) == 3)
        #expect(barCount(original) == 1)
        #expect(copyOutput.submittedTickets.count == 1)
        #expect(copy.state.orders.openCount == 1 && original.state.orders.openCount == 0)
        // The original, run on its own, makes the same decisions the copy made.
        let originalOutput = original.process(.market(bar(1, "101")), at: Timestamp(seconds: 120))
        #expect(barCount(original) == 2 && barCount(copy) == 3)
        #expect(originalOutput.submittedTickets == copyOutput.submittedTickets)
    }

    /// Runs `engine` over one bar a minute at `price(minute)`, as a venue that accepts each submitted order
    /// and fills it completely at the bar's price at once; returns every output in order.
    func runFillingAtOnce(_ engine: inout Engine, minutes: Int, price: (Int) -> String) throws -> [EngineOutput] {
        _ = engine.start(at: .zero)
        var outputs: [EngineOutput] = []
        for minute in 0..<minutes {
            let time = Timestamp(seconds: 60 * Int64(minute + 1))
            outputs.append(engine.process(.market(bar(minute, price(minute))), at: time))
            for ticket in outputs.last!.submittedTickets {
                let venueID = try VenueOrderID("V\(minute)")
                let accepted = AccountEvent.accepted(ticket.clientOrderID, venueOrderID: venueID, exchangeTime: time)
                outputs.append(engine.process(.account(accepted), at: time))
                let fill = OrderFilled(
                    clientOrderID: ticket.clientOrderID,
                    venueOrderID: venueID,
                    tradeID: try TradeID("T\(minute)"),
                    instrument: InstrumentIndex(0),
                    side: ticket.spec.side,
                    quantity: Fixtures.quantity("1"),
                    price: Fixtures.price(price(minute)),
                    fee: Fixtures.money("0.1"),
                    liquidity: .taker,
                    leavesQuantity: .zero,
                    exchangeTime: time
                )
                outputs.append(engine.process(.account(.filled(fill)), at: time))
            }
        }
        return outputs
    }

    @Test("with decision records off, orders are checked and decided the same, and no decision is recorded")
    func decisionsOff() throws {
        // Buys 1 each bar: with 250 USDT the third buy at 100 (plus fees) is refused for funds.
        let strategy = ScriptedStrategy(subscriptions: [instrument.id]) { _, bar, context in
            context.submit(.market(bar.instrument, .buy, .base(Fixtures.quantity("1"))))
        }
        func run(recording: Bool) throws -> (outputs: [EngineOutput], engine: Engine) {
            var engine = try makeEngine(cash: "250", strategy: strategy)
            engine.outputDetail.riskDecisions = recording
            let outputs = try runFillingAtOnce(&engine, minutes: 3) { _ in "100" }
            return (outputs, engine)
        }
        let recorded = try run(recording: true)
        let unrecorded = try run(recording: false)
        let recordedDecisions = recorded.outputs.flatMap(\.decisions)
        #expect(recordedDecisions.count == 3)
        #expect(recordedDecisions.filter { !$0.approved }.map { $0.refusal?.code } == ["insufficient_balance"])
        #expect(unrecorded.outputs.allSatisfy { $0.decisions.isEmpty })
        // Everything else is the same: requests, denials, fills, positions, balances.
        #expect(recorded.outputs.map(\.requests) == unrecorded.outputs.map(\.requests))
        #expect(recorded.outputs.map(\.facts) == unrecorded.outputs.map(\.facts))
        #expect(recorded.outputs.flatMap(\.denials).count == 1)
        #expect(recorded.engine.state.portfolio.balances == unrecorded.engine.state.portfolio.balances)
        #expect(recorded.engine.state.audit.ordersDenied == unrecorded.engine.state.audit.ordersDenied)
    }

    @Test("with fact records off, the output carries only closed positions and the audit trail is the same")
    func factsOff() throws {
        // Buys 1 on even minutes at 100 and sells it on odd ones at 110: two round trips in four bars.
        let strategy = ScriptedStrategy(subscriptions: [instrument.id]) { index, bar, context in
            context.submit(.market(bar.instrument, index % 2 == 0 ? .buy : .sell, .base(Fixtures.quantity("1"))))
        }
        func run(recording: Bool) throws -> (outputs: [EngineOutput], engine: Engine) {
            var engine = try makeEngine(cash: "1000", strategy: strategy)
            engine.outputDetail.facts = recording
            let outputs = try runFillingAtOnce(&engine, minutes: 4) { $0 % 2 == 0 ? "100" : "110" }
            return (outputs, engine)
        }
        let recorded = try run(recording: true)
        let unrecorded = try run(recording: false)
        let allFacts = recorded.outputs.flatMap(\.facts)
        let closed = allFacts.filter { if case .positionClosed = $0 { true } else { false } }
        #expect(closed.count == 2)
        #expect(allFacts.count > closed.count)
        // Only the closed positions reach the output; the requests and the audit trail are unchanged.
        #expect(unrecorded.outputs.flatMap(\.facts) == closed)
        #expect(recorded.outputs.map(\.requests) == unrecorded.outputs.map(\.requests))
        // The trail counts every fact and every recorded risk decision, in both runs.
        let decisions = recorded.outputs.flatMap(\.decisions).count
        #expect(decisions == 4)
        #expect(recorded.engine.state.audit.factCount == allFacts.count + decisions)
        #expect(unrecorded.engine.state.audit.factCount == allFacts.count + decisions)
        #expect(recorded.engine.state.audit.digest == unrecorded.engine.state.audit.digest)
        #expect(recorded.engine.state.portfolio.balances == unrecorded.engine.state.portfolio.balances)
    }
}
