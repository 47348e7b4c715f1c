import Testing
import TradingCore
import TradingEngine
import TradingTestSupport

@Suite("Position sizers")
struct PositionSizerTests {
    let spot = Fixtures.spot(minNotional: "5")
    let equity = Fixtures.money("10000")
    let entry = Fixtures.price("50000")

    func size(
        _ spec: String,
        stop: String? = nil,
        atr: String? = nil,
        history: TradeHistory = TradeHistory(),
        instrument: Instrument? = nil
    )
        throws -> Result<Quantity, SizingRefusal>
    {
        let sizer = try PositionSizer(parsing: spec)
        let inputs = SizingInputs(
            equity: equity,
            entryPrice: entry,
            stopPrice: stop.map(Fixtures.price),
            averageTrueRange: atr.map(Fixtures.price),
            history: history
        )
        return sizer.size(inputs, instrument: instrument ?? spot)
    }

    @Test(
        "worked examples, rounded down to the lot step",
        arguments: [
            ("fixed_quantity:0.123456", nil, nil, "0.12345"),
            ("fixed_notional:1000", nil, nil, "0.02"),
            ("fixed_notional:1234.56", nil, nil, "0.02469"),
            ("percent_equity:10", nil, nil, "0.02"),
            ("risk:1", "49000", nil, "0.1"),
            ("risk:1", "51000", nil, "0.1"),
            ("risk:0.5", "49750", nil, "0.2"),
            ("volatility:1:2", nil, "500", "0.1"),
            ("volatility:2", nil, "250", "0.4"),
        ] as [(String, String?, String?, String)]
    )
    func examples(spec: String, stop: String?, atr: String?, expected: String) throws {
        #expect(try size(spec, stop: stop, atr: atr) == .success(Fixtures.quantity(expected)))
    }

