import Testing
import TradingCore
import TradingEngine
import TradingTestSupport

private let sim = try! Venue("SIM")  // Test fixtures only.
private let btc = InstrumentIndex(0)
private let tick = TimerID(strategy: Fixtures.strategyID(), name: "act")

private func bar(_ minute: Int, _ close: String = "100") -> EngineEvent {
    .market(.bar(Fixtures.bar(minute, open: close, high: close, low: close, close: close)))
}

private func at(_ minute: Int) -> Timestamp {
    Fixtures.bar(minute, open: "1", high: "1", low: "1", close: "1").closeTime
}

private func connectivity(_ change: VenueConnectivity.Change, venue: Venue = sim) -> EngineEvent {
    .connectivity(VenueConnectivity(venue: venue, change: change))
}

/// Fills every new order of `output` at `price` at once, as a venue would.
private func fillAll(_ output: EngineOutput, price: String, engine: inout Engine, at time: Timestamp) {
    for request in output.requests {
        guard case .submit(let ticket) = request.value, case .base(let quantity) = ticket.spec.quantity else {
            continue
        }
        let fill = OrderFilled(
            clientOrderID: ticket.clientOrderID,
            venueOrderID: VenueOrderID(sequence: 1, prefix: "V"),
            tradeID: TradeID(sequence: 1, prefix: "T"),
            instrument: ticket.spec.instrument,
            side: ticket.spec.side,
            quantity: quantity,
            price: Fixtures.price(price),
            fee: .zero(.usdt),
            liquidity: .taker,
            leavesQuantity: .zero,
            exchangeTime: time
        )
        _ = engine.process(.account(.filled(fill)), at: time)
    }
}

/// An engine over `instrument` whose strategy submits `opening` on bar 0 (filled at 100 at once), then
/// loses its venue, and submits each of `trying` when a timer fires on the stale market. Returns each
/// order's refusal code, or `nil` for one that was sent.
private func decide(
    _ trying: [OrderSpec],
    opening: OrderSpec? = nil,
    instrument: Instrument = Fixtures.spot()
) throws -> [String?] {
    var engine = try Engine(
        configuration: EngineConfiguration(
            instruments: [instrument],
            accountCurrency: .usdt,
            balances: [Fixtures.money("10000")],
            leverage: instrument.kind == .spot ? [:] : [instrument.id: Ratio(5)]
        ),
        strategies: [
            ScriptedStrategy(
                subscriptions: [instrument.id],
                onBar: { index, _, context in
                    if index == 0, let opening { context.submit(opening) }
                },
                onTimer: { _, context in for spec in trying { context.submit(spec) } }
            )
        ]
    )
    _ = engine.start(at: .zero)
    fillAll(engine.process(bar(0), at: at(0)), price: "100", engine: &engine, at: at(0))
    _ = engine.process(connectivity(.disconnected), at: at(0))
    let output = engine.process(.timer(TimerFired(timer: tick, scheduledTime: at(0))), at: at(0))
    let sent = Set(output.submittedTickets.map(\.clientOrderID))
    let denied = Dictionary(uniqueKeysWithValues: output.denials.map { ($0.clientOrderID, $0.reason?.string) })
    let ids = output.facts.compactMap { fact -> ClientOrderID? in
        switch fact {
        case .orderSubmitted(let submitted): submitted.clientOrderID
        case .orderDenied(let update): update.clientOrderID
        default: nil
        }
    }
    #expect(ids.count == trying.count)
    return ids.map { sent.contains($0) ? nil : denied[$0] ?? "?" }
}

@Suite("Connectivity")
struct ConnectivityTests {
    @Test("a disconnect makes the venue's prices stale until fresh data; reconnecting alone clears nothing")
    func disconnectMarksStale() throws {
        let buy = OrderSpec.market(btc, .buy, .base(Fixtures.quantity("1")))
        // Bar 0 buys; after the disconnect, bar 1 (fresh data) buys again.
        var engine = try makeEngine(
            strategy: ScriptedStrategy(subscriptions: [Fixtures.spot().id]) { _, _, context in
                context.submit(buy)
            }
        )
        _ = engine.start(at: .zero)
        #expect(engine.state.venueStatus(sim) == .unknown)
        let connected = engine.process(connectivity(.connected), at: at(0))
        #expect(engine.state.venueStatus(sim) == .connected)
        #expect(connected.facts == [.connectivityChanged(VenueConnectivity(venue: sim, change: .connected), stale: 0)])
        fillAll(engine.process(bar(0), at: at(0)), price: "100", engine: &engine, at: at(0))

        let lost = engine.process(connectivity(.disconnected), at: at(0))
        #expect(lost.facts == [.connectivityChanged(VenueConnectivity(venue: sim, change: .disconnected), stale: 1)])
        #expect(engine.state.market.isStale(btc))
        #expect(engine.state.venueStatus(sim) == .disconnected)
        _ = engine.process(connectivity(.reconnected), at: at(0))
        #expect(engine.state.venueStatus(sim) == .connected)
        #expect(engine.state.market.isStale(btc))

        let fresh = engine.process(bar(1), at: at(1))
        #expect(!engine.state.market.isStale(btc))
        #expect(fresh.denials.isEmpty)
        #expect(fresh.submittedTickets.count == 1)
    }

