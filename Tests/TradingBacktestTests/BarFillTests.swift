import Testing
import TradingBacktest
import TradingCore
import TradingEngine
import TradingTestSupport

@Suite("Simulated exchange: fills against bars")
struct BarFillTests {
    let flat = bars([("100", "101", "99", "100"), ("102", "103", "101", "102"), ("102", "103", "101", "102")])

    @Test("a market order placed at a bar's close fills at the next bar's open, as a taker")
    func nextOpen() throws {
        let scenario = try Scenario(
            events: flat,
            strategy: submitting { $0 == 0 ? [.market(btc, .buy, .base(q("1")))] : [] }
        )
        let fill = try #require(scenario.fills.first)
        #expect(fill.price == p("102"))
        #expect(fill.exchangeTime == minute(1))
        #expect(fill.liquidity == .taker)
        #expect(fill.fee == Fixtures.money("0.102"))
        #expect(scenario.updates.map(\.transition).prefix(1) == [.accept])
    }

    @Test(
        "a lone market order (the venue's short path) fills as it does beside another working order",
        arguments: [
            (OrderQuantity.base(q("1")), Duration.zero, "0"), (.quote(Fixtures.money("5000")), .zero, "0"),
            (.base(q("1")), .seconds(30), "0"), (.quote(Fixtures.money("5000")), .seconds(30), "0.00015"),
            (.base(q("1")), .seconds(90), "0.0002"),
        ]
    )
    func loneMarketOrder(quantity: OrderQuantity, latency: Duration, slippage: String) throws {
        let exchange = SimulatedExchangeConfiguration(slippage: Fixtures.ratio(slippage))
        let market = OrderSpec(instrument: btc, side: .buy, type: .market, quantity: quantity)
        // A limit far below the market never fills, but keeps the market order from being alone.
        let resting = OrderSpec.limit(btc, .buy, q("1"), price: p("50"))
        let lone = try Scenario(
            events: flat,
            exchange: exchange,
            latency: latency,
            strategy: submitting { $0 == 0 ? [market] : [] }
        )
        let beside = try Scenario(
            events: flat,
            exchange: exchange,
            latency: latency,
            strategy: submitting { $0 == 0 ? [resting, market] : [] }
        )
        let fill = try #require(lone.fills.first)
        let other = try #require(beside.fills.first)
        #expect(lone.fills.count == 1 && beside.fills.count == 1)
        #expect(fill.price == other.price && fill.quantity == other.quantity && fill.fee == other.fee)
        #expect(fill.exchangeTime == other.exchangeTime && fill.liquidity == other.liquidity)
        #expect(fill.leavesQuantity == .zero && other.leavesQuantity == .zero)
        #expect(lone.portfolio.balances == beside.portfolio.balances)
    }

    @Test("with the close rule it fills at the signal bar's close")
    func closeRule() throws {
        let scenario = try Scenario(
            events: flat,
            exchange: SimulatedExchangeConfiguration(barFill: .close),
            strategy: submitting { $0 == 0 ? [.market(btc, .buy, .base(q("1")))] : [] }
        )
        #expect(scenario.fills.first?.price == p("100"))
        #expect(scenario.fills.first?.exchangeTime == minute(1))
    }

    @Test("adverse slippage rounds to the tick away from the trader")
    func slippage() throws {
        let scenario = try Scenario(
            events: flat,
            exchange: SimulatedExchangeConfiguration(slippage: Fixtures.ratio("0.00015")),
            strategy: submitting { $0 == 0 ? [.market(btc, .buy, .base(q("1")))] : [] }
        )
        #expect(scenario.fills.first?.price == p("102.02"))  // 102 × 1.00015 = 102.0153 → up to 102.02
    }

