import Foundation
import Testing
import TradingBacktest
import TradingCore
import TradingEngine
import TradingSim
import TradingTestSupport

@Suite("omega sim: orders, fills, balances and positions")
struct TradingTests {
    static let start = Timestamp(CivilTime(year: 2024, month: 1, day: 1))
    static let wall = Timestamp(nanoseconds: 1_700_000_000_000 * 1_000_000)
    static let minute: Int64 = 60_000_000_000
    static let paper = SimAccount(
        name: "paper",
        apiKey: "paper-key",
        secret: "paper-secret",
        balances: [("USDT", "10000")]
    )

    /// A signed request's answer: HTTP status and the parsed JSON.
    struct Answer {
        let status: Int
        let json: Any
        var object: [String: Any] { json as? [String: Any] ?? [:] }
        var array: [[String: Any]] { json as? [[String: Any]] ?? [] }
        var code: Int? { object["code"] as? Int }
    }

    /// Sends `method path` with `parameters` (a timestamp and signature added) in the query, or in the body
    /// for POST and DELETE when `inBody`.
    static func send(
        _ api: BinanceAccountAPI,
        _ method: String,
        _ path: String,
        _ parameters: String,
        account: SimAccount = paper,
        inBody: Bool = false
    ) throws -> Answer {
        let payload = (parameters.isEmpty ? "" : parameters + "&") + "timestamp=\(wall.milliseconds)"
        let signed = payload + "&signature=" + RequestAuthenticator.signature(of: payload, secret: account.secret)
        let answer = try #require(
            api.handle(
                method: method,
                path: path,
                query: inBody ? "" : signed,
                body: inBody ? signed : "",
                apiKey: account.apiKey,
                wall: wall
            )
        )
        let json = try JSONSerialization.jsonObject(with: Data(answer.body.utf8), options: [.fragmentsAllowed])
        return Answer(status: answer.status, json: json)
    }

    static func setUp(
        bars: Int = 600,
        seed: UInt64 = 7,
        accounts: [SimAccount] = [paper],
        market given: SimMarket? = nil
    ) throws
        -> (SimMarket, SimVenue, BinanceAccountAPI)
    {
        let market = try given ?? SimMarket(seed: seed, bars: bars, start: start)
        let venue = try SimFixtures.venue(market, accounts: accounts, minutes: 300, wall: wall)
        return (market, venue, BinanceAccountAPI(accounts: accounts, venue: venue))
    }

    /// The BTC trades the sim prints from the close of minute `from - 1` to the end of minute `to - 1`.
    static func tape(_ market: SimMarket, from: Int, to: Int) -> [TradeTape.Trade] {
        let minutes = market.minutes["BTC"] ?? []
        var trades: [TradeTape.Trade] = []
        for index in (from - 1)..<to {
            let all = TradeTape.trades(
                of: minutes[index],
                index: index,
                previousClose: index > 0 ? minutes[index - 1].bar.close : nil,
                lotStep: Quantity(raw: FixedPoint.scale / 1_000)
            )
            trades += index == from - 1 ? [all[3]] : all
        }
        return trades
    }

    @Test("A paper fill on the sim equals the backtest's fill on the same trades (market entry, resting limit exit)")
    func paperEqualsBacktest() throws {
        try Self.paperEqualsBacktest(market: nil)
    }

    @Test(
        "A paper fill on the sim replaying real one-minute candles (--data) equals the backtest's on the same trades",
        .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason))
    )
    func paperEqualsBacktestOnRealData() throws {
        let data = try SimReplayData(paths: [SharedData.data("binance_BTCUSDT_1m.csv")])
        try Self.paperEqualsBacktest(market: SimMarket(seed: 7, bars: 600, start: data.start, data: data))
    }

    static func paperEqualsBacktest(market given: SimMarket?) throws {
        let (market, venue, api) = try Self.setUp(market: given)
        let trades = Self.tape(market, from: 300, to: 420)
        // Enter at the lowest trade of the first hour; exit with a limit one tick under the highest later trade.
        let low = try #require(trades[1..<240].min { $0.price < $1.price })
        let entryTime = low.time
        let entryPrice = low.price
        let tick = Price(raw: FixedPoint.scale / 100)
        let later = trades.filter { $0.time > entryTime }
        let best = try #require(later.map(\.price).max())
        #expect(best > entryPrice, "the tape must rise after the entry for the test to mean something")
        let exitPrice = best - tick
        venue.step(nanoseconds: entryTime.nanoseconds - venue.marketTime(at: Self.wall).nanoseconds, wall: Self.wall)

        let entry = try Self.send(api, "POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01")
        #expect(entry.status == 200, "\(entry.json)")
        #expect(entry.object["status"] as? String == "FILLED")
        let exit = try Self.send(
            api,
            "POST",
            "/api/v3/order",
            "symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=0.01&price=\(exitPrice)",
            inBody: true
        )
        #expect(exit.object["status"] as? String == "NEW", "\(exit.json)")
        venue.step(nanoseconds: 120 * Self.minute, wall: Self.wall)
        let state = venue.snapshot(wall: Self.wall)
        let simFills = state.accounts[0].spot.trades

        // The backtest: the same trades, the same orders at the same moment.
        let instrument = try SimInstruments.instruments(.spot)[0]
        let events = trades.map { trade in
            MarketEvent.trade(
                TradeTick(
                    instrument: InstrumentIndex(0),
                    price: trade.price,
                    size: trade.size,
                    aggressor: trade.aggressor,
                    exchangeTime: trade.time,
                    receivedTime: trade.time
                )
            )
        }
        let scenario = try Scenario(
            instrument: instrument,
            cash: "10000",
            events: events,
            strategy: ScriptedStrategy(
                subscriptions: [instrument.id],
                onTrade: { _, trade, context in
                    if trade.exchangeTime == entryTime {
                        context.submit(.market(InstrumentIndex(0), .buy, .base(Quantity(raw: FixedPoint.scale / 100))))
                    }
                },
                onFill: { fill, _, context in
                    if fill.side == .buy {
                        context.submit(.limit(InstrumentIndex(0), .sell, fill.quantity, price: exitPrice))
                    }
                }
            )
        )
        let backtestFills = scenario.fills
        #expect(
            simFills.count == 2 && backtestFills.count == 2,
            "sim \(simFills.count), backtest \(backtestFills.count)"
        )
        for (sim, backtest) in zip(simFills, backtestFills) {
            #expect(sim.price == backtest.price)
            #expect(sim.quantity == backtest.quantity)
            #expect(sim.commission == backtest.fee)
            #expect(sim.time == backtest.exchangeTime.milliseconds)
            #expect(sim.isMaker == (backtest.liquidity == .maker))
            #expect(sim.side == backtest.side)
        }
        #expect(simFills.first?.price == entryPrice)
        #expect(simFills.last?.price == exitPrice)
        let simCash = state.accounts[0].spot.exchange.account.balance(.usdt)
        #expect(simCash == scenario.portfolio.ledger.balance(.usdt))
    }

    @Test("Spot: a resting limit locks its funds, cancels by client ID, and a duplicate open client ID is refused")
    func spotLifecycle() throws {
        let (_, venue, api) = try Self.setUp()
        let last = try #require(venue.snapshot(wall: Self.wall).accounts[0].spot.lastPrice[0])
        let low = Price(raw: (last.raw * 9 / 10) / (FixedPoint.scale / 100) * (FixedPoint.scale / 100))
        let order =
            "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.1&price=\(low)&newClientOrderId=mine-1"
        let placed = try Self.send(api, "POST", "/api/v3/order", order + "&newOrderRespType=RESULT")
        #expect(placed.status == 200 && placed.object["status"] as? String == "NEW", "\(placed.json)")
        #expect(placed.object["fills"] == nil)
        let duplicate = try Self.send(api, "POST", "/api/v3/order", order)
        #expect(duplicate.status == 400 && duplicate.code == -2010)
        let account = try Self.send(api, "GET", "/api/v3/account", "")
        let usdt = try #require(
            (account.object["balances"] as? [[String: Any]])?.first { $0["asset"] as? String == "USDT" }
        )
        let locked = FixedPoint.multiply(Quantity(raw: FixedPoint.scale / 10).raw, low.raw, rounding: .up)
        #expect(usdt["locked"] as? String == FixedPoint.format(locked, decimals: 8))
        #expect(try Self.send(api, "GET", "/api/v3/openOrders", "symbol=BTCUSDT").array.count == 1)
        let canceled = try Self.send(api, "DELETE", "/api/v3/order", "symbol=BTCUSDT&origClientOrderId=mine-1")
        #expect(canceled.object["status"] as? String == "CANCELED", "\(canceled.json)")
        #expect(try Self.send(api, "DELETE", "/api/v3/order", "symbol=BTCUSDT&origClientOrderId=mine-1").code == -2011)
        #expect(try Self.send(api, "GET", "/api/v3/order", "symbol=BTCUSDT&orderId=999").code == -2013)
        // Once the first is closed, its client ID may be used again.
        #expect(try Self.send(api, "POST", "/api/v3/order", order).status == 200)
        let all = try Self.send(api, "GET", "/api/v3/allOrders", "symbol=BTCUSDT")
        #expect(all.array.map { $0["status"] as? String } == ["CANCELED", "NEW"])
    }

    @Test("Spot: filters, balances and post-only refusals answer Binance's codes and change nothing")
    func spotRefusals() throws {
        let (_, venue, api) = try Self.setUp()
        let last = try #require(venue.snapshot(wall: Self.wall).accounts[0].spot.lastPrice[0])
        let above = Price(raw: (last.raw * 11 / 10) / (FixedPoint.scale / 100) * (FixedPoint.scale / 100))
        let cases: [(String, Int)] = [
            ("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.1&price=100.000000001", -1111),
            ("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.1&price=100.", -1100),
            ("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.1&price=.5", -1100),
            ("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.1&price=1..5", -1100),
            ("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.1&price=-5", -1100),
            ("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.1&price=123456789012345678901", -1100),
            ("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.1&price=1.123456789012345678901", -1100),
            ("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.1&price=0.000", -1013),
            ("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.1&price=1000.005", -1013),
            ("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.000015&price=\(last)", -1013),
            ("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.00001&price=\(last)", -1013),
            ("symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.1&price=\(last)", -1102),
            ("symbol=BTCUSDT&side=BUY&type=MARKET", -1102),
            ("symbol=BTCUSDT&side=BUY&type=ICEBERG&quantity=1", -1116),
            ("symbol=BTCUSDT&side=UP&type=MARKET&quantity=1", -1117),
            ("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTD&quantity=0.1&price=\(last)", -1115),
            ("symbol=DOGEUSDT&side=BUY&type=MARKET&quantity=1", -1121),
            ("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=1", -2010),
            ("symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.01", -2010),
            ("symbol=BTCUSDT&side=BUY&type=LIMIT_MAKER&quantity=0.01&price=\(above)", -2010),
            ("symbol=BTCUSDT&side=SELL&type=STOP_LOSS&quantity=0.01&stopPrice=\(above)", -2010),
            ("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.1&price=1&newClientOrderId=bad id", -1100),
        ]
        for (parameters, code) in cases {
            let answer = try Self.send(api, "POST", "/api/v3/order", parameters)
            #expect(answer.code == code, "\(parameters): \(answer.json)")
            #expect(answer.status == 400)
        }
        let state = venue.snapshot(wall: Self.wall)
        #expect(state.accounts[0].spot.orders.isEmpty)
        #expect(
            state.accounts[0].spot.exchange.account.balance(.usdt)
                == Money(raw: 10_000 * FixedPoint.scale, currency: .usdt)
        )
    }

    @Test("USD-M: leverage, a long opened and closed reduce-only, realised PnL and fees in the wallet, algo stops")
    func futuresRoundTrip() throws {
        let (_, venue, api) = try Self.setUp()
        #expect(
            try Self.send(api, "POST", "/fapi/v1/leverage", "symbol=BTCUSDT&leverage=10").object["leverage"] as? Int
                == 10
        )
        #expect(try Self.send(api, "POST", "/fapi/v1/leverage", "symbol=BTCUSDT&leverage=200").code == -4028)
        #expect(try Self.send(api, "POST", "/fapi/v1/marginType", "symbol=BTCUSDT&marginType=CROSSED").code == -4046)
        #expect(try Self.send(api, "POST", "/fapi/v1/marginType", "symbol=BTCUSDT&marginType=ISOLATED").status == 200)
        #expect(
            try Self.send(
                api,
                "POST",
                "/fapi/v1/order",
                "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.01&reduceOnly=true"
            )
            .code == -2022
        )
        let open = try Self.send(api, "POST", "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.05")
        #expect(open.object["status"] as? String == "FILLED", "\(open.json)")
        let position = try Self.send(api, "GET", "/fapi/v2/positionRisk", "symbol=BTCUSDT").array
        #expect(position.first?["positionAmt"] as? String == "0.050")
        #expect(position.first?["leverage"] as? String == "10")
        #expect(position.first?["marginType"] as? String == "isolated")
        let liquidation = Double(position.first?["liquidationPrice"] as? String ?? "") ?? 0
        let entry = Double(position.first?["entryPrice"] as? String ?? "") ?? 0
        #expect(liquidation > entry * 0.85 && liquidation < entry * 0.95, "10× isolated long: about 10 % under entry")
        let last = try #require(venue.snapshot(wall: Self.wall).accounts[0].futures.lastPrice[0])
        let stop = Price(raw: (last.raw * 9 / 10) / (FixedPoint.scale / 10) * (FixedPoint.scale / 10))
        let algo = try Self.send(
            api,
            "POST",
            "/fapi/v1/algoOrder",
            "algoType=CONDITIONAL&symbol=BTCUSDT&side=SELL&type=STOP_MARKET&triggerPrice=\(stop)&closePosition=true&clientAlgoId=stop-1"
        )
        #expect(algo.object["algoStatus"] as? String == "NEW", "\(algo.json)")
        #expect(algo.object["quantity"] as? String == "0.050")
        #expect(try Self.send(api, "GET", "/fapi/v1/openAlgoOrders", "").array.count == 1)
        #expect(try Self.send(api, "GET", "/fapi/v1/openOrders", "").array.isEmpty)
        let canceled = try Self.send(api, "DELETE", "/fapi/v1/algoOrder", "symbol=BTCUSDT&clientAlgoId=stop-1")
        #expect(canceled.object["msg"] as? String == "success")
        venue.step(nanoseconds: 30 * Self.minute, wall: Self.wall)
        let close = try Self.send(
            api,
            "POST",
            "/fapi/v1/order",
            "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.05&reduceOnly=true"
        )
        #expect(close.status == 200)
        let fills = try Self.send(api, "GET", "/fapi/v1/userTrades", "symbol=BTCUSDT").array
        #expect(fills.count == 2)
        let pnl = fills.compactMap { Double($0["realizedPnl"] as? String ?? "") }.reduce(0, +)
        let fees = fills.compactMap { Double($0["commission"] as? String ?? "") }.reduce(0, +)
        let prices = fills.compactMap { Double($0["price"] as? String ?? "") }
        #expect(abs(pnl - (prices[1] - prices[0]) * 0.05) < 1e-6)
        let balance = try Self.send(api, "GET", "/fapi/v2/balance", "").array
        let wallet = Double(balance.first?["balance"] as? String ?? "") ?? 0
        #expect(abs(wallet - (10_000 + pnl - fees)) < 1e-6, "wallet \(wallet), pnl \(pnl), fees \(fees)")
        #expect(try Self.send(api, "GET", "/fapi/v3/positionRisk", "").array.isEmpty)
    }

    @Test("USD-M funding settles every 8 hours at the fixed rate on open positions")
    func funding() throws {
        let (_, venue, api) = try Self.setUp(bars: 1_500)
        #expect(
            try Self.send(api, "POST", "/fapi/v1/order", "symbol=ETHUSDT&side=SELL&type=MARKET&quantity=1").status
                == 200
        )
        // From minute 300 (05:00) past 08:00.
        venue.step(nanoseconds: 200 * Self.minute, wall: Self.wall)
        let income = try Self.send(api, "GET", "/fapi/v1/income", "incomeType=FUNDING_FEE").array
        #expect(income.count == 1)
        let payment = Double(income.first?["income"] as? String ?? "") ?? 0
        #expect(payment > 0, "a short receives positive funding")
        #expect(income.first?["time"] as? Int64 == Self.start.milliseconds + 8 * 3_600_000)
    }
}
