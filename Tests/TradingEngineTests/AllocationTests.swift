import Testing
import TradingBacktest
import TradingCore
import TradingEngine
import TradingTestSupport

/// Hourly bars for two spot instruments from (close A, close B) pairs, from 2024-01-01 00:00 UTC.
private func pairedBars(_ closes: [(String, String)]) -> [MarketEvent] {
    closes.enumerated().flatMap { index, pair in
        [pair.0, pair.1].enumerated().map { instrument, close in
            MarketEvent.bar(
                Fixtures.bar(
                    index * 60,
                    open: close,
                    high: close,
                    low: close,
                    close: close,
                    instrument: InstrumentIndex(instrument),
                    minutes: 60
                )
            )
        }
    }
}

/// A bot that trades instrument `index`: `script(bar number)` gives a quote amount to buy with, or a
/// base quantity to sell.
private func bot(_ name: String, _ index: Int, _ script: @escaping @Sendable (Int) -> OrderSpec?) -> ScriptedStrategy {
    let instruments = [Fixtures.spot(), Fixtures.spot(symbol: "ETHUSDT", base: "ETH")]
    return ScriptedStrategy(id: Fixtures.strategyID(name), subscriptions: [instruments[index].id]) {
        number,
        bar,
        context in
        guard bar.instrument.int == index, let spec = script(number) else { return }
        context.submit(spec)
    }
}

private func run(
    _ policy: any RiskPolicy,
    _ bots: [ScriptedStrategy],
    closes: [(String, String)]
) throws -> BacktestRunner {
    var engine = EngineConfiguration(
        instruments: [Fixtures.spot(), Fixtures.spot(symbol: "ETHUSDT", base: "ETH")],
        accountCurrency: .usdt,
        balances: [Fixtures.money("10000")],
        riskPolicy: policy
    )
    for bot in bots { engine.bots[bot.id] = BotLimits() }
    var runner = try BacktestRunner(configuration: BacktestConfiguration(engine: engine), strategies: bots)
    _ = runner.run(events: pairedBars(closes))
    return runner
}

private func denials(_ runner: BacktestRunner, bot index: Int) -> [String] {
    (runner.engine.strategies[index] as? ScriptedStrategy)?.updates.filter { $0.status == .denied }.compactMap {
        $0.reason?.description
    } ?? []
}

private func buy(_ instrument: Int, _ amount: String) -> OrderSpec {
    .market(InstrumentIndex(instrument), .buy, .quote(Fixtures.money(amount)))
}

@Suite("Bot allocations")
struct AllocationTests {
    let a = Fixtures.strategyID("bot_a")
    let b = Fixtures.strategyID("bot_b")

    @Test("a bot cannot spend another bot's allocation")
    func allocation() throws {
        let policy = BotAllocations(allocations: [
            a: .fraction(Fixtures.ratio("0.3")), b: .amount(Fixtures.money("7000")),
        ])
        let bots = [
            bot("bot_a", 0) { $0 == 0 ? buy(0, "2900") : $0 == 1 ? buy(0, "200") : nil },
            bot("bot_b", 1) { $0 == 0 ? buy(1, "6900") : nil },
        ]
        let runner = try run(policy, bots, closes: [("100", "100"), ("100", "100"), ("100", "100")])
        // A has 3,000: 2,900 passes; 200 more would be 3,100.
        #expect(denials(runner, bot: 0) == ["allocation"])
        #expect(denials(runner, bot: 1).isEmpty)
        #expect(runner.engine.state.risk.botCapital[a] == Fixtures.money("3000").raw)
    }

    @Test("bots on one instrument each keep their own book: holdings, cost and PnL add up to the netted account")
    func ownBooks() throws {
        // A buys 20 BTC (filled at 110), then B sells 5 of them (filled at 120): A holds 20 and B is short 5 in
        // its own book, while the account nets 15. A's capital limit counts A's own cost, not the net.
        let policy = BotAllocations(allocations: [
            a: .amount(Fixtures.money("2500")), b: .amount(Fixtures.money("2500")),
        ])
        let bots = [
            bot("bot_a", 0) {
                $0 == 0
                    ? .market(InstrumentIndex(0), .buy, .base(Fixtures.quantity("20"))) : $0 == 3 ? buy(0, "600") : nil
            },
            bot("bot_b", 0) { $0 == 1 ? .market(InstrumentIndex(0), .sell, .base(Fixtures.quantity("5"))) : nil },
        ]
        let runner = try run(
            policy,
            bots,
            closes: [("100", "1"), ("110", "1"), ("120", "1"), ("120", "1"), ("120", "1")]
        )
        let bookA = try #require(runner.engine.state.book(of: a))
        let bookB = try #require(runner.engine.state.book(of: b))
        #expect(bookA.holdings[0]?.quantityRaw == 20 * FixedPoint.scale)
        #expect(bookB.holdings[0]?.quantityRaw == -5 * FixedPoint.scale)
        // Market orders fill at the next bar's open: A at 110, B at 120.
        #expect(bookA.holdings[0]?.costRaw == 2200 * FixedPoint.scale)
        #expect(bookB.holdings[0]?.costRaw == -600 * FixedPoint.scale)
        // Fees (0.1 %) are realized: A paid 2.2, B 0.6.
        #expect(bookA.realizedRaw == -(22 * FixedPoint.scale / 10))
        #expect(bookB.realizedRaw == -(6 * FixedPoint.scale / 10))
        let account = runner.engine.state.portfolio.signedQuantityRaw(InstrumentIndex(0))
        #expect(account == bookA.holdings[0]!.quantityRaw + bookB.holdings[0]!.quantityRaw)
        // A has committed 2,200 of its 2,500 (PnL +197.8 at 120), so 600 more is refused: B's sale nets the
        // account down to 15 but does not free A's capital.
        #expect(denials(runner, bot: 0) == ["allocation"])
        #expect(denials(runner, bot: 1).isEmpty)
    }