    @Test("latency delays arrival into the bar, where the path price applies")
    func latency() throws {
        // Bar 1: 102 → 101 (low nearer, at +20 s) → 103 (+40 s) → 102. Arriving at +30 s: halfway from 101 to 103.
        let scenario = try Scenario(
            events: flat,
            latency: .seconds(30),
            strategy: submitting { $0 == 0 ? [.market(btc, .buy, .base(q("1")))] : [] }
        )
        #expect(scenario.fills.first?.price == p("102"))
        #expect(scenario.fills.first?.exchangeTime == minute(1.5))
    }

    @Test("a resting limit fills at its price on touch, as a maker; the through rule needs the price beyond it")
    func limits() throws {
        let events = bars([("100", "101", "99", "100"), ("100", "100.5", "98", "99"), ("99", "100", "97.5", "99")])
        let order = OrderSpec.limit(btc, .buy, q("1"), price: p("98"))
        let touch = try Scenario(events: events, strategy: submitting { $0 == 0 ? [order] : [] })
        #expect(touch.fills.first?.price == p("98"))
        #expect(touch.fills.first?.liquidity == .maker)
        // Bar 1's high (0.5 away) is nearer than its low (2 away): 100 → 100.5 at +20 s → 98 at +40 s.
        #expect(touch.fills.first?.exchangeTime == minute(1) + .seconds(40))
        let through = try Scenario(
            events: events,
            exchange: SimulatedExchangeConfiguration(limitFill: .through),
            strategy: submitting { $0 == 0 ? [order] : [] }
        )
        #expect(through.fills.first?.exchangeTime ?? .zero > minute(2))  // not in bar 1 (low = 98), in bar 2 (low 97.5)
        #expect(through.fills.first?.price == p("98"))
    }

    @Test("a resting limit gapped through fills at the better open")
    func gap() throws {
        let events = bars([("100", "101", "99", "100"), ("99", "99", "99", "99"), ("95", "96", "94", "95")])
        let scenario = try Scenario(
            events: events,
            strategy: submitting { $0 == 0 ? [.limit(btc, .buy, q("1"), price: p("97"))] : [] }
        )
        #expect(scenario.fills.first?.price == p("95"))
        #expect(scenario.fills.first?.liquidity == .maker)
    }

    @Test("stops trigger where the path reaches them; stop-limits then work as limits")
    func stops() throws {
        // Bar 1: 100 → 99 → 107 → 106 (low nearer): the buy stop at 105 fires on the way up.
        let events = bars([("100", "101", "99", "100"), ("100", "107", "99", "106"), ("106", "106", "106", "106")])
        let stop = try Scenario(
            events: events,
            strategy: submitting { $0 == 0 ? [.stopMarket(btc, .buy, q("1"), trigger: p("105"))] : [] }
        )
        #expect(stop.fills.first?.price == p("105"))
        #expect(stop.updates.map(\.transition).contains(.trigger))
        let stopLimit = try Scenario(
            events: events,
            strategy: submitting { $0 == 0 ? [.stopLimit(btc, .buy, q("1"), trigger: p("105"), price: p("106"))] : [] }
        )
        #expect(stopLimit.fills.first?.price == p("105"))
        #expect(stopLimit.fills.first?.liquidity == .taker)
        let takeProfit = try Scenario(
            events: events,
            strategy: submitting { $0 == 0 ? [.takeProfitMarket(btc, .buy, q("1"), trigger: p("99.5"))] : [] }
        )
        #expect(takeProfit.fills.first?.price == p("99.5"))
    }

    @Test("a stop already beyond the market on arrival is rejected, as on Binance")
    func immediateTrigger() throws {
        let scenario = try Scenario(
            events: flat,
            strategy: submitting { $0 == 0 ? [.stopMarket(btc, .buy, q("1"), trigger: p("99"))] : [] }
        )
        #expect(scenario.fills.isEmpty)
        #expect(scenario.updates.first?.transition == .reject)
        #expect(scenario.updates.first?.reason?.string.hasPrefix("order would immediately trigger") == true)
    }

