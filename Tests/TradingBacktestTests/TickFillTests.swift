import Testing
import TradingBacktest
import TradingCore
import TradingEngine
import TradingTestSupport

/// A strategy that submits on the first trade, or on the bar at `index`.
func onFirstTrade(_ specs: [OrderSpec]) -> ScriptedStrategy {
    ScriptedStrategy(
        subscriptions: [Fixtures.spot().id],
        onTrade: { index, _, context in
            if index == 0 { for spec in specs { context.submit(spec) } }
        }
    )
}

@Suite("Simulated exchange: fills against trades, quotes and books")
struct TickFillTests {
    let book = MarketEvent.book(
        Fixtures.book(0, bids: [("100", "3"), ("99", "5")], asks: [("101", "1"), ("102", "2"), ("103", "5")])
    )

    @Test("a market order walks the book level by level, with partial fills")
    func walksTheBook() throws {
        let scenario = try Scenario(
            events: [book, .trade(Fixtures.trade(10, price: "100.5", size: "0.1", aggressor: .buy))],
            strategy: onFirstTrade([.market(btc, .buy, .base(q("2.5")))])
        )
        #expect(scenario.fills.map(\.price) == [p("101"), p("102")])
        #expect(scenario.fills.map(\.quantity) == [q("1"), q("1.5")])
        #expect(scenario.fills.map(\.leavesQuantity) == [q("1.5"), q("0")])
        #expect(scenario.updates.map(\.transition) == [.accept, .partialFill, .fill])
    }

    @Test("a resting limit queues behind the visible size and fills as trades eat the queue")
    func queuePosition() throws {
        let trades: [MarketEvent] = [
            .trade(Fixtures.trade(10, price: "100.5", size: "0.1", aggressor: .buy)),
            .trade(Fixtures.trade(20, price: "100", size: "2", aggressor: .sell)),
            .trade(Fixtures.trade(30, price: "100", size: "2", aggressor: .sell)),
            .trade(Fixtures.trade(40, price: "100", size: "5", aggressor: .sell)),
        ]
        let scenario = try Scenario(
            events: [book] + trades,
            strategy: onFirstTrade([.limit(btc, .buy, q("2"), price: p("100"))])
        )
        // 3 ahead: the first 2 leave 1 ahead, the next 2 fill 1 of ours, the 5 fill the rest.
        #expect(scenario.fills.map(\.quantity) == [q("1"), q("1")])
        #expect(
            scenario.fills.map(\.exchangeTime) == [
                Fixtures.trade(30, price: "100", size: "1", aggressor: .sell).exchangeTime,
                Fixtures.trade(40, price: "100", size: "1", aggressor: .sell).exchangeTime,
            ]
        )
        #expect(scenario.fills.allSatisfy { $0.liquidity == .maker && $0.price == p("100") })
    }

    @Test("a trade through a resting limit fills it completely")
    func tradeThrough() throws {
        let scenario = try Scenario(
            events: [
                .trade(Fixtures.trade(10, price: "100.5", size: "0.1", aggressor: .buy)),
                .trade(Fixtures.trade(20, price: "99.9", size: "0.01", aggressor: .sell)),
            ],
            strategy: onFirstTrade([.limit(btc, .buy, q("2"), price: p("100"))])
        )
        #expect(scenario.fills.map(\.quantity) == [q("2")])
    }

    @Test("a quote whose ask drops to a resting bid fills it at its price")
    func quotes() throws {
        let scenario = try Scenario(
            events: [
                .trade(Fixtures.trade(1, price: "100.5", size: "0.1", aggressor: .buy)),
                .quote(Fixtures.quote(10, bid: "100.4", ask: "100.6")),
                .quote(Fixtures.quote(20, bid: "99.8", ask: "99.9")),
            ],
            strategy: onFirstTrade([.limit(btc, .buy, q("1"), price: p("100"))])
        )
        #expect(scenario.fills.first?.price == p("100"))
        #expect(scenario.fills.first?.exchangeTime == Fixtures.quote(20, bid: "1", ask: "2").exchangeTime)
    }

    @Test("a fill-or-kill limit without enough depth is cancelled without a fill")
    func fillOrKill() throws {
        let scenario = try Scenario(
            events: [book, .trade(Fixtures.trade(10, price: "100.5", size: "0.1", aggressor: .buy))],
            strategy: onFirstTrade([.limit(btc, .buy, q("5"), price: p("102"), timeInForce: .fok)])
        )
        #expect(scenario.fills.isEmpty)
        #expect(scenario.updates.last?.transition == .cancel)
    }
}

