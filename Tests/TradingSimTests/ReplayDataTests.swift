import Foundation
import Testing
import TradingCore
import TradingMarketData
import TradingSim
import TradingTestSupport

@Suite("omega sim --data: real market data drives the replayed market")
struct ReplayDataTests {
    static let minute = SimMarket.minuteNanoseconds
    static let tick = Price(raw: FixedPoint.scale / 100)

    static func price(_ cents: Int64) -> Price { Price(raw: Int128(cents) * FixedPoint.scale / 100) }

    static func bar(
        _ open: Int64,
        _ high: Int64,
        _ low: Int64,
        _ close: Int64,
        at time: Int64,
        minutes: Int64
    )
        -> Bar
    {
        Bar(
            instrument: InstrumentIndex(0),
            openTime: Timestamp(nanoseconds: time),
            closeTime: Timestamp(nanoseconds: time + minutes * minute),
            open: price(open),
            high: price(high),
            low: price(low),
            close: price(close),
            volume: Quantity(raw: FixedPoint.scale * 7)
        )
    }

    @Test("a longer candle spread over its minutes keeps its open, high, low, close and volume (seeded property)")
    func spreadKeepsTheCandle() {
        let seed = UInt64.random(in: 0...UInt64(UInt32.max))
        print("ReplayDataTests.spreadKeepsTheCandle seed \(seed)")
        var random = SeededGenerator(seed: seed)
        for _ in 0..<500 {
            let open = Int64.random(in: 1_000...100_000_000, using: &random)
            let close = max(1_000, open + Int64.random(in: -50_000...50_000, using: &random))
            let high = max(open, close) + Int64.random(in: 0...5_000, using: &random)
            let low = max(1, min(open, close) - Int64.random(in: 0...5_000, using: &random))
            let count = Int.random(in: 2...240, using: &random)
            let candle = Self.bar(open, high, low, close, at: 0, minutes: Int64(count))
            let pieces = SimReplayData.spread(candle, over: count, tick: Self.tick)
            #expect(pieces.count == count, "seed \(seed)")
            #expect(pieces.first?.open == candle.open && pieces.last?.close == candle.close, "seed \(seed)")
            #expect(pieces.map(\.high).max() == candle.high && pieces.map(\.low).min() == candle.low, "seed \(seed)")
            #expect(pieces.reduce(Int128(0)) { $0 + $1.volume.raw } == candle.volume.raw, "seed \(seed)")
            for (index, piece) in pieces.enumerated() {
                #expect(piece.openTime.nanoseconds == Int64(index) * Self.minute, "seed \(seed)")
                #expect(piece.isWellFormed, "seed \(seed): \(piece)")
                if index > 0 { #expect(piece.open == pieces[index - 1].close, "seed \(seed)") }
            }
        }
    }

    @Test("trades are gathered into one-minute bars; a minute without data repeats the last close")
    func gathersMinutes() {
        func point(_ cents: Int64, at seconds: Int64, size: Int128 = FixedPoint.scale) -> Bar {
            let time = Timestamp(nanoseconds: seconds * 1_000_000_000)
            return Bar(
                instrument: InstrumentIndex(0),
                openTime: time,
                closeTime: time,
                open: Self.price(cents),
                high: Self.price(cents),
                low: Self.price(cents),
                close: Self.price(cents),
                volume: Quantity(raw: size)
            )
        }
        let points = [point(100, at: 1), point(120, at: 20), point(90, at: 50), point(95, at: 59), point(130, at: 185)]
        let bars = SimReplayData.minuteBars(points, start: 0, instrument: InstrumentIndex(2), tick: Self.tick)
        #expect(bars.count == 4)
        #expect(bars[0].open == Self.price(100) && bars[0].high == Self.price(120))
        #expect(bars[0].low == Self.price(90) && bars[0].close == Self.price(95))
        #expect(bars[0].volume.raw == 4 * FixedPoint.scale)
        for gap in bars[1...2] {
            #expect(gap.open == Self.price(95) && gap.high == Self.price(95) && gap.close == Self.price(95))
            #expect(gap.volume == .zero)
        }
        #expect(bars[3].open == Self.price(130) && bars[3].openTime.nanoseconds == 3 * Self.minute)
        #expect(bars.allSatisfy { $0.instrument == InstrumentIndex(2) })
    }

    @Test(
        "one-minute candles, hourly candles and trades from ../shared drive BTC, as the backtester reads them",
        .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason))
    )
    func realFiles() throws {
        let candles = try SimReplayData(paths: [SharedData.data("binance_BTCUSDT_1m.csv")])
        let rows = try String(contentsOfFile: SharedData.data("binance_BTCUSDT_1m.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst()
        let first = rows.first!.split(separator: ",")
        let bars = try #require(candles.minutes["BTC"])
        #expect(candles.start.milliseconds == Int64(first[0]))
        #expect(bars.first?.open == Price(raw: try FixedPoint.parse(String(first[1]))))
        let last = rows.last!.split(separator: ",")
        #expect(bars.last?.openTime.milliseconds == Int64(last[0]))
        #expect(bars.last?.close == Price(raw: try FixedPoint.parse(String(last[4]))))

        // Hourly candles: every hour spread over 60 minutes that keep its extremes.
        let hourly = try SimReplayData(paths: [SharedData.data("binanceusdm_ETHUSDT_1h.csv")])
        let minutes = try #require(hourly.minutes["ETH"])
        #expect(minutes.count % 60 == 0)
        let hourRows = try String(contentsOfFile: SharedData.data("binanceusdm_ETHUSDT_1h.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().prefix(3)
        for (hour, row) in hourRows.enumerated() {
            let fields = row.split(separator: ",")
            let piece = minutes[(hour * 60)..<(hour * 60 + 60)]
            #expect(piece.map(\.high).max() == Price(raw: try FixedPoint.parse(String(fields[2]))))
            #expect(piece.map(\.low).min() == Price(raw: try FixedPoint.parse(String(fields[3]))))
        }

        // Trades win over candles of the same base; each minute's volume is the trades' sum.
        let trades = try SimReplayData(paths: [
            SharedData.data("binance_ETHUSDT_1h.csv"), SharedData.data("binance_ETHUSDT_trades.csv"),
        ])
        let tradeRows = try String(contentsOfFile: SharedData.data("binance_ETHUSDT_trades.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst()
        var firstMinuteVolume: Int128 = 0
        let firstMinute = (Int64(tradeRows.first!.split(separator: ",")[0])! / 60_000) * 60_000
        for row in tradeRows {
            let fields = row.split(separator: ",")
            guard Int64(fields[0])! < firstMinute + 60_000 else { break }
            firstMinuteVolume += try FixedPoint.parse(String(fields[2]))
        }
        #expect(trades.start.milliseconds == firstMinute)
        #expect(trades.minutes["ETH"]?.first?.volume.raw == firstMinuteVolume)
    }

    @Test(
        "a book file's book is the depth served in the next minute, on the symbol's grid",
        .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason))
    )
    func recordedBook() throws {
        let path = SharedData.data("binance_ETHUSDT_book.jsonl.gz")
        let data = try SimReplayData(paths: [path])
        let market = try SimMarket(seed: 1, bars: 10, start: data.start, data: data)
        // The book as it stood at the end of minute 4, replayed here independently.
        let source = try BookFileSource(path: path, instrument: InstrumentIndex(0))
        var book = OrderBook()
        let endOfMinute4 = data.start.nanoseconds + 5 * Self.minute
        while case .book(let update)? = try source.next(), update.exchangeTime.nanoseconds < endOfMinute4 {
            book.apply(update)
        }
        let symbol = try #require(SimSymbol.find("ETHUSDT", on: .spot))
        let served = market.book(symbol, at: Timestamp(nanoseconds: endOfMinute4 + 1_000_000_000), levels: 20)
        #expect(served.bids.count == 20 && served.asks.count == 20)
        for (level, (price, size)) in zip(book.bids.prefix(20), served.bids) {
            #expect(Double(price) == level.price.doubleValue && Double(size) == level.size.doubleValue)
        }
        for (level, (price, size)) in zip(book.asks.prefix(20), served.asks) {
            #expect(Double(price) == level.price.doubleValue && Double(size) == level.size.doubleValue)
        }
        // USD-M's tick is ten times coarser: bids round down, asks up, and levels that meet add up.
        let usdm = try #require(SimSymbol.find("ETHUSDT", on: .usdm))
        let coarse = market.book(usdm, at: Timestamp(nanoseconds: endOfMinute4 + 1_000_000_000), levels: 5)
        let best = try #require(book.bestBid)
        #expect(Double(coarse.bids[0].0)! <= best.price.doubleValue)
        #expect(Double(coarse.bids[0].0)! < Double(coarse.asks[0].0)!)
        // The whole of the market time the file covers, its mid drives the price.
        #expect(market.minutes["ETH"]?.count == data.minutes["ETH"]?.count)
    }

    @Test(
        "a funding file's rates settle USD-M positions at their 8-hour marks",
        .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason))
    )
    func fundingFile() throws {
        let data = try SimReplayData(paths: [
            SharedData.data("binance_BTCUSDT_1m.csv"), SharedData.data("binanceusdm_funding_rates_8h.csv"),
        ])
        let market = try SimMarket(seed: 1, bars: 10, start: data.start, data: data)
        // 2025-06-02 00:00 UTC: the file's BTCUSDT rate is -0.00000642 (reported at 00:00:00.001).
        let mark: Int64 = 1_748_822_400_000
        #expect(market.fundingRate("BTC", at: mark) == Ratio(raw: -642 * FixedPoint.scale / 100_000_000))
        #expect(market.fundingRate("ETH", at: mark) == Ratio(raw: 1_586 * FixedPoint.scale / 100_000_000))
        // The market starts 2025-06-01 17:20; a short opened at 20:00 pays the negative rate at midnight.
        let wall = TradingTests.wall
        let venue = try SimFixtures.venue(market, accounts: [TradingTests.paper], minutes: 160, wall: wall)
        let api = BinanceAccountAPI(accounts: [TradingTests.paper], venue: venue)
        let order = try TradingTests.send(
            api,
            "POST",
            "/fapi/v1/order",
            "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.1"
        )
        #expect(order.status == 200, "\(order.json)")
        venue.step(nanoseconds: 300 * Self.minute, wall: wall)
        let income = try TradingTests.send(api, "GET", "/fapi/v1/income", "incomeType=FUNDING_FEE").array
        #expect(income.count == 1)
        #expect(income.first?["time"] as? Int64 == mark)
        let payment = Double(income.first?["income"] as? String ?? "") ?? 0
        let price = market.lastPrice("BTC", at: Timestamp(nanoseconds: mark * 1_000_000)) ?? 0
        #expect(payment < 0 && abs(abs(payment) - 0.1 * price * 0.00000642) < 0.001, "paid \(payment) at \(price)")
    }

    @Test("data for a symbol the sim does not list, or no price data at all, is refused naming the file")
    func refusals() throws {
        let directory = try PackagePaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("binance_XRPETH_1m.csv").path
        try "timestamp,open,high,low,close,volume\n1700000000000,1,1,1,1,1\n".write(
            toFile: path,
            atomically: true,
            encoding: .utf8
        )
        #expect(throws: SimDataError.self) { try SimReplayData(paths: [path]) }
        do {
            _ = try SimReplayData(paths: [path])
        } catch {
            #expect(error.description.contains("binance_XRPETH_1m.csv: the sim lists BTCUSDT, ETHUSDT, SOLUSDT"))
        }
        let funding = directory.appendingPathComponent("binanceusdm_funding_rates_8h.csv").path
        try "timestamp,symbol,funding_rate\n1700000000000,BTCUSDT,0.0001\n".write(
            toFile: funding,
            atomically: true,
            encoding: .utf8
        )
        #expect(throws: SimDataError.self) { try SimReplayData(paths: [funding]) }
    }
}