    @Test("a trailing stop follows the best price and fires at the offset")
    func trailing() throws {
        let events = bars([
            ("100", "100", "100", "100"), ("100", "100", "100", "100"), ("100", "120", "100", "120"),
            ("120", "120", "110", "112"),
        ])
        let scenario = try Scenario(
            events: events,
            strategy: submitting { index in
                switch index {
                case 0: [.market(btc, .buy, .base(q("1")))]
                case 1: [.trailingStopMarket(btc, .sell, q("1"), offset: .price(p("5")), reduceOnly: true)]
                default: []
                }
            }
        )
        #expect(scenario.fills.count == 2)
        #expect(scenario.fills.last?.price == p("115"))
        #expect(scenario.portfolio.isFlat(btc))
    }

    @Test("IOC and FOK limits that cannot trade are cancelled; post-only that would take is cancelled")
    func timeInForce() throws {
        let scenario = try Scenario(
            events: flat,
            strategy: submitting { index in
                index == 0
                    ? [
                        .limit(btc, .buy, q("1"), price: p("95"), timeInForce: .ioc),
                        .limit(btc, .buy, q("1"), price: p("95"), timeInForce: .fok),
                        .limit(btc, .buy, q("1"), price: p("110"), timeInForce: .postOnly),
                    ] : []
            }
        )
        #expect(scenario.fills.isEmpty)
        let cancels = scenario.updates.filter { $0.transition == .cancel }
        #expect(cancels.count == 3)
        #expect(cancels.contains { $0.reason?.string.contains("post-only") == true })
    }

    @Test("a bracket's exits follow the path: the extreme nearer the open is reached first")
    func brackets() throws {
        func run(_ exitBar: (String, String, String, String)) throws -> Scenario {
            try Scenario(
                events: bars([("100", "100", "100", "100"), ("100", "100", "100", "100"), exitBar]),
                strategy: ScriptedStrategy(subscriptions: [Fixtures.spot().id]) { index, _, context in
                    if index == 0 {
                        context.submitBracket(
                            BracketSpec(
                                entry: .market(btc, .buy, .base(q("1"))),
                                stopLoss: p("95"),
                                takeProfit: p("110")
                            )
                        )
                    }
                }
            )
        }
        // Low nearer the open (6 vs 11): the stop-loss fires first, the take-profit is cancelled.
        let stopFirst = try run(("100", "111", "94", "100"))
        #expect(stopFirst.fills.map(\.price) == [p("100"), p("95")])
        #expect(stopFirst.updates.contains { $0.transition == .cancel && $0.reason?.string == "one-cancels-other" })
        #expect(stopFirst.result.trades.first?.exitTag == "stop_loss")
        // High nearer (12 vs 15): the take-profit fills first, as a maker.
        let targetFirst = try run(("100", "112", "85", "100"))
        #expect(targetFirst.fills.map(\.price) == [p("100"), p("110")])
        #expect(targetFirst.fills.last?.liquidity == .maker)
        #expect(targetFirst.result.trades.first?.exitTag == "take_profit")
        #expect(targetFirst.runner.exchange.openOrderIDs(btc).isEmpty)
    }

    @Test("a reduce-only exit left after the position closed is cancelled when it triggers")
    func orphanedExit() throws {
        let events = bars([
            ("100", "100", "100", "100"), ("100", "100", "100", "100"), ("100", "100", "100", "100"),
            ("100", "100", "90", "90"),
        ])
        let scenario = try Scenario(
            events: events,
            strategy: submitting { index in
                switch index {
                case 0: [.market(btc, .buy, .base(q("1")))]
                case 1:
                    [
                        .stopMarket(btc, .sell, q("1"), trigger: p("95"), reduceOnly: true),
                        .market(btc, .sell, .base(q("1")), reduceOnly: true),
                    ]
                default: []
                }
            }
        )
        #expect(scenario.fills.count == 2)
        #expect(
            scenario.updates.contains { $0.transition == .cancel && $0.reason?.string.hasPrefix("reduce-only") == true }
        )
    }
}
