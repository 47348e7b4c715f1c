import Testing
import TradingBacktest
import TradingCore
import TradingReports
import TradingTestSupport

@testable import TradingEngine

/// Places, amends and cancels random orders of every kind on a spot and a perpetual instrument, and on each
/// bar compares the engine's available funds (kept as running totals) with a scan of every open order.
private struct CommitmentAuditor: Strategy {
    let id = Fixtures.strategyID("auditor")
    let subscriptions: [InstrumentID]
    var generator: SeededGenerator
    var checks = 0
    var largestOpen = 0
    var problems: [String] = []

    mutating func onBar(_ bar: Bar, context: inout StrategyContext) {
        audit(context.state)
        let state = context.state
        let instrument = state.instruments[bar.instrument.int]
        let close = bar.close
        for _ in 0..<Int.random(in: 0...4, using: &generator) {
            let side: OrderSide = Bool.random(using: &generator) ? .buy : .sell
            let quantity = instrument.round(
                quantity: Quantity(raw: Int128(Int.random(in: 1...400, using: &generator)) * FixedPoint.scale / 1_000)
            )
            let offset = Price(raw: Int128(Int.random(in: -30...30, using: &generator)) * FixedPoint.scale / 10)
            let level = instrument.round(price: close + offset)
            let reduceOnly = Int.random(in: 0..<6, using: &generator) == 0
            switch Int.random(in: 0..<7, using: &generator) {
            case 0: _ = context.submit(.market(bar.instrument, side, .base(quantity), reduceOnly: reduceOnly))
            case 1:
                _ = context.submit(
                    .market(bar.instrument, .buy, .quote(Money(raw: 50 * FixedPoint.scale, currency: .usdt)))
                )
            case 2: _ = context.submit(.limit(bar.instrument, side, quantity, price: level, reduceOnly: reduceOnly))
            case 3:
                _ = context.submit(.stopMarket(bar.instrument, side, quantity, trigger: level, reduceOnly: reduceOnly))
            case 4: _ = context.submit(.stopLimit(bar.instrument, side, quantity, trigger: level, price: level))
            case 5:
                _ = context.submitBracket(
                    BracketSpec(
                        entry: .limit(bar.instrument, .buy, quantity, price: level),
                        stopLoss: instrument.round(price: level - Price(raw: 5 * FixedPoint.scale)),
                        takeProfit: instrument.round(price: level + Price(raw: 5 * FixedPoint.scale))
                    )
                )
            default:
                let open = state.orders.openOrders
                guard !open.isEmpty else { continue }
                let order = open[Int.random(in: 0..<open.count, using: &generator)]
                if Bool.random(using: &generator) {
                    context.cancel(order.clientOrderID)
                } else if order.type == .limit {
                    context.modify(order.clientOrderID, OrderAmendment(price: level))
                }
            }
        }
    }

    mutating func onFill(_ fill: OrderFilled, update: OrderUpdate?, context: inout StrategyContext) {
        audit(context.state)
    }

    /// The totals against a scan: funds within one raw unit per open order (the totals round once per
    /// group where the scan rounds per order), base currency exactly.
    mutating func audit(_ state: EngineState) {
        checks += 1
        largestOpen = max(largestOpen, state.orders.openCount)
        for currency in [Currency.usdt, .btc] {
            var scanned = state.portfolio.balance(currency).raw
            if !state.portfolio.openInstruments.isEmpty { scanned -= state.portfolio.marginInUse(currency).raw }
            var base = state.portfolio.balance(currency).raw
            for order in state.orders.openOrders {
                let instrument = state.instruments[order.instrument.int]
                if order.side == .sell && instrument.kind == .spot && instrument.base == currency {
                    base -= order.leavesQuantity.raw
                }
                guard order.parentID == nil, instrument.settlementCurrency == currency, !order.reduceOnly else {
                    continue
                }
                if instrument.kind == .spot && order.side == .sell { continue }
                scanned -= state.reserved(by: order, instrument: instrument).raw
            }
            let kept = state.availableBalance(currency).raw
            if abs(kept - scanned) > Int128(state.orders.openCount + 1) {
                problems.append("\(state.now): \(currency) available \(kept) by totals, \(scanned) by scan")
            }
            if state.availableBase(currency).raw != max(0, base) {
                problems.append(
                    "\(state.now): \(currency) base \(state.availableBase(currency).raw) by totals, \(max(0, base)) by scan"
                )
            }
        }
    }
}

@Suite("Open-order commitments")
struct OpenCommitmentsPropertyTests {
    @Test("running totals of open orders agree with a scan of them after every bar and fill (seeded)")
    func totalsAgreeWithScan() {
        let failures = PropertyTesting.check("commitments agree", cases: 12) { generator in
            let spot = Fixtures.spot()
            let perpetual = Fixtures.perpetual()
            let strategy = CommitmentAuditor(
                subscriptions: [spot.id, perpetual.id],
                generator: SeededGenerator(seed: UInt64.random(in: 0...UInt64.max, using: &generator))
            )
            var price = 100.0
            var events: [MarketEvent] = []
            for minute in 0..<150 {
                let next = max(50, price + Double(Int.random(in: -20...20, using: &generator)) / 10)
                let high = max(price, next) + 0.5
                let low = min(price, next) - 0.5
                for index in 0..<2 {
                    events.append(
                        .bar(
                            Fixtures.bar(
                                minute,
                                open: DisplayFormat.fixed2(price),
                                high: DisplayFormat.fixed2(high),
                                low: DisplayFormat.fixed2(low),
                                close: DisplayFormat.fixed2(next),
                                instrument: InstrumentIndex(index)
                            )
                        )
                    )
                }
                price = next
            }
            do {
                var runner = try BacktestRunner(
                    configuration: BacktestConfiguration(
                        engine: EngineConfiguration(
                            instruments: [spot, perpetual],
                            accountCurrency: .usdt,
                            balances: [Fixtures.money("5000"), Fixtures.money("2", .btc)],
                            leverage: [perpetual.id: Ratio(5)]
                        )
                    ),
                    strategies: [strategy]
                )
                _ = runner.run(events: events)
                guard let final = runner.engine.strategies.first as? CommitmentAuditor else { return "no strategy" }
                if let problem = final.problems.first {
                    return "\(final.problems.count) disagreements; first: \(problem)"
                }
                if final.checks < 150 || final.largestOpen < 5 {
                    return "too little exercised: \(final.checks) checks, \(final.largestOpen) open at most"
                }
            } catch {
                return "\(error)"
            }
            return nil
        }
        #expect(failures.isEmpty)
    }
}