@Suite("Simulated exchange: perpetuals")
struct PerpetualTests {
    let perpetual = Fixtures.perpetual()

    @Test("funding is charged at funding time: longs pay a positive rate")
    func funding() throws {
        let events: [MarketEvent] = [
            .bar(Fixtures.bar(0, open: "100", high: "100", low: "100", close: "100")),
            .bar(Fixtures.bar(1, open: "100", high: "100", low: "100", close: "100")),
            .funding(
                FundingRateUpdate(
                    instrument: btc,
                    rate: Fixtures.ratio("0.0001"),
                    fundingTime: minute(2.5),
                    receivedTime: minute(2.5)
                )
            ),
            .bar(Fixtures.bar(2, open: "100", high: "100", low: "100", close: "100")),
        ]
        let scenario = try Scenario(
            instrument: perpetual,
            cash: "1000",
            events: events,
            strategy: submitting(perpetual.id) { $0 == 0 ? [.market(btc, .buy, .base(q("2")))] : [] }
        )
        #expect(scenario.result.summary.totalFunding == Fixtures.money("-0.02"))  // 2 × 100 × 0.0001
        #expect(scenario.portfolio.position(btc)?.funding == Fixtures.money("-0.02"))
        #expect(scenario.runner.exchange.account.balance(.usdt) == scenario.portfolio.balance(.usdt))
    }

    @Test("a leveraged position is liquidated at its liquidation price and loses its margin")
    func liquidation() throws {
        // 10× long at 100 with 0.4 % maintenance: liquidation at (100 − 10) / 0.996 ≈ 90.37 (rounded up to 90.4).
        let events = bars([
            ("100", "100", "100", "100"), ("100", "100", "100", "100"), ("100", "100", "85", "88"),
            ("88", "88", "88", "88"),
        ])
        let scenario = try Scenario(
            instrument: perpetual,
            cash: "1000",
            events: events,
            leverage: Ratio(10),
            strategy: submitting(perpetual.id) { $0 == 0 ? [.market(btc, .buy, .base(q("50")))] : [] }
        )
        let trade = try #require(scenario.result.trades.first)
        #expect(trade.liquidated)
        #expect(trade.exitPrice == p("90.4"))
        // Margin 500 lost, plus the entry taker fee (5000 × 0.0004 = 2).
        #expect(trade.netRaw == Fixtures.money("-502").raw)
        #expect(scenario.result.summary.liquidations == 1)
        #expect(scenario.portfolio.balance(.usdt) == Fixtures.money("498"))
        #expect(scenario.portfolio.isFlat(btc))
    }

    @Test("a long-short reversal closes the short and re-enters long")
    func shortPositions() throws {
        let events = bars([
            ("100", "100", "100", "100"), ("100", "100", "100", "100"), ("90", "90", "90", "90"),
            ("90", "90", "90", "90"),
        ])
        let scenario = try Scenario(
            instrument: perpetual,
            cash: "1000",
            events: events,
            strategy: submitting(perpetual.id) { index in
                switch index {
                case 0: [.market(btc, .sell, .base(q("1")))]
                case 1: [.market(btc, .buy, .base(q("2")))]
                default: []
                }
            }
        )
        let trade = try #require(scenario.result.trades.first)
        #expect(trade.side == .short)
        #expect(trade.grossRaw == Fixtures.money("10").raw)
        #expect(scenario.portfolio.position(btc)?.side == .long)
        #expect(scenario.portfolio.position(btc)?.quantity == q("1"))
    }
}
