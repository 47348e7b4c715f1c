import Testing
import TradingBacktest
import TradingCore
import TradingEngine
import TradingTestSupport

private let perpetual = Fixtures.perpetual()
private let btc = InstrumentIndex(0)

/// One-hour bars of the perpetual from (open, high, low, close) text tuples, from 2024-01-01 00:00 UTC.
private func hours(_ rows: [(String, String, String, String)]) -> [MarketEvent] {
    rows.enumerated().map { index, row in
        .bar(Fixtures.bar(index * 60, open: row.0, high: row.1, low: row.2, close: row.3, minutes: 60))
    }
}

/// A bot that sets its leverage when it starts and submits `script(bar number)` on each bar.
private func bot(
    _ name: String,
    leverage: String,
    _ script: @escaping @Sendable (Int) -> [OrderSpec]
) -> ScriptedStrategy {
    ScriptedStrategy(
        id: Fixtures.strategyID(name),
        subscriptions: [perpetual.id],
        onBar: { number, _, context in for spec in script(number) { context.submit(spec) } },
        onStart: { context in context.setLeverage(Fixtures.ratio(leverage), on: btc) }
    )
}

private func market(_ side: OrderSide, _ quantity: String) -> OrderSpec {
    .market(btc, side, .base(Fixtures.quantity(quantity)))
}

/// Runs bots on the perpetual in one account of 1,000 USDT at 10× (cross margin at the venue), each a bot with
/// its own book (at most 10×), with `policy` in front of their orders.
private func run(
    _ bots: [ScriptedStrategy],
    _ events: [MarketEvent],
    policy: any RiskPolicy = NoAdditionalRisk()
) throws -> BacktestRunner {
    var engine = EngineConfiguration(
        instruments: [perpetual],
        accountCurrency: .usdt,
        balances: [Fixtures.money("1000")],
        leverage: [perpetual.id: Ratio(10)],
        riskPolicy: policy
    )
    for bot in bots { engine.bots[bot.id] = BotLimits(maximumLeverage: Ratio(10)) }
    var runner = try BacktestRunner(
        configuration: BacktestConfiguration(
            engine: engine,
            exchange: SimulatedExchangeConfiguration(marginMode: .cross)
        ),
        strategies: bots
    )
    _ = runner.run(events: events)
    return runner
}

private func book(_ runner: BacktestRunner, _ name: String) throws -> BotBook {
    try #require(runner.engine.state.book(of: Fixtures.strategyID(name)))
}

@Suite("Bot books on a perpetual")
struct BotBookTests {
    @Test("each bot's holding has its own margin at the leverage it chose, and its own liquidation price")
    func ownMargin() throws {
        // A at 10× and B at 2× each buy 1 at the next open (100).
        let runner = try run(
            [
                bot("bot_a", leverage: "10") { $0 == 0 ? [market(.buy, "1")] : [] },
                bot("bot_b", leverage: "2") { $0 == 0 ? [market(.buy, "1")] : [] },
            ],
            hours([("100", "100", "100", "100"), ("100", "100", "100", "100"), ("100", "101", "99", "100")])
        )
        let a = try #require(try book(runner, "bot_a").holding(btc))
        let b = try #require(try book(runner, "bot_b").holding(btc))
        #expect(a.leverage == Ratio(10) && b.leverage == Ratio(2))
        #expect(a.marginRaw == 10 * FixedPoint.scale)
        #expect(b.marginRaw == 50 * FixedPoint.scale)
        // Long: (cost − margin) / (quantity × (1 − 0.4 %)), rounded up to the tick.
        #expect(a.liquidationPrice == Fixtures.price("90.4"))
        #expect(b.liquidationPrice == Fixtures.price("50.3"))
        #expect(runner.engine.state.portfolio.signedQuantityRaw(btc) == a.quantityRaw + b.quantityRaw)
    }

