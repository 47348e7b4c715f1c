import Testing
import TradingCore
import TradingEngine
import TradingTestSupport

/// Builds an engine over one spot instrument with 10 000 USDT and one scripted strategy.
func makeEngine(
    instrument: Instrument = Fixtures.spot(),
    cash: String = "10000",
    strategy: ScriptedStrategy,
    sizing: PositionSizing = .allIn
) throws -> Engine {
    try Engine(
        configuration: EngineConfiguration(
            instruments: [instrument],
            accountCurrency: .usdt,
            balances: [Fixtures.money(cash)],
            defaultSizing: sizing
        ),
        strategies: [strategy]
    )
}

extension EngineOutput {
    var submittedTickets: [OrderTicket] {
        requests.compactMap { request in
            if case .submit(let ticket) = request.value { return ticket }
            return nil
        }
    }

    var denials: [OrderUpdate] {
        facts.compactMap { fact in
            if case .orderDenied(let update) = fact { return update }
            return nil
        }
    }
}

@Suite("Engine")
struct EngineTests {
    let instrument = Fixtures.spot()
    var id: InstrumentID { instrument.id }

    @Test("a strategy's order passes risk and leaves as a risk-approved request")
    func submitsThroughRisk() throws {
        var engine = try makeEngine(
            strategy: ScriptedStrategy(subscriptions: [id]) { index, _, context in
                if index == 0 { context.submit(.market(InstrumentIndex(0), .buy, .base(Fixtures.quantity("0.01")))) }
            }
        )
        _ = engine.start(at: .zero)
        let output = engine.process(
            .market(.bar(Fixtures.bar(0, open: "100", high: "101", low: "99", close: "100"))),
            at: Timestamp(seconds: 60)
        )
        #expect(output.submittedTickets.count == 1)
        #expect(output.submittedTickets.first?.clientOrderID.value == "O-1-test")
        #expect(engine.state.orders.openCount == 1)
        #expect(engine.state.orders.openOrders.first?.status == .submitted)
        guard case .orderSubmitted(let submitted) = output.facts.first else {
            Issue.record("no submission fact")
            return
        }
        #expect(submitted.spec.side == .buy)
    }

    @Test(
        "risk denies what breaks the basic rules",
        arguments: [
            (
                "reduce_only_no_position",
                OrderSpec.market(InstrumentIndex(0), .sell, .base(Fixtures.quantity("0.01")), reduceOnly: true),
                "reduce-only order without an open position"
            ),
            (
                "insufficient_balance",
                OrderSpec.limit(InstrumentIndex(0), .buy, Fixtures.quantity("1"), price: Fixtures.price("100000")),
                "insufficient balance: requires 100100 USDT, available 10000 USDT"
            ),
            (
                "instrument_rule",
                OrderSpec.limit(InstrumentIndex(0), .buy, Fixtures.quantity("0.01"), price: Fixtures.price("100.005")),
                "price 100.005 is not a multiple of the tick size 0.01"
            ),
            (
                "instrument_rule", OrderSpec.market(InstrumentIndex(0), .buy, .base(Fixtures.quantity("0.000001"))),
                "is not a multiple of the lot step"
            ),
            (
                "spot_short_sale", OrderSpec.market(InstrumentIndex(0), .sell, .base(Fixtures.quantity("0.01"))),
                "spot sell exceeds the available 0"
            ),
            (
                "invalid_order",
                OrderSpec(
                    instrument: InstrumentIndex(0),
                    side: .buy,
                    type: .limit,
                    quantity: .base(Fixtures.quantity("0.01"))
                ), "a limit order needs a price"
            ),
        ]
    )
    func denials(name: String, spec: OrderSpec, reason: String) throws {
        var engine = try makeEngine(
            strategy: ScriptedStrategy(subscriptions: [id]) { index, _, context in
                if index == 0 { context.submit(spec) }
            }
        )
        _ = engine.start(at: .zero)
        let output = engine.process(
            .market(.bar(Fixtures.bar(0, open: "100", high: "101", low: "99", close: "100"))),
            at: Timestamp(seconds: 60)
        )
        #expect(output.requests.isEmpty, "\(name)")
        let denial = try #require(output.denials.first)
        #expect(denial.reason?.string == name)
        let full = engine.state.orders.reason(of: denial.clientOrderID) ?? ""
        #expect(full.contains(reason), "\(full)")
        let strategy = try #require(engine.strategies.first as? ScriptedStrategy)
        #expect(strategy.updates.last?.transition == .deny)
    }

