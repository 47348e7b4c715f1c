import Testing
import TradingCore
import TradingEngine
import TradingTestSupport

/// The plain two-pass Pearson correlation, for comparison.
private func pearson(_ xs: [Double], _ ys: [Double]) -> Double {
    let n = Double(xs.count)
    let mx = xs.reduce(0, +) / n
    let my = ys.reduce(0, +) / n
    var sxy = 0.0
    var sxx = 0.0
    var syy = 0.0
    for (x, y) in zip(xs, ys) {
        sxy += (x - mx) * (y - my)
        sxx += (x - mx) * (x - mx)
        syy += (y - my) * (y - my)
    }
    return sxy / (sxx * syy).squareRoot()
}

@Suite("Rolling correlations and the correlated exposure limit")
struct CorrelationTests {
    @Test("the rolling matrix matches a two-pass Pearson correlation over the last window (seeded)")
    func matchesTwoPass() {
        let failures = PropertyTesting.check("rolling correlation", cases: 20) { generator in
            let window = 20 + Int(generator.nextUnit() * 40)
            let bars = window + Int(generator.nextUnit() * 300)
            var tracker = RollingCorrelations(instrumentCount: 3, window: window)
            var closes = [100.0, 50.0, 10.0]
            var returns: [[Double]] = [[], [], []]
            let mix = generator.nextUnit()
            for step in 0..<bars {
                let factor = generator.nextUnit() - 0.5
                for index in 0..<3 {
                    let own = generator.nextUnit() - 0.5
                    let move = 0.01 * (index == 2 ? own : mix * factor + (1 - mix) * own)
                    let next = closes[index] * (1 + move)
                    if step > 0 { returns[index].append(next / closes[index] - 1) }
                    closes[index] = next
                    tracker.update(instrument: index, close: next, at: Int64(step))
                }
            }
            // The tracker's first return comes from the second bar, as above.
            for (a, b) in [(0, 1), (0, 2), (1, 2)] {
                let expected = pearson(Array(returns[a].suffix(window)), Array(returns[b].suffix(window)))
                guard let measured = tracker.correlation(a, b) else {
                    return "no correlation for \(a),\(b) after \(bars) bars"
                }
                if abs(measured - expected) >= 1e-9 { return "pair \(a),\(b): \(measured) vs \(expected)" }
            }
            return tracker.correlation(1, 1) == 1 ? nil : "self-correlation is not 1"
        }
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test("no correlation before enough common samples; a flat series has none")
    func warmUp() {
        var tracker = RollingCorrelations(instrumentCount: 2, window: 10)
        for step in 0..<5 {
            tracker.update(instrument: 0, close: 100 + Double(step), at: Int64(step))
            tracker.update(instrument: 1, close: 100, at: Int64(step))
        }
        #expect(tracker.correlation(0, 1) == nil)
        for step in 5..<30 {
            tracker.update(instrument: 0, close: 100 + Double(step % 3), at: Int64(step))
            tracker.update(instrument: 1, close: 100, at: Int64(step))
        }
        #expect(tracker.correlation(0, 1) == nil, "a flat series has no variance")
    }

    /// Three perpetuals: A and B move together, C on its own; a 10-contract long on A at about 100.
    private func engine(limit: Money) throws -> Engine {
        let instruments = ["AUSDT-PERP", "BUSDT-PERP", "CUSDT-PERP"].map { Fixtures.perpetual(symbol: $0) }
        let limits = PreTradeLimits(
            maximumCorrelatedExposure: limit,
            correlationThreshold: Fixtures.ratio("0.7"),
            correlationWindow: 40
        )
        var engine = try Engine(
            configuration: EngineConfiguration(
                instruments: instruments,
                accountCurrency: .usdt,
                balances: [Fixtures.money("1000000")],
                riskPolicy: limits
            ),
            strategies: []
        )
        var generator = SeededGenerator(seed: 11)
        var closes = [100.0, 100.0, 100.0]
        for step in 0..<60 {
            let factor = generator.nextUnit() - 0.5
            let time = Timestamp(seconds: 60 * Int64(step + 1))
            for index in 0..<3 {
                let own = generator.nextUnit() - 0.5
                closes[index] *= 1 + 0.01 * (index == 2 ? own : factor + 0.1 * own)
                let price = instruments[index].round(price: Price(approximating: closes[index]) ?? .zero)
                let bar = Bar(
                    instrument: InstrumentIndex(index),
                    openTime: time,
                    closeTime: time,
                    open: price,
                    high: price,
                    low: price,
                    close: price,
                    volume: .zero
                )
                _ = engine.process(.market(.bar(bar)), at: time)
            }
        }
        let fill = OrderFilled(
            clientOrderID: nil,
            venueOrderID: VenueOrderID(sequence: 1, prefix: "V"),
            tradeID: TradeID(sequence: 1, prefix: "T"),
            instrument: InstrumentIndex(0),
            side: .buy,
            quantity: Fixtures.quantity("10"),
            price: engine.state.market.lastPrice(InstrumentIndex(0)) ?? .zero,
            fee: .zero(.usdt),
            liquidity: .taker,
            leavesQuantity: .zero,
            exchangeTime: Timestamp(seconds: 3_601)
        )
        _ = engine.process(.account(.filled(fill)), at: Timestamp(seconds: 3_601))
        return engine
    }

    @Test("correlated positions count together; an uncorrelated one or a hedge passes")
    func correlatedExposure() throws {
        let engine = try engine(limit: Fixtures.money("1500"))
        let correlationAB = try #require(engine.state.risk.correlations?.correlation(0, 1))
        let correlationAC = try #require(engine.state.risk.correlations?.correlation(0, 2))
        #expect(correlationAB > 0.9 && abs(correlationAC) < 0.7, "AB \(correlationAB), AC \(correlationAC)")
        let strategy = Fixtures.strategyID()
        func order(_ instrument: Int, _ side: OrderSide, _ quantity: String) -> OrderSpec {
            let index = InstrumentIndex(instrument)
            return .limit(
                index,
                side,
                Fixtures.quantity(quantity),
                price: engine.state.market.lastPrice(index) ?? .zero
            )
        }
        // A is worth about 1,000: 6 more of B (correlated) is over 1,500; of C it is not; a short B hedges.
        #expect(engine.preTradeCheck(order(1, .buy, "6"), strategy: strategy)?.code == "correlated_exposure")
        #expect(engine.preTradeCheck(order(2, .buy, "6"), strategy: strategy) == nil)
        #expect(engine.preTradeCheck(order(1, .sell, "6"), strategy: strategy) == nil)
        #expect(engine.preTradeCheck(order(0, .buy, "6"), strategy: strategy)?.code == "correlated_exposure")
        #expect(engine.preTradeCheck(order(0, .buy, "4"), strategy: strategy) == nil)
    }

    @Test("the correlated limit sits exactly on its boundary")
    func boundary() throws {
        let probe = try engine(limit: Fixtures.money("1500"))
        let (a, b) = (InstrumentIndex(0), InstrumentIndex(1))
        let priceA = try #require(probe.state.market.lastPrice(a))
        let priceB = try #require(probe.state.market.lastPrice(b))
        let perpetual = Fixtures.perpetual()
        // The limit is exactly A's 10 contracts plus one contract of B.
        let limit =
            perpetual.notional(of: Fixtures.quantity("10"), at: priceA)
            + perpetual.notional(of: Fixtures.quantity("1"), at: priceB)
        let engine = try engine(limit: limit)
        let strategy = Fixtures.strategyID()
        #expect(engine.preTradeCheck(.limit(b, .buy, Fixtures.quantity("1"), price: priceB), strategy: strategy) == nil)
        #expect(
            engine.preTradeCheck(.limit(b, .buy, Fixtures.quantity("1.001"), price: priceB), strategy: strategy)?.code
                == "correlated_exposure"
        )
    }
}
