import Foundation
import Testing
import TradingCore
import TradingSim

@Suite("omega sim: Binance's public endpoints")
struct PublicAPITests {
    static let start = Timestamp(CivilTime(year: 2024, month: 1, day: 1))
    static let api: BinancePublicAPI = {
        do { return BinancePublicAPI(market: try SimMarket(seed: 42, bars: 3_000, start: start)) } catch {
            preconditionFailure("\(error)")
        }
    }()
    /// Market time after `minutes` minutes, and a wall time.
    static func at(_ minutes: Int64) -> Timestamp { start.advanced(byNanoseconds: minutes * 60_000_000_000) }
    static let wall = Timestamp(nanoseconds: 1_700_000_000_000_000_000)

    static func get(_ path: String, _ query: String = "", minutes: Int64 = 600) throws -> (Int, Any) {
        let answer = api.handle(path: path, query: query, wall: wall, marketTime: at(minutes))
        return (
            answer.status, try JSONSerialization.jsonObject(with: Data(answer.body.utf8), options: [.fragmentsAllowed])
        )
    }

    @Test("ping, time and exchangeInfo for spot and USD-M, with Binance's filters for each symbol")
    func metadata() throws {
        #expect(try Self.get("/api/v3/ping").0 == 200)
        let (_, time) = try Self.get("/fapi/v1/time")
        #expect((time as? [String: Any])?["serverTime"] as? Int64 == 1_700_000_000_000)
        let (_, spot) = try Self.get("/api/v3/exchangeInfo")
        let spotSymbols = try #require((spot as? [String: Any])?["symbols"] as? [[String: Any]])
        #expect(spotSymbols.map { $0["symbol"] as? String } == ["BTCUSDT", "ETHUSDT", "SOLUSDT"])
        let btc = try #require(spotSymbols.first?["filters"] as? [[String: Any]])
        let price = try #require(btc.first { $0["filterType"] as? String == "PRICE_FILTER" })
        #expect(price["tickSize"] as? String == "0.01000000")
        #expect(
            btc.contains { $0["filterType"] as? String == "NOTIONAL" && $0["minNotional"] as? String == "5.00000000" }
        )
        let (_, futures) = try Self.get("/fapi/v1/exchangeInfo")
        let futuresSymbols = try #require((futures as? [String: Any])?["symbols"] as? [[String: Any]])
        let sol = try #require(futuresSymbols.first { $0["symbol"] as? String == "SOLUSDT" })
        #expect(sol["contractType"] as? String == "PERPETUAL" && sol["quantityPrecision"] as? Int == 0)
        let solFilters = try #require(sol["filters"] as? [[String: Any]])
        #expect(
            solFilters.contains { $0["filterType"] as? String == "MIN_NOTIONAL" && $0["notional"] as? String == "5" }
        )
    }

    @Test("klines are built from the closed minutes: aligned, complete, on the tick, and only up to market time")
    func klines() throws {
        let (status, body) = try Self.get("/api/v3/klines", "symbol=BTCUSDT&interval=15m&limit=1000", minutes: 600)
        #expect(status == 200)
        let rows = try #require(body as? [[Any]])
        #expect(rows.count == 40)  // 600 closed minutes
        let first = rows[0]
        #expect(first[0] as? Int64 == Self.start.milliseconds)
        #expect(first[6] as? Int64 == Self.start.milliseconds + 15 * 60_000 - 1)
        let open = try #require(first[1] as? String)
        #expect(open.split(separator: ".").last?.count == 8)  // spot writes 8 decimals
        // Later market time serves more; the USD-M kline writes the pair's price precision.
        let (_, later) = try Self.get("/fapi/v1/klines", "symbol=BTCUSDT&interval=1m&limit=1500", minutes: 1_200)
        let minutes = try #require(later as? [[Any]])
        #expect(minutes.count == 1_200)
        #expect((minutes[0][4] as? String)?.split(separator: ".").last?.count == 2)
        // startTime picks the earliest, without it the latest.
        let from = Self.start.milliseconds + 60 * 60_000
        let (_, window) = try Self.get("/api/v3/klines", "symbol=ETHUSDT&interval=1h&startTime=\(from)&limit=2")
        #expect((window as? [[Any]])?.map { $0[0] as? Int64 } == [from, from + 3_600_000])
    }

    @Test("depth: bids below asks, one tick apart, sizes on the lot step, update IDs rising with market time")
    func depth() throws {
        let (_, early) = try Self.get("/api/v3/depth", "symbol=BTCUSDT&limit=5", minutes: 10)
        let (_, late) = try Self.get("/api/v3/depth", "symbol=BTCUSDT&limit=5", minutes: 20)
        let a = try #require(early as? [String: Any])
        let b = try #require(late as? [String: Any])
        #expect((a["lastUpdateId"] as? Int64 ?? 0) < (b["lastUpdateId"] as? Int64 ?? 0))
        let bids = try #require(a["bids"] as? [[String]])
        let asks = try #require(a["asks"] as? [[String]])
        #expect(bids.count == 5 && asks.count == 5)
        let bestBid = try #require(Double(bids[0][0]))
        let bestAsk = try #require(Double(asks[0][0]))
        #expect(abs(bestAsk - bestBid - 0.01) < 1e-9)
        #expect(zip(bids, bids.dropFirst()).allSatisfy { Double($0[0])! > Double($1[0])! })
        // USD-M only allows Binance's limits.
        #expect(try Self.get("/fapi/v1/depth", "symbol=BTCUSDT&limit=7").0 == 400)
        #expect(try Self.get("/fapi/v1/depth", "symbol=BTCUSDT&limit=10").0 == 200)
    }

    @Test("tickers: one symbol or every symbol, at the last close")
    func tickers() throws {
        let (_, one) = try Self.get("/api/v3/ticker/price", "symbol=SOLUSDT")
        #expect((one as? [String: Any])?["symbol"] as? String == "SOLUSDT")
        let (_, all) = try Self.get("/fapi/v1/ticker/price")
        #expect((all as? [[String: Any]])?.count == 3)
        let (_, book) = try Self.get("/api/v3/ticker/bookTicker", "symbol=ETHUSDT")
        let top = try #require(book as? [String: Any])
        #expect(Double(top["bidPrice"] as? String ?? "") ?? 0 < Double(top["askPrice"] as? String ?? "") ?? 0)
        let (_, day) = try Self.get("/api/v3/ticker/24hr", "symbol=BTCUSDT", minutes: 2_000)
        #expect((day as? [String: Any])?["count"] as? Int == 1_440)
        let (_, premium) = try Self.get("/fapi/v1/premiumIndex", "symbol=BTCUSDT")
        #expect((premium as? [String: Any])?["lastFundingRate"] as? String == "0.00010000")
        let (_, average) = try Self.get("/api/v3/avgPrice", "symbol=BTCUSDT")
        #expect((average as? [String: Any])?["mins"] as? Int == 5)
    }

    @Test(
        "bad requests get Binance's error codes and statuses",
        arguments: [
            ("/api/v3/klines", "interval=1m", 400, -1102),
            ("/api/v3/klines", "symbol=DOGEUSDT&interval=1m", 400, -1121),
            ("/api/v3/klines", "symbol=btcusdt&interval=1m", 400, -1100),
            ("/api/v3/klines", "symbol=BTCUSDT&interval=7m", 400, -1120),
            ("/api/v3/klines", "symbol=BTCUSDT&interval=1m&limit=1001", 400, -1130),
            ("/api/v3/klines", "symbol=BTCUSDT&interval=1m&limit=abc", 400, -1100),
            ("/api/v3/klines", "symbol=BTCUSDT&symbol=ETHUSDT&interval=1m", 400, -1101),
            ("/api/v3/depth", "symbol=%ZZ", 400, -1100),
            ("/api/v3/nothing", "", 404, -1000),
            ("/fapi/v1/avgPrice", "symbol=BTCUSDT", 404, -1000),
        ]
    )
    func errors(path: String, query: String, status: Int, code: Int) throws {
        let (answer, body) = try Self.get(path, query)
        #expect(answer == status)
        let error = try #require(body as? [String: Any])
        #expect(error["code"] as? Int == code, "\(error)")
        #expect((error["msg"] as? String)?.isEmpty == false)
    }
}
