import Testing
import TradingBacktest
import TradingCore
import TradingEngine
import TradingTestSupport

/// Hourly bars from closes, starting 2024-01-01 00:00 UTC.
func hourlyBars(_ closes: [String]) -> [MarketEvent] {
    closes.enumerated().map { index, close in
        .bar(Fixtures.bar(index * 60, open: close, high: close, low: close, close: close, minutes: 60))
    }
}

func runBreakers(
    _ breakers: CircuitBreakers,
    closes: [String],
    instrument: Instrument = Fixtures.spot(),
    strategy: ScriptedStrategy
)
    throws -> (BacktestResult, BacktestRunner)
{
    var runner = try BacktestRunner(
        configuration: BacktestConfiguration(
            engine: EngineConfiguration(
                instruments: [instrument],
                accountCurrency: .usdt,
                balances: [Fixtures.money("10000")],
                riskPolicy: breakers
            )
        ),
        strategies: [strategy]
    )
    let result = runner.run(events: hourlyBars(closes))
    return (result, runner)
}

@Suite("Circuit breakers")
struct CircuitBreakerTests {
    @Test("order rates per strategy: the fourth order in a second is refused")
    func orderRate() throws {
        let strategy = ScriptedStrategy(subscriptions: [Fixtures.spot().id]) { index, bar, context in
            guard index == 0 else { return }
            for _ in 0..<5 {
                _ = context.submit(.limit(bar.instrument, .buy, Fixtures.quantity("0.01"), price: Fixtures.price("90")))
            }
        }
        let (result, runner) = try runBreakers(
            CircuitBreakers(ordersPerSecond: 3),
            closes: ["100", "100"],
            strategy: strategy
        )
        #expect(result.orderCount == 3 && result.deniedCount == 2)
        let denied = try #require(
            (runner.engine.strategies.first as? ScriptedStrategy)?.updates.filter { $0.status == .denied }
        )
        #expect(denied.allSatisfy { $0.reason?.description == "order_rate" })
    }

    @Test("a daily loss limit stops new risk for the rest of that day, and trading resumes the next day")
    func dailyLoss() throws {
        // Buy 10 at 100 every hour if flat; the price falls 10 % on the first day and recovers on the second.
        let strategy = ScriptedStrategy(subscriptions: [Fixtures.spot().id]) { _, bar, context in
            _ = context.submit(.market(bar.instrument, .buy, .base(Fixtures.quantity("10"))))
        }
        var closes = Array(repeating: "100", count: 4) + Array(repeating: "60", count: 20)
        closes += Array(repeating: "60", count: 24)
        let (result, runner) = try runBreakers(
            CircuitBreakers(dailyLoss: Fixtures.ratio("0.05")),
            closes: closes,
            strategy: strategy
        )
        let updates = try #require((runner.engine.strategies.first as? ScriptedStrategy)?.updates)
        let denied = updates.filter { $0.status == .denied }
        // Equity 10,000 − 4 × 10 × 40 = 8,400 after the drop: −16 % trips the limit on day one.
        #expect(denied.contains { $0.reason?.description == "trading_reducing" })
        let day = Int64(86_400_000_000_000)
        let start = try #require(hourlyBars(["1"]).first?.receivedTime).nanoseconds - 3_600_000_000_000
        let deniedOnDayOne = denied.filter {
            $0.time.nanoseconds < start + day && $0.reason?.description == "trading_reducing"
        }
        let approvedOnDayTwo = updates.filter { $0.status != .denied && $0.time.nanoseconds >= start + day }
        #expect(!deniedOnDayOne.isEmpty)
        #expect(!approvedOnDayTwo.isEmpty, "trading resumes at the next UTC day")
        #expect(
            denied.filter { $0.reason?.description == "trading_reducing" }.allSatisfy {
                $0.time.nanoseconds < start + day
            }
        )
        #expect(result.orderCount > 0)
    }

    @Test("a drawdown breaker moves trading to reducing: new risk is refused, open entries cancelled, exits pass")
    func drawdownReduces() throws {
        // A long of 50 from 100; the price falls 30 %; every bar the strategy places a far limit buy, and on the
        // sixth to eighth bars it sells 10 reduce-only (filled at the next open).
        let strategy = ScriptedStrategy(subscriptions: [Fixtures.spot().id]) { index, bar, context in
            if index == 0 { _ = context.submit(.market(bar.instrument, .buy, .base(Fixtures.quantity("50")))) }
            _ = context.submit(.limit(bar.instrument, .buy, Fixtures.quantity("0.01"), price: Fixtures.price("1")))
            if (5...7).contains(index) {
                _ = context.submit(.market(bar.instrument, .sell, .base(Fixtures.quantity("10")), reduceOnly: true))
            }
        }
        let closes = ["100", "100", "95", "90", "80", "70", "70", "70", "70"]
        let (result, runner) = try runBreakers(
            CircuitBreakers(maximumDrawdown: Fixtures.ratio("0.1")),
            closes: closes,
            strategy: strategy
        )
        let state = runner.engine.state
        guard case .reducing(let reason) = state.tradingState else {
            Issue.record("expected reducing, got \(state.tradingState)")
            return
        }
        #expect(reason.string.hasPrefix("max_drawdown"))
        #expect(state.orders.openCount == 0, "the resting entries were cancelled")
        let updates = try #require((runner.engine.strategies.first as? ScriptedStrategy)?.updates)
        #expect(updates.last { $0.status == .denied }?.reason?.description == "trading_reducing")
        // The reduce-only sells went through on the three last bars: 50 − 3 × 10 left.
        #expect(state.portfolio.signedQuantityRaw(InstrumentIndex(0)) == Fixtures.quantity("20").raw)
        #expect(result.tradingState == state.tradingState)
        #expect(result.stateChanges.map(\.code.string) == ["max_drawdown"], "it trips once and holds")
        #expect(result.refusedByTradingState > 0 && result.refusedByTradingState <= result.deniedCount)
        #expect(result.tradingStateSummary.contains("ended reducing since"))
    }

    @Test("--on-halt flatten: a tripped drawdown breaker also closes every position at market")
    func drawdownFlattens() throws {
        let strategy = ScriptedStrategy(subscriptions: [Fixtures.spot().id]) { index, bar, context in
            if index == 0 { _ = context.submit(.market(bar.instrument, .buy, .base(Fixtures.quantity("50")))) }
        }
        let closes = ["100", "100", "95", "88", "80", "80"]
        let (result, runner) = try runBreakers(
            CircuitBreakers(maximumDrawdown: Fixtures.ratio("0.1"), drawdownTrips: .flatten),
            closes: closes,
            strategy: strategy
        )
        #expect(runner.engine.state.portfolio.signedQuantityRaw(InstrumentIndex(0)) == 0)
        #expect(result.trades.count == 1)
        #expect(result.trades.first?.exitTag == "max_drawdown")
    }

    @Test("a tripped drawdown breaker outlasts the daily reset; an operator's resume re-arms it")
    func drawdownHoldsUntilResume() throws {
        // 90 bought at 100: −6.3 % at 93 trips the daily loss, −18 % at 80 the drawdown; the next day starts
        // at hour 24.
        let strategy = ScriptedStrategy(subscriptions: [Fixtures.spot().id]) { index, bar, context in
            if index == 0 { _ = context.submit(.market(bar.instrument, .buy, .base(Fixtures.quantity("90")))) }
        }
        let closes = ["100", "100", "93", "80"] + Array(repeating: "80", count: 24)
        let (result, runner) = try runBreakers(
            CircuitBreakers(dailyLoss: Fixtures.ratio("0.05"), maximumDrawdown: Fixtures.ratio("0.1")),
            closes: closes,
            strategy: strategy
        )
        #expect(result.stateChanges.map(\.code.string) == ["daily_loss", "max_drawdown"])
        guard case .reducing(let reason) = result.tradingState else {
            Issue.record("a daily reset cleared the drawdown breaker: \(result.tradingState)")
            return
        }
        #expect(reason.string.hasPrefix("max_drawdown"))
        var engine = runner.engine
        let later = Timestamp(CivilTime(year: 2024, month: 1, day: 3))
        _ = engine.process(.command(.resumeTrading), at: later)
        #expect(engine.state.tradingState == .active)
        #expect(engine.state.audit.stateChanges.last?.code == "operator")
    }

    @Test("after a losing streak new orders wait out the cooldown")
    func lossStreak() throws {
        // Round trips: buy at the open of each bar pair, sell on the next; the price falls each time.
        let strategy = ScriptedStrategy(subscriptions: [Fixtures.spot().id]) { index, bar, context in
            if context.signedPositionRaw(bar.instrument) > 0 {
                _ = context.submit(.market(bar.instrument, .sell, .base(Fixtures.quantity("1")), reduceOnly: true))
            } else {
                _ = context.submit(.market(bar.instrument, .buy, .base(Fixtures.quantity("1"))))
            }
        }
        let closes = (0..<16).map { String(200 - $0 * 5) }
        let breakers = CircuitBreakers(lossStreak: 2, lossCooldown: .seconds(3 * 3_600))
        let (result, runner) = try runBreakers(breakers, closes: closes, strategy: strategy)
        let updates = try #require((runner.engine.strategies.first as? ScriptedStrategy)?.updates)
        #expect(updates.contains { $0.status == .denied && $0.reason?.description == "loss_cooldown" })
        #expect(result.trades.count >= 2)
        #expect(updates.filter { $0.status == .denied }.allSatisfy { $0.reason?.description == "loss_cooldown" })
    }

    @Test("a halted engine emits no new risk-increasing order whatever events arrive (seeded)")
    func haltedEmitsNothing() {
        let failures = PropertyTesting.check("halted engine", cases: 30) { generator in
            let instrument = Fixtures.perpetual()
            let strategy = ScriptedStrategy(subscriptions: [instrument.id]) { index, bar, context in
                var local = SeededGenerator(seed: UInt64(index) &* 7_919)
                let side: OrderSide = Bool.random(using: &local) ? .buy : .sell
                _ = context.submit(.market(bar.instrument, side, .base(Fixtures.quantity("0.01"))))
                _ = context.submit(.limit(bar.instrument, side, Fixtures.quantity("0.01"), price: bar.close))
            }
            do {
                var engine = try Engine(
                    configuration: EngineConfiguration(
                        instruments: [instrument],
                        accountCurrency: .usdt,
                        balances: [Fixtures.money("10000")],
                        riskPolicy: CircuitBreakers(ordersPerMinute: 1_000)
                    ),
                    strategies: [strategy]
                )
                var time = Timestamp(nanoseconds: 1_700_000_000_000_000_000)
                _ = engine.start(at: time)
                _ = engine.process(.command(.haltTrading(reason: "test")), at: time)
                for index in 0..<200 {
                    time = time.advanced(byNanoseconds: Int64.random(in: 1...120, using: &generator) * 1_000_000_000)
                    let price = String(Int.random(in: 50...150, using: &generator))
                    let event: EngineEvent = .market(
                        .bar(Fixtures.bar(index, open: price, high: price, low: price, close: price))
                    )
                    let output = engine.process(event, at: time)
                    for request in output.requests {
                        if case .submit(let ticket) = request.value, !ticket.spec.reduceOnly {
                            return "submitted \(ticket.spec) while halted"
                        }
                        if case .submitBracket = request.value { return "submitted a bracket while halted" }
                    }
                }
            } catch {
                return "\(error)"
            }
            return nil
        }
        #expect(failures.isEmpty)
    }
}
