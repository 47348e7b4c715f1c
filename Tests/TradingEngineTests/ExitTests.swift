import Testing
import TradingBacktest
import TradingCore
import TradingEngine
import TradingTestSupport

/// Runs a strategy that buys `quantity` at market on bar `entryBar`, with `plan` attached to its positions.
private func runWithExits(
    _ plan: ExitPlan,
    rows: [(String, String, String, String)],
    entryBar: Int = 0,
    quantity: String = "1",
    nativeOrderTypes: [Venue: Set<OrderType>] = [:]
) throws -> Scenario {
    let strategy = ScriptedStrategy(subscriptions: [Fixtures.spot().id]) { index, bar, context in
        if index == entryBar { context.submit(.market(bar.instrument, .buy, .base(q(quantity)), tag: "entry")) }
    }
    var engine = EngineConfiguration(
        instruments: [Fixtures.spot()],
        accountCurrency: .usdt,
        balances: [Fixtures.money("100000")]
    )
    engine.defaultExits = plan
    engine.nativeOrderTypes = nativeOrderTypes
    return try Scenario(configuration: BacktestConfiguration(engine: engine), events: bars(rows), strategy: strategy)
}

private func plan(
    stop: StopRule? = nil,
    breakEven: String? = nil,
    trailing: TrailingRule? = nil,
    trailingAfter: String? = nil,
    timeStop: Duration? = nil,
    takeProfits: [(String, String)] = [],
    placement: ExitPlacement
) throws -> ExitPlan {
    try ExitPlan(
        stop: stop,
        breakEvenAfter: breakEven.map(Fixtures.ratio),
        trailing: trailing,
        trailingAfter: trailingAfter.map(Fixtures.ratio),
        timeStop: timeStop,
        takeProfits: takeProfits.map {
            TakeProfitLevel(rMultiple: Fixtures.ratio($0.0), fraction: Fixtures.ratio($0.1))
        },
        placement: placement
    )
}

/// Entry at 100 on bar 1's open; the price dips through 98 on bar 2.
private let dip = [
    ("100", "100", "100", "100"), ("100", "101", "99.5", "100"), ("100", "100", "97", "97.5"),
    ("97", "97", "96", "96.5"),
]

/// Entry at 100; up 2.5 on bar 2 (1.25 R with a 2 % stop), up to 103 on bar 3, back to 101.5 on bar 4.
private let rally = [
    ("100", "100", "100", "100"), ("100", "101", "99.5", "100.5"), ("100.5", "102.5", "100.2", "102"),
    ("102", "103", "101.8", "102.8"), ("102.8", "102.9", "101.5", "101.6"), ("101.6", "101.7", "101.4", "101.5"),
]

@Suite("Exits attached to positions")
struct ExitTests {
    @Test("a native stop rests at the venue and fills inside the bar that reaches it")
    func nativeStop() throws {
        let run = try runWithExits(plan(stop: .percent(Fixtures.ratio("0.02")), placement: .native), rows: dip)
        let trade = try #require(run.result.trades.first)
        #expect(trade.entryPrice == p("100") && trade.exitPrice == p("98"))
        #expect(trade.exitTag == "stop_loss")
        #expect(run.result.openPositions.isEmpty && run.result.openOrderCount == 0)
        #expect(run.runner.engine.state.exits.positions[0] == nil, "exits detach when the position closes")
    }

    @Test("an emulated stop sends a market order after the bar that reaches it")
    func emulatedStop() throws {
        let run = try runWithExits(plan(stop: .percent(Fixtures.ratio("0.02")), placement: .emulated), rows: dip)
        let trade = try #require(run.result.trades.first)
        // The bar's low crosses 98 at its close; the market exit fills at the next bar's open.
        #expect(trade.exitPrice == p("97") && trade.exitTag == "stop_loss")
    }

    @Test("automatic placement emulates on a venue without stop orders")
    func automaticPlacement() throws {
        let venue = Fixtures.spot().id.venue
        let run = try runWithExits(
            plan(stop: .percent(Fixtures.ratio("0.02")), placement: .automatic),
            rows: dip,
            nativeOrderTypes: [venue: [.market, .limit]]
        )
        #expect(run.result.trades.first?.exitPrice == p("97"))
        let native = try runWithExits(plan(stop: .percent(Fixtures.ratio("0.02")), placement: .automatic), rows: dip)
        #expect(native.result.trades.first?.exitPrice == p("98"))
    }