    @Test("farm-wide limits refuse first, above the bots' allocations")
    func farmLimitsFirst() throws {
        let farm = PreTradeLimits(maximumGrossExposure: Fixtures.money("5000"))
        let policy = RiskPolicies([
            farm,
            BotAllocations(allocations: [a: .fraction(Fixtures.ratio("0.5")), b: .fraction(Fixtures.ratio("0.5"))]),
        ])
        let bots = [
            bot("bot_a", 0) { $0 == 0 ? buy(0, "4000") : nil }, bot("bot_b", 1) { $0 == 1 ? buy(1, "4000") : nil },
        ]
        let runner = try run(policy, bots, closes: [("100", "100"), ("100", "100"), ("100", "100")])
        #expect(denials(runner, bot: 0).isEmpty)
        #expect(denials(runner, bot: 1) == ["gross_exposure"], "within B's 5,000 but over the farm's exposure")
    }

    @Test("a bot's daily loss limit stops only that bot, until the next UTC day")
    func botDailyLoss() throws {
        let policy = BotAllocations(
            allocations: [a: .fraction(Fixtures.ratio("0.5")), b: .fraction(Fixtures.ratio("0.5"))],
            botDailyLoss: Fixtures.ratio("0.02")
        )
        // Both buy 1,000 worth every bar; A's price falls 20 % at hour 2, B's stays.
        var closes = [("100", "100"), ("100", "100"), ("80", "100")]
        closes += Array(repeating: ("80", "100"), count: 21) + [("80", "100"), ("80", "100")]
        let bots = [bot("bot_a", 0) { _ in buy(0, "1000") }, bot("bot_b", 1) { _ in buy(1, "1000") }]
        let runner = try run(policy, bots, closes: closes)
        let aUpdates = try #require((runner.engine.strategies[0] as? ScriptedStrategy)?.updates)
        let refused = aUpdates.filter { $0.status == .denied && $0.reason?.description == "bot_daily_loss" }
        #expect(!refused.isEmpty)
        let nextDay = Timestamp(CivilTime(year: 2024, month: 1, day: 2))
        #expect(refused.allSatisfy { $0.time < nextDay })
        #expect(aUpdates.contains { $0.status != .denied && $0.time >= nextDay }, "A trades again the next day")
        #expect(!denials(runner, bot: 1).contains("bot_daily_loss"))
    }

    @Test("rebalancing moves capital towards the bot that did better, within floor and cap")
    func rebalancing() throws {
        let policy = BotAllocations(
            allocations: [a: .fraction(Fixtures.ratio("0.5")), b: .fraction(Fixtures.ratio("0.5"))],
            rule: .performanceWeighted(floor: Fixtures.ratio("0.3"), cap: Fixtures.ratio("0.6")),
            rebalanceEvery: .seconds(6 * 3_600)
        )
        // Both buy 4,000 worth at 100 on the first bar; A rises 50 %, B falls 50 %.
        let bots = [
            bot("bot_a", 0) { $0 == 0 ? buy(0, "4000") : nil }, bot("bot_b", 1) { $0 == 0 ? buy(1, "4000") : nil },
        ]
        let closes = [("100", "100"), ("100", "100")] + Array(repeating: ("150", "50"), count: 8)
        let runner = try run(policy, bots, closes: closes)
        let risk = runner.engine.state.risk
        #expect(risk.rebalances == 1)
        let capitalA = try #require(risk.botCapital[a])
        let capitalB = try #require(risk.botCapital[b])
        // A's growth factor 1.4 vs B's 0.6 would give 70 / 30; the cap holds A at 60 %.
        let total = capitalA + capitalB
        #expect(Ratio(raw: FixedPoint.divide(capitalA, total, rounding: .toNearestOrEven)) == Fixtures.ratio("0.6"))
    }

    @Test("rule weights sum to exactly 1, stay within floor and cap, and follow performance (seeded)")
    func ruleWeights() {
        let failures = PropertyTesting.check("allocation weights", cases: 300) { generator in
            let count = 2 + Int(generator.nextUnit() * 8)
            let floor = generator.nextUnit() / Double(count)
            let cap = 1 / Double(count) + generator.nextUnit() * (1 - 1 / Double(count))
            let returns = (0..<count).map { _ in generator.nextUnit() * 2 - 1 }
            let rule = AllocationRule.performanceWeighted(
                floor: Ratio(raw: Int128(floor * 1e9) * 1_000_000_000),
                cap: Ratio(raw: Int128((cap * 1e9).rounded(.up)) * 1_000_000_000)
            )
            let weights = rule.weights(returns: returns)
            guard weights.reduce(Int128(0), { $0 + $1.raw }) == Ratio.one.raw else {
                return "weights \(weights) do not sum to 1"
            }
            for weight in weights where weight.doubleValue < floor - 1e-6 || weight.doubleValue > cap + 1e-6 {
                return "weight \(weight) outside \(floor)...\(cap)"
            }
            for i in 0..<count {
                for j in 0..<count
                where returns[i] > returns[j] && weights[i].doubleValue < weights[j].doubleValue - 1e-6 {
                    return "a better bot got less: \(returns[i]) → \(weights[i]), \(returns[j]) → \(weights[j])"
                }
            }
            return nil
        }
        #expect(failures.isEmpty, "\(failures)")
        #expect(
            AllocationRule.equalWeight.weights(returns: [0.1, 0.2, -0.3]).reduce(Int128(0)) { $0 + $1.raw }
                == Ratio.one.raw
        )
    }
}
