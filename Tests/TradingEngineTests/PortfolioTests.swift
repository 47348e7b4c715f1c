import Testing
import TradingCore
import TradingEngine
import TradingTestSupport

@Suite("Portfolio and ledger")
struct PortfolioTests {
    let spot = Fixtures.spot()
    let perpetual = Fixtures.perpetual()

    func fill(
        _ side: OrderSide,
        _ quantity: String,
        at price: String,
        fee: String,
        instrument: Int = 0,
        minute: Int64 = 0,
        liquidation: Bool = false
    ) -> OrderFilled {
        OrderFilled(
            clientOrderID: nil,
            venueOrderID: VenueOrderID(sequence: 1, prefix: "V"),
            tradeID: TradeID(sequence: 1, prefix: "T"),
            instrument: InstrumentIndex(instrument),
            side: side,
            quantity: Fixtures.quantity(quantity),
            price: Fixtures.price(price),
            fee: Fixtures.money(fee),
            liquidity: .taker,
            leavesQuantity: .zero,
            isLiquidation: liquidation,
            exchangeTime: Timestamp(seconds: 60 * minute)
        )
    }

    @Test("a spot round trip books balances, realised PnL and fees exactly")
    func spotRoundTrip() throws {
        var portfolio = Portfolio(accountCurrency: .usdt, instruments: [spot], balances: [Fixtures.money("10000")])
        let opened = portfolio.apply(fill(.buy, "0.1", at: "60000", fee: "6"), strategy: nil, tag: "entry")
        guard case .opened(let position) = opened else {
            Issue.record("expected an opened position")
            return
        }
        #expect(position.quantity == Fixtures.quantity("0.1"))
        #expect(portfolio.balance(.usdt) == Fixtures.money("3994"))
        #expect(portfolio.balance(.btc).raw == Fixtures.quantity("0.1").raw)
        #expect(portfolio.position(InstrumentIndex(0))?.averageEntryPrice == Fixtures.price("60000"))
        let closed = portfolio.apply(fill(.sell, "0.1", at: "61000", fee: "6.1", minute: 5), strategy: nil, tag: "exit")
        guard case .closed(let round) = closed else {
            Issue.record("expected a closed position")
            return
        }
        #expect(round.grossPnL == Fixtures.money("100"))
        #expect(round.fees == Fixtures.money("12.1"))
        #expect(round.netPnL == Fixtures.money("87.9"))
        #expect(round.averageExitPrice == Fixtures.price("61000"))
        #expect(round.entryTag == "entry")
        #expect(round.exitTag == "exit")
        #expect(portfolio.balance(.usdt) == Fixtures.money("10087.9"))
        #expect(portfolio.isFlat(InstrumentIndex(0)))
        #expect(portfolio.equity(marks: [Fixtures.price("1")]) == Fixtures.money("10087.9"))
    }