    @Test("venue reports move the order and fills book the portfolio")
    func accountEvents() throws {
        var engine = try makeEngine(
            strategy: ScriptedStrategy(subscriptions: [id]) { index, _, context in
                if index == 0 {
                    context.submit(
                        .limit(InstrumentIndex(0), .buy, Fixtures.quantity("0.5"), price: Fixtures.price("100"))
                    )
                }
            }
        )
        _ = engine.start(at: .zero)
        _ = engine.process(
            .market(.bar(Fixtures.bar(0, open: "100", high: "101", low: "99", close: "100"))),
            at: Timestamp(seconds: 60)
        )
        let order = try #require(engine.state.orders.openOrders.first)
        let venueID = VenueOrderID(sequence: 7, prefix: "V")
        _ = engine.process(
            .account(.accepted(order.clientOrderID, venueOrderID: venueID, exchangeTime: Timestamp(seconds: 61))),
            at: Timestamp(seconds: 61)
        )
        #expect(engine.state.orders[order.clientOrderID]?.status == .accepted)
        func fill(_ quantity: String, leaves: String) -> EngineEvent {
            .account(
                .filled(
                    OrderFilled(
                        clientOrderID: order.clientOrderID,
                        venueOrderID: venueID,
                        tradeID: TradeID(sequence: 1, prefix: "T"),
                        instrument: InstrumentIndex(0),
                        side: .buy,
                        quantity: Fixtures.quantity(quantity),
                        price: Fixtures.price("100"),
                        fee: Fixtures.money("0.02"),
                        liquidity: .maker,
                        leavesQuantity: Fixtures.quantity(leaves),
                        exchangeTime: Timestamp(seconds: 62)
                    )
                )
            )
        }
        _ = engine.process(fill("0.2", leaves: "0.3"), at: Timestamp(seconds: 62))
        #expect(engine.state.orders[order.clientOrderID]?.status == .partiallyFilled)
        let output = engine.process(fill("0.3", leaves: "0"), at: Timestamp(seconds: 62))
        #expect(engine.state.orders[order.clientOrderID]?.status == .filled)
        #expect(engine.state.orders[order.clientOrderID]?.averageFillPrice == Fixtures.price("100"))
        #expect(engine.state.portfolio.position(InstrumentIndex(0))?.quantity == Fixtures.quantity("0.5"))
        #expect(engine.state.portfolio.balance(.usdt) == Fixtures.money("9949.96"))
        #expect(output.facts.contains { if case .positionChanged = $0 { true } else { false } })
        let strategy = try #require(engine.strategies.first as? ScriptedStrategy)
        #expect(strategy.fills.count == 2)
    }

    @Test("a fill for an unknown order is booked and reported as an anomaly")
    func unknownFill() throws {
        var engine = try makeEngine(strategy: ScriptedStrategy(subscriptions: [id]))
        let fill = OrderFilled(
            clientOrderID: try ClientOrderID("ghost"),
            venueOrderID: VenueOrderID(sequence: 1, prefix: "V"),
            tradeID: TradeID(sequence: 1, prefix: "T"),
            instrument: InstrumentIndex(0),
            side: .buy,
            quantity: Fixtures.quantity("0.1"),
            price: Fixtures.price("100"),
            fee: Fixtures.money("0"),
            liquidity: .taker,
            leavesQuantity: .zero,
            exchangeTime: Timestamp(seconds: 1)
        )
        let output = engine.process(.account(.filled(fill)), at: Timestamp(seconds: 1))
        #expect(output.anomalies.count == 1)
        #expect(output.anomalies.first?.contains("ghost") == true)
        #expect(engine.state.portfolio.position(InstrumentIndex(0))?.quantity == Fixtures.quantity("0.1"))
    }

    @Test("operators halt trading, and flatten positions with reduce-only market orders")
    func operatorCommands() throws {
        var engine = try makeEngine(
            strategy: ScriptedStrategy(subscriptions: [id]) { _, _, context in
                context.submit(.limit(InstrumentIndex(0), .buy, Fixtures.quantity("0.01"), price: Fixtures.price("90")))
            }
        )
        _ = engine.start(at: .zero)
        _ = engine.process(.command(.haltTrading(reason: "maintenance")), at: Timestamp(seconds: 1))
        let halted = engine.process(
            .market(.bar(Fixtures.bar(0, open: "100", high: "101", low: "99", close: "100"))),
            at: Timestamp(seconds: 60)
        )
        #expect(halted.requests.isEmpty)
        #expect(halted.denials.first?.reason?.string == "trading_halted")
        _ = engine.process(.command(.resumeTrading), at: Timestamp(seconds: 61))
        // Hold a position, then flatten: the open order is cancelled and a reduce-only sell goes out.
        let fill = OrderFilled(
            clientOrderID: nil,
            venueOrderID: VenueOrderID(sequence: 1, prefix: "V"),
            tradeID: TradeID(sequence: 1, prefix: "T"),
            instrument: InstrumentIndex(0),
            side: .buy,
            quantity: Fixtures.quantity("0.2"),
            price: Fixtures.price("100"),
            fee: Fixtures.money("0"),
            liquidity: .taker,
            leavesQuantity: .zero,
            exchangeTime: Timestamp(seconds: 62)
        )
        _ = engine.process(.account(.filled(fill)), at: Timestamp(seconds: 62))
        _ = engine.process(
            .market(.bar(Fixtures.bar(1, open: "100", high: "101", low: "99", close: "100"))),
            at: Timestamp(seconds: 120)
        )
        let flatten = engine.process(.command(.flattenPositions(nil)), at: Timestamp(seconds: 121))
        let cancels = flatten.requests.filter { if case .cancel = $0.value { true } else { false } }
        #expect(cancels.count == 1)
        let exit = try #require(flatten.submittedTickets.first)
        #expect(exit.spec.side == .sell)
        #expect(exit.spec.reduceOnly)
        #expect(exit.spec.quantity == .base(Fixtures.quantity("0.2")))
        #expect(engine.state.orders[exit.clientOrderID]?.strategyID.value == "operator")
    }

