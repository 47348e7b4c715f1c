import ExchangeKit
import Testing
import TradingCore

@Suite("Binance user data events")
struct BinanceUserStreamTests {
    let spot = VenueMarket(
        venueSymbol: "ETHBTC",
        kind: .spot,
        base: "ETH",
        quote: "BTC",
        tickSize: Price(raw: 1_000_000_000_000),
        lotStep: Quantity(raw: 1_000_000_000_000_000),
        minQuantity: Quantity(raw: 1_000_000_000_000_000)
    )
    let futures = VenueMarket(
        venueSymbol: "BTCUSDT",
        kind: .linear,
        base: "BTC",
        quote: "USDT",
        tickSize: Price(raw: 100_000_000_000_000_000),
        lotStep: Quantity(raw: 1_000_000_000_000_000),
        minQuantity: Quantity(raw: 1_000_000_000_000_000)
    )

    @Test("a spot executionReport trade is an order update and a fill")
    func executionReport() throws {
        // The documented example, with a trade (x = TRADE).
        let text = #"""
            {"e":"executionReport","E":1499405658658,"s":"ETHBTC","c":"mUvoqJxFIILMdfAW5iGSOW","S":"BUY","o":"LIMIT","f":"GTC",
            "q":"1.00000000","p":"0.10264410","P":"0.00000000","F":"0.00000000","g":-1,"C":"","x":"TRADE","X":"PARTIALLY_FILLED",
            "r":"NONE","i":4293153,"l":"0.40000000","z":"0.40000000","L":"0.10264410","n":"0.00004000","N":"ETH","T":1499405658657,
            "t":718,"I":8641984,"w":true,"m":false,"M":false,"O":1499405658657,"Z":"0.04105764","Y":"0.04105764","Q":"0.00000000"}
            """#
        let events = try BinanceUserStream.events(Array(text.utf8), market: spot)
        guard events.count == 2, case .order(let order) = events[0], case .fill(let fill) = events[1] else {
            Issue.record("expected an order and a fill, got \(events)")
            return
        }
        #expect(order.id == "4293153" && order.clientOrderID == "mUvoqJxFIILMdfAW5iGSOW" && order.status == .open)
        let filled = try Quantity("0.4")
        let remaining = try Quantity("0.6")
        let price = try Price("0.1026441")
        let fee = try Price("0.00004")
        #expect(order.filled == filled && order.remaining == remaining)
        #expect(fill.id == "718" && fill.orderID == "4293153" && fill.price == price)
        #expect(fill.feeCost == fee && fill.feeCurrency == "ETH" && fill.takerOrMaker == "taker")
    }

    @Test("a USD-M ORDER_TRADE_UPDATE and ACCOUNT_UPDATE give the order, the fill, the balance and the position")
    func futuresEvents() throws {
        let order = #"""
            {"e":"ORDER_TRADE_UPDATE","E":1568879465651,"T":1568879465650,"o":{"s":"BTCUSDT","c":"TEST","S":"SELL",
            "o":"MARKET","f":"GTC","q":"0.001","p":"0","ap":"9000","sp":"0","x":"TRADE","X":"FILLED","i":8886774,
            "l":"0.001","z":"0.001","L":"9000","N":"USDT","n":"0.0036","T":1568879465650,"t":12,"b":"0","a":"0","m":false,
            "R":true,"wt":"CONTRACT_PRICE","ot":"MARKET","ps":"BOTH","cp":false,"rp":"0"}}
            """#
        let events = try BinanceUserStream.events(Array(order.utf8), market: futures)
        guard case .order(let report) = events.first, case .fill(let fill) = events.last else {
            Issue.record("expected an order and a fill, got \(events)")
            return
        }
        let average = try Price("9000")
        let amount = try Quantity("0.001")
        #expect(report.status == .closed && report.reduceOnly == true && report.average == average)
        #expect(fill.side == .sell && fill.amount == amount)
        let account = #"""
            {"e":"ACCOUNT_UPDATE","E":1564745798939,"T":1564745798938,"a":{"m":"ORDER","B":[{"a":"USDT","wb":"122624.12345678",
            "cw":"100.12345678","bc":"50.12345678"}],"P":[{"s":"BTCUSDT","pa":"-0.020","ep":"9000","cr":"200","up":"-0.5",
            "mt":"isolated","iw":"0.0","ps":"BOTH"}]}}
            """#
        let update = try BinanceUserStream.events(Array(account.utf8), market: futures)
        guard update.count == 2, case .balance(let balances) = update[0], case .position(let position) = update[1]
        else {
            Issue.record("expected a balance and a position, got \(update)")
            return
        }
        let total = try Price("122624.12345678")
        let contracts = try Quantity("0.02")
        #expect(balances.first?.currency == "USDT" && balances.first?.total == total)
        #expect(position.side == .short && position.contracts == contracts && position.marginMode == "isolated")
        #expect(try BinanceUserStream.events(Array(#"{"e":"listenKeyExpired","E":1}"#.utf8), market: futures).isEmpty)
    }
}