    @Test("a bot's liquidation closes only its own holding, and its loss stays within its allocation")
    func liquidationIsolation() throws {
        let policy = BotAllocations(allocations: [
            Fixtures.strategyID("bot_a"): .amount(Fixtures.money("100")),
            Fixtures.strategyID("bot_b"): .amount(Fixtures.money("100")),
        ])
        // Both buy 1 at 100; the price falls through A's liquidation (90.4) but not B's (50.3) on bar 2.
        let runner = try run(
            [
                bot("bot_a", leverage: "10") { $0 == 0 ? [market(.buy, "1")] : [] },
                bot("bot_b", leverage: "2") { $0 == 0 ? [market(.buy, "1")] : [] },
            ],
            hours([
                ("100", "100", "100", "100"), ("100", "100", "100", "100"), ("99", "99", "90", "91"),
                ("91", "92", "90", "91"), ("91", "92", "90", "91"),
            ]),
            policy: policy
        )
        let a = try book(runner, "bot_a")
        let b = try book(runner, "bot_b")
        #expect(a.holding(btc) == nil, "A was liquidated")
        #expect(a.liquidations == 1)
        // A closed at the next open (91): it lost 9 on the price and its fees, within its 10 of margin plus fees.
        let fees = a.feesRaw
        #expect(a.realizedRaw == -9 * FixedPoint.scale - fees)
        #expect(-a.realizedRaw <= 10 * FixedPoint.scale + fees)
        // B is untouched: still 1 at 100 with its own margin; its realized PnL is only its entry fee.
        let held = try #require(b.holding(btc))
        #expect(held.quantityRaw == FixedPoint.scale && held.costRaw == 100 * FixedPoint.scale)
        #expect(held.marginRaw == 50 * FixedPoint.scale)
        #expect(b.realizedRaw == -b.feesRaw && b.liquidations == 0)
        // The account holds exactly B's holding, and the venue liquidated nothing.
        #expect(runner.engine.state.portfolio.signedQuantityRaw(btc) == FixedPoint.scale)
        #expect(
            runner.engine.strategies.compactMap { $0 as? ScriptedStrategy }.allSatisfy { strategy in
                strategy.fills.allSatisfy { !$0.isLiquidation }
            }
        )
        let liquidation = try #require(
            (runner.engine.strategies[0] as? ScriptedStrategy)?.updates.last { $0.tag == "liquidation" }
        )
        #expect(liquidation.status == .filled)
    }

    @Test("a bot commits its own margin at its leverage: an order beyond its equity at that leverage is refused")
    func allocationAtLeverage() throws {
        let policy = BotAllocations(allocations: [Fixtures.strategyID("bot_a"): .amount(Fixtures.money("20"))])
        // At 10×, 20 of capital carries about 199 of notional (fees included): 1.5 at 100 passes, 0.6 more is
        // refused.
        let runner = try run(
            [bot("bot_a", leverage: "10") { $0 == 0 ? [market(.buy, "1.5")] : $0 == 1 ? [market(.buy, "0.6")] : [] }],
            hours([("100", "100", "100", "100"), ("100", "100", "100", "100"), ("100", "100", "100", "100")]),
            policy: policy
        )
        let strategy = try #require(runner.engine.strategies[0] as? ScriptedStrategy)
        #expect(strategy.updates.filter { $0.status == .denied }.compactMap { $0.reason?.string } == ["allocation"])
        #expect(try book(runner, "bot_a").holding(btc)?.marginRaw == 15 * FixedPoint.scale)
    }

    @Test("a leverage above the bot's maximum is refused and the bot keeps its own")
    func leverageLimit() throws {
        var engine = EngineConfiguration(
            instruments: [perpetual],
            accountCurrency: .usdt,
            balances: [Fixtures.money("1000")],
            leverage: [perpetual.id: Ratio(10)]
        )
        let strategy = bot("bot_a", leverage: "20") { _ in [] }
        engine.bots[strategy.id] = BotLimits(maximumLeverage: Ratio(5))
        var runtime = try Engine(configuration: engine, strategies: [strategy])
        let output = runtime.start(at: .zero)
        #expect(output.anomalies.count == 1)
        #expect(runtime.state.book(of: strategy.id)?.leverage[0] == nil)
    }

    @Test("the engine's exit rules work on each bot's own holding: stop, take-profit and time stop")
    func exitsOnHoldings() throws {
        // A long (stop 5 %), B short (take-profit at 1R of a 2 % stop), C long (time stop 2 h), all from 100.
        func plan(stop: String, takeProfit: Bool = false, hours: Int64? = nil) throws -> ExitPlan {
            try ExitPlan(
                stop: .percent(Fixtures.ratio(stop)),
                timeStop: hours.map { .seconds($0 * 3_600) },
                takeProfits: takeProfit ? [TakeProfitLevel(rMultiple: .one, fraction: .one)] : [],
                placement: .emulated
            )
        }
        let planA = try plan(stop: "0.05")
        let planB = try plan(stop: "0.02", takeProfit: true)
        let planC = try plan(stop: "0.5", hours: 2)
        func entering(_ name: String, _ side: OrderSide, _ plan: ExitPlan) -> ScriptedStrategy {
            ScriptedStrategy(id: Fixtures.strategyID(name), subscriptions: [perpetual.id]) { number, _, context in
                guard number == 0 else { return }
                context.setExitPlan(plan, for: btc)
                context.submit(market(side, "1"))
            }
        }
        let runner = try run(
            [entering("bot_a", .buy, planA), entering("bot_b", .sell, planB), entering("bot_c", .buy, planC)],
            hours([
                ("100", "100", "100", "100"), ("100", "100", "100", "100"), ("100", "100", "97.5", "98"),
                ("98", "98", "94", "95"), ("95", "96", "94", "95"), ("95", "96", "94", "95"),
            ])
        )
        func tags(_ index: Int) -> [String] {
            (runner.engine.strategies[index] as? ScriptedStrategy)?.fills.compactMap { fill in
                (runner.engine.strategies[index] as? ScriptedStrategy)?.updates.first {
                    $0.clientOrderID == fill.clientOrderID
                }?.tag?.string
            } ?? []
        }
        #expect(tags(0).last == "stop_loss", "A's stop at 95 is reached on bar 3")
        #expect(tags(1).last == "take_profit_1", "B's target at 98 is reached on bar 2")
        #expect(tags(2).last == "time_stop", "C is closed two hours after it opened")
        for name in ["bot_a", "bot_b", "bot_c"] { #expect(try book(runner, name).holding(btc) == nil, "\(name)") }
        #expect(runner.engine.state.portfolio.signedQuantityRaw(btc) == 0)
    }

    @Test("bots long and short on one perpetual pay each other funding on their own holdings")
    func funding() throws {
        let time = Fixtures.bar(181, open: "1", high: "1", low: "1", close: "1").closeTime
        var events = hours([("100", "100", "100", "100"), ("100", "100", "100", "100"), ("100", "100", "100", "100")])
        events.append(
            .funding(
                FundingRateUpdate(instrument: btc, rate: Fixtures.ratio("0.001"), fundingTime: time, receivedTime: time)
            )
        )
        let runner = try run(
            [
                bot("bot_a", leverage: "1") { $0 == 0 ? [market(.buy, "1")] : [] },
                bot("bot_b", leverage: "1") { $0 == 0 ? [market(.sell, "1")] : [] },
            ],
            events
        )
        // The account is flat and pays nothing; A (long) pays 0.1 to B (short).
        #expect(try book(runner, "bot_a").fundingRaw == -FixedPoint.scale / 10)
        #expect(try book(runner, "bot_b").fundingRaw == FixedPoint.scale / 10)
        #expect(runner.engine.state.portfolio.signedQuantityRaw(btc) == 0)
    }
}