    @Test("50 % at 1R, the rest trailing 1 % from 1R (emulated)")
    func scaleOutEmulated() throws {
        let run = try runWithExits(
            plan(
                stop: .percent(Fixtures.ratio("0.02")),
                trailing: .percent(Fixtures.ratio("0.01")),
                trailingAfter: "1",
                takeProfits: [("1", "0.5")],
                placement: .emulated
            ),
            rows: rally
        )
        let exits = run.fills.filter { $0.side == .sell }
        // Bar 2 reaches 102 (1R): sell 0.5 at bar 3's open (102). Trailing from 103: stop 101.97, hit on
        // bar 4; the rest sells at bar 5's open (101.6).
        #expect(exits.map(\.quantity) == [q("0.5"), q("0.5")])
        #expect(exits.map(\.price) == [p("102"), p("101.6")])
        let trade = try #require(run.result.trades.first)
        #expect(trade.exitTag == "trailing_stop" && trade.quantity == q("1"))
    }

    @Test("50 % at 1R, the rest trailing (native): a resting take-profit, a stop amended as it trails")
    func scaleOutNative() throws {
        let run = try runWithExits(
            plan(
                stop: .percent(Fixtures.ratio("0.02")),
                trailing: .percent(Fixtures.ratio("0.01")),
                trailingAfter: "1",
                takeProfits: [("1", "0.5")],
                placement: .native
            ),
            rows: rally
        )
        let exits = run.fills.filter { $0.side == .sell }
        #expect(exits.map(\.quantity) == [q("0.5"), q("0.5")])
        #expect(exits.map(\.price) == [p("102"), p("101.97")])
        let amended = run.updates.filter { $0.transition == .update }
        #expect(amended.count >= 2, "the stop was resized after the take-profit and moved as it trailed")
        #expect(run.result.openOrderCount == 0)
    }

    @Test("break-even after 1R moves the stop to the entry price")
    func breakEven() throws {
        let rows = [
            ("100", "100", "100", "100"), ("100", "101", "99.5", "100.5"), ("100.5", "102.5", "100.2", "102"),
            ("102", "102", "99.8", "100"), ("100", "100", "100", "100"),
        ]
        let run = try runWithExits(
            plan(stop: .percent(Fixtures.ratio("0.02")), breakEven: "1", placement: .native),
            rows: rows
        )
        let trade = try #require(run.result.trades.first)
        #expect(trade.exitPrice == p("100") && trade.exitTag == "break_even")
    }

    /// Three bars with true ranges 4, 2 and 3 (ATR(3) = 3), then the entry at 102 and a fourth bar.
    private let atrRows = [
        ("100", "102", "98", "100"), ("100", "101", "99", "100"), ("100", "103", "100", "102"),
        ("102", "102.5", "101", "102"),
    ]

    @Test("an ATR stop sits 2 × ATR(3) below the entry, exactly")
    func atrStop() throws {
        let run = try runWithExits(
            plan(stop: .averageTrueRange(multiple: Ratio(2), period: 3), placement: .emulated),
            rows: atrRows,
            entryBar: 2
        )
        let exits = try #require(run.runner.engine.state.exits.positions[0])
        #expect(exits.entryPrice == p("102") && exits.stop == p("96") && exits.riskPerUnit == p("6"))
    }

    @Test("a structure stop sits below the lowest low of the lookback, less the buffer")
    func structureStop() throws {
        let run = try runWithExits(
            plan(stop: .structure(lookback: 3, buffer: Fixtures.ratio("0.001")), placement: .emulated),
            rows: atrRows,
            entryBar: 2
        )
        // Lowest low of bars 0–2 is 98; 98 × 0.999 = 97.902, down to the 0.01 tick.
        #expect(run.runner.engine.state.exits.positions[0]?.stop == p("97.9"))
    }

    @Test("a chandelier stop trails the highest high of the period by ATR multiples")
    func chandelier() throws {
        let run = try runWithExits(
            plan(
                stop: .averageTrueRange(multiple: Ratio(2), period: 3),
                trailing: .chandelier(multiple: .one, period: 3),
                placement: .emulated
            ),
            rows: atrRows,
            entryBar: 2
        )
        // After bar 3: highest high 103, ATR (3 × 2 + 1.5) / 3 = 2.5, so the stop is 100.5.
        let exits = try #require(run.runner.engine.state.exits.positions[0])
        #expect(exits.stop == p("100.5") && exits.stopReason == "trailing_stop")
    }

    @Test("an ATR trailing stop keeps its distance from the best price")
    func atrTrailing() throws {
        let run = try runWithExits(
            plan(
                stop: .averageTrueRange(multiple: Ratio(2), period: 3),
                trailing: .averageTrueRange(multiple: .one, period: 3),
                placement: .emulated
            ),
            rows: atrRows,
            entryBar: 2
        )
        // Best price 102.5 (bar 3's high) less ATR 2.5.
        #expect(run.runner.engine.state.exits.positions[0]?.stop == p("100"))
    }