    @Test("a perpetual holds isolated margin and settles PnL into the wallet")
    func perpetualMargin() throws {
        var portfolio = Portfolio(
            accountCurrency: .usdt,
            instruments: [perpetual],
            balances: [Fixtures.money("10000")],
            leverage: [perpetual.id: Ratio(10)]
        )
        portfolio.apply(fill(.buy, "1", at: "60000", fee: "24"), strategy: nil, tag: nil)
        let position = try #require(portfolio.position(InstrumentIndex(0)))
        #expect(position.isolatedMargin == Fixtures.money("6000"))
        #expect(portfolio.balance(.usdt) == Fixtures.money("9976"))
        #expect(portfolio.marginInUse(.usdt) == Fixtures.money("6000"))
        #expect(portfolio.equity(marks: [Fixtures.price("61000")]) == Fixtures.money("10976"))
        // (C − M) / (Q (1 − mmr)) = (60000 − 6000) / 0.996
        let liquidation = try #require(
            position.liquidationPrice(maintenanceMarginRate: perpetual.maintenanceMarginRate)
        )
        #expect(liquidation.formatted(decimals: 6) == "54216.867470")
        // Selling 1.5 closes the long and opens a 0.5 short at the same price.
        let change = portfolio.apply(fill(.sell, "1.5", at: "61000", fee: "36.6", minute: 1), strategy: nil, tag: nil)
        guard case .flipped(let closed, let opened) = change else {
            Issue.record("expected a flip")
            return
        }
        #expect(closed.grossPnL == Fixtures.money("1000"))
        #expect(closed.fees == Fixtures.money("48.4"))  // 24 + two thirds of 36.6
        #expect(opened.side == .short)
        #expect(opened.quantity == Fixtures.quantity("0.5"))
        #expect(opened.isolatedMarginRaw == Fixtures.money("3050").raw)
        #expect(portfolio.balance(.usdt) == Fixtures.money("10939.4"))  // 10000 − 24 − 36.6 + 1000
    }

    @Test("funding: longs pay a positive rate, into the wallet and the isolated margin")
    func funding() throws {
        var portfolio = Portfolio(accountCurrency: .usdt, instruments: [perpetual], balances: [Fixtures.money("1000")])
        portfolio.apply(fill(.buy, "0.01", at: "50000", fee: "0"), strategy: nil, tag: nil)
        let payment = FundingApplied(
            instrument: InstrumentIndex(0),
            rate: Fixtures.ratio("0.0001"),
            markPrice: Fixtures.price("50000"),
            positionRaw: Fixtures.quantity("0.01").raw,
            payment: Fixtures.money("-0.05"),
            exchangeTime: Timestamp(seconds: 28_800)
        )
        portfolio.apply(payment)
        #expect(portfolio.balance(.usdt) == Fixtures.money("999.95"))
        #expect(portfolio.position(InstrumentIndex(0))?.funding == Fixtures.money("-0.05"))
        #expect(portfolio.position(InstrumentIndex(0))?.isolatedMargin == Fixtures.money("499.95"))
    }

    @Test("value is conserved: a spot account that ends flat changed by the sum of net PnL (property)")
    func conservation() {
        let failures = PropertyTesting.check("conservation", cases: 300) { generator in
            var portfolio = Portfolio(
                accountCurrency: .usdt,
                instruments: [spot],
                balances: [Fixtures.money("1000000")]
            )
            var netSum: Int128 = 0
            var held: Int128 = 0
            for step in 0..<Int.random(in: 1...20, using: &generator) {
                let price = Price(
                    raw: Int128(Int.random(in: 100_000...9_000_000, using: &generator)) * 10_000_000_000_000_000
                )
                let quantity = Int128(Int.random(in: 1...1_000, using: &generator)) * 10_000_000_000_000
                let selling = held > 0 && Bool.random(using: &generator)
                let amount = selling ? min(held, quantity) : quantity
                let notional = FixedPoint.multiply(amount, price.raw, rounding: .toNearestOrEven)
                let fee = Money(raw: notional / 1_000, currency: .usdt)
                let report = OrderFilled(
                    clientOrderID: nil,
                    venueOrderID: VenueOrderID(sequence: 1, prefix: "V"),
                    tradeID: TradeID(sequence: 1, prefix: "T"),
                    instrument: InstrumentIndex(0),
                    side: selling ? .sell : .buy,
                    quantity: Quantity(raw: amount),
                    price: price,
                    fee: fee,
                    liquidity: .taker,
                    leavesQuantity: .zero,
                    exchangeTime: Timestamp(seconds: Int64(step))
                )
                held += selling ? -amount : amount
                if case .closed(let closed) = portfolio.apply(report, strategy: nil, tag: nil) {
                    netSum += closed.netPnL.raw
                }
            }
            if held > 0 {
                let report = OrderFilled(
                    clientOrderID: nil,
                    venueOrderID: VenueOrderID(sequence: 1, prefix: "V"),
                    tradeID: TradeID(sequence: 1, prefix: "T"),
                    instrument: InstrumentIndex(0),
                    side: .sell,
                    quantity: Quantity(raw: held),
                    price: Fixtures.price("500"),
                    fee: Fixtures.money("0.25"),
                    liquidity: .taker,
                    leavesQuantity: .zero,
                    exchangeTime: Timestamp(seconds: 99)
                )
                if case .closed(let closed) = portfolio.apply(report, strategy: nil, tag: nil) {
                    netSum += closed.netPnL.raw
                }
            }
            let change = portfolio.balance(.usdt).raw - Fixtures.money("1000000").raw
            return change == netSum ? nil : "balance changed by \(change), net PnL \(netSum)"
        }
        #expect(failures.isEmpty)
    }

    @Test("the Double equity estimate tracks the exact equity")
    func equityEstimate() throws {
        var portfolio = Portfolio(
            accountCurrency: .usdt,
            instruments: [spot, perpetual],
            balances: [Fixtures.money("10000")]
        )
        portfolio.apply(fill(.buy, "0.1", at: "60000", fee: "6"), strategy: nil, tag: nil)
        portfolio.apply(fill(.sell, "0.05", at: "60000", fee: "1.2", instrument: 1), strategy: nil, tag: nil)
        let marks = [Fixtures.price("61234.56"), Fixtures.price("59000")]
        let exact = portfolio.equity(marks: marks).doubleValue
        let estimate = [marks[0].doubleValue, marks[1].doubleValue].withUnsafeBufferPointer {
            portfolio.equityEstimate(marks: $0)
        }
        #expect(abs(exact - estimate) < 1e-9 * exact)
    }
}