    @Test("Kelly sizes from the recent win rate and payoff, scaled and capped")
    func kelly() throws {
        // 18 wins of +2 % and 12 losses of −1 %: W = 0.6, R = 2, Kelly = 0.6 − 0.4 / 2 = 0.4.
        let winning = TradeHistory(returns: (0..<30).map { $0 % 5 < 3 ? 0.02 : -0.01 })
        // Half Kelly is 0.2 of equity: 2,000 USDT at 50,000.
        #expect(try size("kelly:0.5", history: winning) == .success(Fixtures.quantity("0.04")))
        // Full Kelly (0.4) is capped at 0.25: 2,500 USDT.
        #expect(try size("kelly:1:50:0.25", history: winning) == .success(Fixtures.quantity("0.05")))
        let losing = TradeHistory(returns: (0..<30).map { $0 % 10 < 3 ? 0.01 : -0.01 })
        guard case .failure(.noEdge(let fraction)) = try size("kelly:0.5", history: losing) else {
            Issue.record("expected no edge")
            return
        }
        #expect(abs(fraction - -0.4) < 1e-12)
        #expect(
            try size("kelly:0.5", history: TradeHistory(returns: [0.01, -0.01]))
                == .failure(.notEnoughHistory(trades: 2, needed: 20))
        )
    }

    @Test("refusals: missing inputs, and sizes below the minimum quantity or notional")
    func refusals() throws {
        #expect(try size("risk:1") == .failure(.needsStop))
        #expect(try size("risk:1", stop: "50000") == .failure(.stopNotBeyondEntry))
        #expect(try size("volatility:1") == .failure(.needsAverageTrueRange))
        guard case .failure(.belowMinimum(let violation)) = try size("fixed_notional:4") else {
            Issue.record("expected a minimum-notional refusal")
            return
        }
        #expect("\(violation)" == "notional 4 USDT is below the minimum 5 USDT")
        #expect(try size("fixed_quantity:0.000001") == .failure(.nonPositive))
    }

    @Test("contract multipliers are part of the notional and the risk")
    func multiplier() throws {
        let contracts = try Instrument(
            id: Fixtures.instrumentID("BTCUSD-INV"),
            venueSymbol: VenueSymbol("BTCUSD"),
            kind: .linearPerpetual,
            base: .btc,
            quote: .usdt,
            tickSize: Fixtures.price("0.1"),
            lotStep: Fixtures.quantity("1"),
            contractMultiplier: Fixtures.ratio("0.001"),
            maxLeverage: Ratio(20)
        )
        // One contract is 0.001 BTC = 50 USDT; 1,000 USDT buys 20 contracts; risking 100 USDT over a 1,000 move is 100 contracts.
        #expect(try size("fixed_notional:1000", instrument: contracts) == .success(Fixtures.quantity("20")))
        #expect(try size("risk:1", stop: "49000", instrument: contracts) == .success(Fixtures.quantity("100")))
    }

    @Test(
        "bad specs name the problem and the valid sizers",
        arguments: [
            (
                "martingale:2",
                "unknown sizer 'martingale'; valid: fixed_quantity, fixed_notional, percent_equity, risk, kelly, volatility"
            ),
            ("percent_equity:150", "percent must be at most 100"), ("risk", "risk percent is missing"),
            ("risk:-1", "must be a positive decimal"),
            ("kelly:0.5:5", "at least 20 trades"), ("fixed_notional:10:20", "too many fields"),
        ]
    )
    func errors(spec: String, message: String) {
        do {
            _ = try PositionSizer(parsing: spec)
            Issue.record("\(spec) was accepted")
        } catch {
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    @Test("a size never spends more than its budget, and one more lot would (property)")
    func budget() {
        let failures = PropertyTesting.check("sizer budget", cases: 500) { generator in
            let percent = Int.random(in: 1...100, using: &generator)
            let price = Price(
                raw: Int128(Int.random(in: 1_000...10_000_000, using: &generator)) * FixedPoint.scale / 100
            )
            let wallet = Money(
                raw: Int128(Int.random(in: 1_000...10_000_000, using: &generator)) * FixedPoint.scale,
                currency: .usdt
            )
            guard let sizer = try? PositionSizer(parsing: "percent_equity:\(percent)") else { return "parse" }
            let instrument = Fixtures.spot()
            guard
                case .success(let quantity) = sizer.size(
                    SizingInputs(equity: wallet, entryPrice: price),
                    instrument: instrument
                )
            else {
                return nil
            }
            let budget = wallet.multiplied(
                by: Ratio(percent).divided(by: Ratio(100), rounding: .toNearestOrEven),
                rounding: .down
            )
            let spent = instrument.notional(of: quantity, at: price)
            let more = instrument.notional(of: quantity + instrument.lotStep, at: price)
            if spent > budget { return "spent \(spent) > budget \(budget)" }
            if more <= budget { return "one more lot (\(more)) still fits \(budget)" }
            return nil
        }
        #expect(failures.isEmpty)
    }
}

@Suite("Sizing through the strategy context")
struct ContextSizingTests {
    @Test("a strategy sizes at the last price with the account's equity")
    func contextSizing() throws {
        let strategy = ScriptedStrategy(subscriptions: [Fixtures.spot().id]) { _, bar, context in
            let sized = context.size(
                try! PositionSizer(parsing: "risk:2"),
                instrument: bar.instrument,
                stop: Fixtures.price("39000")
            )
            if case .success(let quantity) = sized {
                _ = context.submit(.limit(bar.instrument, .buy, quantity, price: Fixtures.price("39500")))
            }
        }
        var engine = try Engine(
            configuration: EngineConfiguration(
                instruments: [Fixtures.spot()],
                accountCurrency: .usdt,
                balances: [Fixtures.money("10000")]
            ),
            strategies: [strategy]
        )
        let bar = Fixtures.bar(0, open: "40000", high: "40100", low: "39900", close: "40000")
        _ = engine.start(at: bar.openTime)
        _ = engine.process(.market(.bar(bar)), at: bar.closeTime)
        // 2 % of 10,000 over the 1,000 from the last price (40,000) to the stop.
        #expect(engine.state.orders.openOrders.map(\.quantity) == [Fixtures.quantity("0.2")])
    }
}