    @Test("a time stop closes the position after its duration")
    func timeStop() throws {
        let rows = Array(repeating: ("100", "100", "100", "100"), count: 6)
        let run = try runWithExits(plan(timeStop: .seconds(120), placement: .emulated), rows: rows)
        let trade = try #require(run.result.trades.first)
        #expect(trade.exitTag == "time_stop")
        // Entered at minute 1 (bar 1's open); bar 2 closes at minute 3, two minutes later; exit at bar 3's open.
        #expect(trade.exitTime == minute(3))
    }

    @Test("plans that cannot work are refused, naming the field")
    func validation() throws {
        #expect(throws: ExitPlanError.self) {
            try ExitPlan(takeProfits: [TakeProfitLevel(rMultiple: .one, fraction: .one)])
        }
        #expect(throws: ExitPlanError.self) { try ExitPlan(stop: .percent(Ratio(2))) }
        #expect(throws: ExitPlanError.self) {
            try ExitPlan(
                stop: .percent(Fixtures.ratio("0.01")),
                takeProfits: [
                    TakeProfitLevel(rMultiple: Ratio(2), fraction: Fixtures.ratio("0.5")),
                    TakeProfitLevel(rMultiple: .one, fraction: Fixtures.ratio("0.5")),
                ]
            )
        }
        do {
            _ = try ExitPlan(
                stop: .percent(Fixtures.ratio("0.01")),
                takeProfits: [
                    TakeProfitLevel(rMultiple: .one, fraction: Fixtures.ratio("0.7")),
                    TakeProfitLevel(rMultiple: Ratio(2), fraction: Fixtures.ratio("0.7")),
                ]
            )
            Issue.record("fractions above 1 were accepted")
        } catch {
            #expect(error.field == "take_profit")
        }
    }

    @Test("exits are engine state: an engine restored from a saved state keeps trailing and stops out the same way")
    func survivesRestart() throws {
        let instrument = Fixtures.spot()
        var configuration = EngineConfiguration(
            instruments: [instrument],
            accountCurrency: .usdt,
            balances: [Fixtures.money("100000")]
        )
        configuration.defaultExits = try plan(
            stop: .percent(Fixtures.ratio("0.02")),
            trailing: .percent(Fixtures.ratio("0.01")),
            placement: .emulated
        )
        let strategy = ScriptedStrategy(subscriptions: [instrument.id]) { index, bar, context in
            if index == 0 { context.submit(.market(bar.instrument, .buy, .base(q("1")))) }
        }
        var engine = try Engine(configuration: configuration, strategies: [strategy])
        let opening = Fixtures.bar(0, open: "100", high: "100", low: "100", close: "100")
        let output = engine.process(.market(.bar(opening)), at: opening.closeTime)
        guard case .submit(let ticket) = try #require(output.requests.first).value else {
            Issue.record("expected a submit")
            return
        }
        let fill = OrderFilled(
            clientOrderID: ticket.clientOrderID,
            venueOrderID: VenueOrderID(sequence: 1, prefix: "V"),
            tradeID: TradeID(sequence: 1, prefix: "T"),
            instrument: btc,
            side: .buy,
            quantity: q("1"),
            price: p("100"),
            fee: Fixtures.money("0.1"),
            liquidity: .taker,
            leavesQuantity: .zero,
            exchangeTime: opening.closeTime
        )
        _ = engine.process(.account(.filled(fill)), at: opening.closeTime)
        for (minute, high) in [(1, "104"), (2, "106")] {
            let bar = Fixtures.bar(minute, open: "103", high: high, low: "103", close: "103")
            _ = engine.process(.market(.bar(bar)), at: bar.closeTime)
        }
        #expect(engine.state.exits.positions[0]?.stop == p("104.94"))
        // Restart: a new engine from the saved state, with fresh strategies.
        var restored = try Engine(
            configuration: configuration,
            strategies: [ScriptedStrategy(subscriptions: [instrument.id])],
            restoring: engine.state
        )
        let drop = Fixtures.bar(3, open: "105.5", high: "105.5", low: "104.5", close: "104.8")
        let original = engine.process(.market(.bar(drop)), at: drop.closeTime)
        let resumed = restored.process(.market(.bar(drop)), at: drop.closeTime)
        #expect(original.requests == resumed.requests)
        guard case .submit(let exit) = try #require(resumed.requests.first).value else {
            Issue.record("expected the stop to fire")
            return
        }
        #expect(exit.spec.tag == "trailing_stop" && exit.spec.reduceOnly && exit.spec.side == .sell)
        #expect(restored.state.exits == engine.state.exits)
    }
}