    @Test("timers go to the clock driver and come back to their strategy")
    func timers() throws {
        var engine = try makeEngine(
            strategy: ScriptedStrategy(
                subscriptions: [id],
                onStart: { context in context.setTimer("tick", at: Timestamp(seconds: 10), repeatingEvery: .seconds(5))
                }
            )
        )
        let started = engine.start(at: .zero)
        #expect(
            started.timers == [
                .set(
                    TimerID(strategy: Fixtures.strategyID(), name: "tick"),
                    at: Timestamp(seconds: 10),
                    intervalNanoseconds: 5_000_000_000
                )
            ]
        )
        _ = engine.process(
            .timer(
                TimerFired(
                    timer: TimerID(strategy: Fixtures.strategyID(), name: "tick"),
                    scheduledTime: Timestamp(seconds: 10)
                )
            ),
            at: Timestamp(seconds: 10)
        )
        let strategy = try #require(engine.strategies.first as? ScriptedStrategy)
        #expect(strategy.timers.map(\.scheduledTime) == [Timestamp(seconds: 10)])
    }

    @Test("cancel-all reaches an order submitted earlier in the same callback, and does nothing with nothing open")
    func cancelAllInOrder() throws {
        var engine = try makeEngine(
            strategy: ScriptedStrategy(subscriptions: [id]) { index, bar, context in
                if index == 1 {
                    context.submit(.limit(InstrumentIndex(0), .buy, Fixtures.quantity("0.01"), price: bar.low))
                }
                context.cancelAll(InstrumentIndex(0))
            }
        )
        _ = engine.start(at: .zero)
        func step(_ minute: Int) -> EngineOutput {
            engine.process(
                .market(.bar(Fixtures.bar(minute, open: "100", high: "100", low: "99", close: "100"))),
                at: Timestamp(seconds: Int64(60 * (minute + 1)))
            )
        }
        let quiet = step(0)
        #expect(quiet.requests.isEmpty && quiet.facts.isEmpty && quiet.anomalies.isEmpty)
        let both = step(1)
        let kinds = both.requests.map { request -> String in
            switch request.value {
            case .submit: "submit"
            case .cancel: "cancel"
            default: "other"
            }
        }
        #expect(kinds == ["submit", "cancel"])
    }

    @Test("the same events give the same facts, run after run")
    func determinism() throws {
        func run() throws -> [EngineFact] {
            var engine = try makeEngine(
                strategy: ScriptedStrategy(subscriptions: [id]) { index, bar, context in
                    if index % 3 == 0 {
                        context.submit(.limit(InstrumentIndex(0), .buy, Fixtures.quantity("0.01"), price: bar.low))
                    } else if index % 3 == 2 {
                        context.cancelAll(InstrumentIndex(0))
                    }
                }
            )
            var facts = Array(engine.start(at: .zero).facts)
            for minute in 0..<30 {
                let price = String(100 + minute % 7)
                let output = engine.process(
                    .market(.bar(Fixtures.bar(minute, open: price, high: price, low: price, close: price))),
                    at: Timestamp(seconds: Int64(60 * (minute + 1)))
                )
                facts += output.facts
            }
            return facts
        }
        let first = try run()
        #expect(!first.isEmpty)
        #expect(first == (try run()))
    }

    @Test("engine time never goes backwards")
    func monotonicTime() async {
        await #expect(processExitsWith: .failure) {
            var engine = try makeEngine(strategy: ScriptedStrategy(subscriptions: [Fixtures.spot().id]))
            _ = engine.process(.command(.resumeTrading), at: Timestamp(seconds: 10))
            _ = engine.process(.command(.resumeTrading), at: Timestamp(seconds: 5))
        }
    }

    @Test("configuration errors name the problem")
    func configurationErrors() {
        let unknown = ScriptedStrategy(subscriptions: [Fixtures.instrumentID("ETHUSDT")])
        #expect(throws: EngineConfigurationError.self) { try makeEngine(strategy: unknown) }
        #expect(throws: EngineConfigurationError.self) {
            try Engine(
                configuration: EngineConfiguration(
                    instruments: [Fixtures.spot(), Fixtures.spot()],
                    accountCurrency: .usdt,
                    balances: []
                ),
                strategies: []
            )
        }
    }
}
