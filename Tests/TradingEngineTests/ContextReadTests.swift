import Testing
import TradingCore
import TradingEngine
import TradingTestSupport

/// Buys 0.01 every third bar and sells it two bars later; with `reading`, it also reads everything its
/// context offers on every bar and keeps a copy of the state.
private struct Reader: Strategy {
    let id = Fixtures.strategyID()
    let subscriptions = [Fixtures.spot().id]
    let reading: Bool
    var bars = 0
    var kept: [(bar: Bar, state: EngineState)] = []

    mutating func onBar(_ bar: Bar, context: inout StrategyContext) {
        if reading {
            let index = bar.instrument
            _ = (context.strategyID, context.sizing, context.now, context.equity, context.hasOpenOrders(index))
            _ = (context.position(index), context.lastPrice(index), context.signedPositionRaw(index))
            _ = (context.openOrders(index), context.index(of: Fixtures.spot().id), context.instrument(index))
            _ = (
                context.entryQuantity(for: index, side: .buy),
                context.size(.fixedQuantity(Fixtures.quantity("1")), instrument: index)
            )
            kept.append((bar, context.state))
        }
        if bars % 3 == 0 { context.submit(.market(bar.instrument, .buy, .base(Fixtures.quantity("0.01")))) }
        if bars % 3 == 2 { context.submit(.market(bar.instrument, .sell, .base(Fixtures.quantity("0.01")))) }
        bars += 1
    }
}

@Suite("Strategy context")
struct ContextReadTests {
    @Test("reading the context changes nothing, and a kept copy of the state is a value later events leave alone")
    func readsChangeNothing() throws {
        func run(reading: Bool) throws -> Engine {
            var engine = try Engine(
                configuration: EngineConfiguration(
                    instruments: [Fixtures.spot()],
                    accountCurrency: .usdt,
                    balances: [Fixtures.money("10000")]
                ),
                strategies: [Reader(reading: reading)]
            )
            var output = engine.start(at: .zero)
            for minute in 0..<30 {
                let close = String(100 + minute % 7)
                let bar = Fixtures.bar(minute, open: close, high: close, low: close, close: close)
                engine.process(.market(.bar(bar)), at: bar.closeTime, into: &output)
                for request in output.requests {
                    guard case .submit(let ticket) = request.value, case .base(let quantity) = ticket.spec.quantity
                    else { continue }
                    let fill = OrderFilled(
                        clientOrderID: ticket.clientOrderID,
                        venueOrderID: VenueOrderID(sequence: UInt64(minute + 1), prefix: "V"),
                        tradeID: TradeID(sequence: UInt64(minute + 1), prefix: "T"),
                        instrument: ticket.spec.instrument,
                        side: ticket.spec.side,
                        quantity: quantity,
                        price: bar.close,
                        fee: .zero(.usdt),
                        liquidity: .taker,
                        leavesQuantity: .zero,
                        exchangeTime: bar.closeTime
                    )
                    var filled = EngineOutput()
                    engine.process(.account(.filled(fill)), at: bar.closeTime, into: &filled)
                }
            }
            return engine
        }
        let quiet = try run(reading: false)
        let reading = try run(reading: true)
        #expect(reading.state.audit.digest == quiet.state.audit.digest)
        #expect(reading.state.sequence == quiet.state.sequence)
        #expect(reading.state.nextOrderSequence == quiet.state.nextOrderSequence)
        #expect(reading.state.equity == quiet.state.equity)
        #expect(reading.state.market.lastBar(InstrumentIndex(0)) == quiet.state.market.lastBar(InstrumentIndex(0)))
        let reader = try #require(reading.strategies.first as? Reader)
        #expect(reader.kept.count == 30)
        for (bar, state) in reader.kept {
            #expect(state.market.lastBar(InstrumentIndex(0)) == bar)
            #expect(state.now == bar.closeTime)
        }
    }
}