    @Test("on a stale spot market, buys are refused as stale_market; selling what is held passes")
    func staleSpot() throws {
        let buy = OrderSpec.market(btc, .buy, .base(Fixtures.quantity("0.1")))
        let bid = OrderSpec.limit(btc, .buy, Fixtures.quantity("0.1"), price: Fixtures.price("99"))
        let sale = OrderSpec.market(btc, .sell, .base(Fixtures.quantity("0.5")))
        #expect(
            try decide([buy, bid, sale], opening: .market(btc, .buy, .base(Fixtures.quantity("1"))))
                == ["stale_market", "stale_market", nil]
        )
        // Without a holding the sale is refused for the balance, as always, not as stale.
        #expect(try decide([sale]) == ["spot_short_sale"])
        #expect(RiskRefusal.staleMarket.code == "stale_market")
    }

    @Test("on a stale perpetual market a position may shrink or close, not grow or flip")
    func stalePerpetual() throws {
        let short = OrderSpec.market(btc, .sell, .base(Fixtures.quantity("2")))
        func buy(_ quantity: String) -> OrderSpec { .market(btc, .buy, .base(Fixtures.quantity(quantity))) }
        let reduceOnly = OrderSpec.market(btc, .buy, .base(Fixtures.quantity("2")), reduceOnly: true)
        let results = try decide(
            [buy("1"), buy("2"), buy("3"), .market(btc, .sell, .base(Fixtures.quantity("1"))), reduceOnly],
            opening: short,
            instrument: Fixtures.perpetual()
        )
        #expect(results == [nil, nil, "stale_market", "stale_market", nil])
    }

    @Test("a gap in the book stream drops the book and ignores deltas until a snapshot")
    func bookGap() throws {
        var engine = try makeEngine(strategy: ScriptedStrategy(subscriptions: [Fixtures.spot().id]))
        _ = engine.start(at: .zero)
        let snapshot = Fixtures.book(1, bids: [("99", "1")], asks: [("101", "1")])
        _ = engine.process(.market(.book(snapshot)), at: snapshot.receivedTime)
        #expect(engine.state.market.book(btc)?.midPrice == Fixtures.price("100"))
        let gap = VenueConnectivity(venue: sim, change: .gapDetected(btc, .book))
        let output = engine.process(.connectivity(gap), at: snapshot.receivedTime)
        #expect(output.facts == [.connectivityChanged(gap, stale: 1)])
        #expect(engine.state.market.book(btc) == nil)
        #expect(engine.state.market.isAwaitingBookSnapshot(btc))
        #expect(engine.state.market.isStale(btc))
        let delta = Fixtures.book(2, kind: .delta, bids: [("98", "2")], asks: [])
        _ = engine.process(.market(.book(delta)), at: delta.receivedTime)
        #expect(engine.state.market.book(btc) == nil)
        #expect(engine.state.market.isStale(btc))
        let resync = Fixtures.book(3, bids: [("100", "1")], asks: [("102", "1")])
        _ = engine.process(.market(.book(resync)), at: resync.receivedTime)
        #expect(engine.state.market.book(btc)?.midPrice == Fixtures.price("101"))
        #expect(!engine.state.market.isAwaitingBookSnapshot(btc))
        #expect(!engine.state.market.isStale(btc))
    }

    @Test(
        "a trade gap makes its instrument stale until the next trade; a gap for another venue's instrument is an anomaly"
    )
    func tradeGap() throws {
        var engine = try makeEngine(strategy: ScriptedStrategy(subscriptions: [Fixtures.spot().id]))
        _ = engine.start(at: .zero)
        _ = engine.process(bar(0), at: at(0))
        _ = engine.process(connectivity(.gapDetected(btc, .trades)), at: at(0))
        #expect(engine.state.market.isStale(btc))
        let trade = Fixtures.trade(60_500, price: "100.5", size: "1", aggressor: .buy)
        _ = engine.process(.market(.trade(trade)), at: trade.receivedTime)
        #expect(!engine.state.market.isStale(btc))
        let stray = engine.process(
            connectivity(.gapDetected(btc, .trades), venue: try Venue("OTHER")),
            at: trade.receivedTime
        )
        #expect(stray.facts.isEmpty)
        #expect(stray.anomalies.count == 1)
        #expect(!engine.state.market.isStale(btc))
    }

    @Test("connectivity changes enter the audit digest, so two runs that saw different ones differ")
    func digest() throws {
        func run(disconnect: Bool) throws -> AuditDigest {
            var engine = try makeEngine(strategy: ScriptedStrategy(subscriptions: [Fixtures.spot().id]))
            _ = engine.start(at: .zero)
            _ = engine.process(bar(0), at: at(0))
            if disconnect { _ = engine.process(connectivity(.disconnected), at: at(0)) }
            _ = engine.process(bar(1), at: at(1))
            return engine.state.audit.digest
        }
        #expect(try run(disconnect: false) == run(disconnect: false))
        #expect(try run(disconnect: true) == run(disconnect: true))
        #expect(try run(disconnect: true) != run(disconnect: false))
    }
}
