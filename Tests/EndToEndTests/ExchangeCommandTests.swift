import Foundation
import Testing
import TradingTestSupport

/// A running `omega sim` on a free loopback port, stopped when the value goes away.
final class RunningSim {
    let process = Process()
    let base: String

    init(_ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: CommandRunner.omegaPath)
        process.arguments = ["sim", "--port", "0"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var banner = ""
        while !banner.contains("\n") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            banner += String(decoding: chunk, as: UTF8.self)
        }
        guard let line = banner.split(separator: "\n").first,
            let base = line.components(separatedBy: "listening on ").last,
            base.hasPrefix("http://127.0.0.1:")
        else {
            process.terminate()
            throw SimStartError(banner: banner)
        }
        self.base = String(base)
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    struct SimStartError: Error { let banner: String }
}

/// `omega exchange`, `omega account` and `omega order` against `omega sim`, on Binance spot and USD-M.
@Suite("omega exchange, account and order against omega sim", .serialized)
struct ExchangeCommandTests {
    static let secret = "TOPSECRET-e2e-7f3a"
    static let keys = ["OMEGA_BINANCE_API_KEY": "trader-key", "OMEGA_BINANCE_API_SECRET": secret]

    func omega(_ arguments: [String], _ sim: RunningSim, keys: Bool = true) throws -> CommandResult {
        try CommandRunner.omega(
            arguments + ["--exchange", "binance", "--base-url", sim.base],
            environment: keys ? Self.keys : ["OMEGA_BINANCE_API_KEY": "", "OMEGA_BINANCE_API_SECRET": ""]
        )
    }

    func startSim(_ extra: [String] = []) throws -> RunningSim {
        try RunningSim(
            ["--speed", "60", "--bars", "3000", "--account", "trader:trader-key:\(Self.secret):USDT=10000,BTC=1"]
                + extra
        )
    }

    @Test("market data: markets, ticker, book and candles, as text and JSON, spot and USD-M")
    func marketData() throws {
        let sim = try startSim()
        let markets = try omega(["exchange", "markets"], sim, keys: false)
        #expect(markets.status == 0, "\(markets.standardError)")
        #expect(markets.standardOutput.contains("BTC/USDT ") && markets.standardOutput.contains("BTC/USDT:USDT"))
        let ticker = try omega(["exchange", "ticker", "--symbol", "BTC/USDT:USDT", "--json"], sim, keys: false)
        let object = try JSONSerialization.jsonObject(with: Data(ticker.standardOutput.utf8)) as? [String: Any]
        #expect(object?["symbol"] as? String == "BTC/USDT:USDT")
        #expect((object?["last"] as? Double ?? 0) > 0)
        let book = try omega(["exchange", "book", "--symbol", "BTCUSDT", "--depth", "5", "--json"], sim, keys: false)
        let levels = try JSONSerialization.jsonObject(with: Data(book.standardOutput.utf8)) as? [String: Any]
        let bids = levels?["bids"] as? [[Double]] ?? []
        let asks = levels?["asks"] as? [[Double]] ?? []
        #expect(bids.count == 5 && asks.count == 5)
        #expect((bids.first?[0] ?? 0) < (asks.first?[0] ?? 0), "the book is crossed: \(book.standardOutput)")
        #expect(bids.map { $0[0] } == bids.map { $0[0] }.sorted(by: >))
        let candles = try omega(
            ["exchange", "candles", "--symbol", "ETH/USDT", "--timeframe", "1m", "--limit", "4"],
            sim,
            keys: false
        )
        #expect(candles.status == 0)
        #expect(candles.standardOutput.split(separator: "\n").count == 5, "\(candles.standardOutput)")
    }

    @Test("account and orders: balance, place on the grid, list, cancel, positions, fills, cancel-all")
    func tradingRoundTrip() throws {
        let sim = try startSim()
        let balance = try omega(["account", "balance", "--json"], sim)
        let free =
            try JSONSerialization.jsonObject(with: Data(balance.standardOutput.utf8)) as? [String: [String: Double]]
        #expect(free?["USDT"]?["free"] == 10_000 && free?["BTC"]?["total"] == 1)
        // 0.0123456 BTC at 30000.004 goes on the grid: step 0.00001 (down), tick 0.01.
        let place = try omega(
            [
                "order", "place", "--symbol", "BTC/USDT", "--side", "buy", "--type", "limit", "--amount", "0.0123456",
                "--price",
                "30000.004", "--client-id", "e2e-limit-1",
            ],
            sim
        )
        #expect(place.status == 0, "\(place.standardError)")
        #expect(place.standardOutput.contains("sent: BTC/USDT buy 0.01234 limit @ 30000"))
        let orders = try omega(["account", "orders", "--symbol", "BTC/USDT", "--json"], sim)
        let open = try JSONSerialization.jsonObject(with: Data(orders.standardOutput.utf8)) as? [[String: Any]] ?? []
        #expect(open.map { $0["clientOrderId"] as? String } == ["e2e-limit-1"])
        let cancel = try omega(["order", "cancel", "--symbol", "BTC/USDT", "--client-id", "e2e-limit-1"], sim)
        #expect(cancel.status == 0 && cancel.standardOutput.contains("canceled"))
        let market = try omega(
            ["order", "place", "--symbol", "BTC/USDT:USDT", "--side", "buy", "--type", "market", "--amount", "0.01"],
            sim
        )
        #expect(market.status == 0, "\(market.standardError)")
        // A market order fills at the next trade the sim prints (a market second per wall second at --speed 60).
        var held: [[String: Any]] = []
        var shown = ""
        for _ in 0..<20 {
            let positions = try omega(["account", "positions", "--json"], sim)
            shown = positions.standardOutput
            held = try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [[String: Any]] ?? []
            if !held.isEmpty { break }
            Thread.sleep(forTimeInterval: 0.5)
        }
        let side = held.first?["side"] as? String
        let contracts = held.first?["contracts"] as? Double
        #expect(side == "long" && contracts == 0.01, "\(shown)")
        let trades = try omega(["account", "trades", "--symbol", "BTC/USDT:USDT", "--json"], sim)
        let fills = try JSONSerialization.jsonObject(with: Data(trades.standardOutput.utf8)) as? [[String: Any]] ?? []
        #expect(fills.count >= 1 && fills.first?["side"] as? String == "buy")
        let stop = try omega(
            [
                "order", "place", "--symbol", "BTC/USDT:USDT", "--side", "sell", "--type", "stop-market", "--amount",
                "0.01",
                "--stop-price", "1000", "--reduce-only",
            ],
            sim
        )
        #expect(stop.status == 0 && stop.standardOutput.contains("trigger 1000"), "\(stop.standardError)")
        let cancelAll = try omega(["order", "cancel-all", "--symbol", "BTC/USDT:USDT"], sim)
        #expect(cancelAll.standardOutput.contains("canceled 1 order on BTC/USDT:USDT"), "\(cancelAll.standardOutput)")
    }

    @Test("a 5xx after the venue accepted the order is settled by client ID, and the order is not sent twice")
    func unknownOutcomeFoundByClientID() throws {
        let sim = try startSim(["--faults", "http5xx_after_accept=100%"])
        let place = try omega(
            [
                "order", "place", "--symbol", "BTC/USDT", "--side", "buy", "--type", "limit", "--amount", "0.01",
                "--price", "25000",
                "--client-id", "e2e-5xx-1", "--json", "--verbose",
            ],
            sim
        )
        #expect(place.status == 0, "\(place.standardError)")
        let result = try JSONSerialization.jsonObject(with: Data(place.standardOutput.utf8)) as? [String: Any]
        #expect(result?["outcome"] as? String == "found after unknown outcome")
        // One POST, then a lookup by client order ID: never a second POST.
        #expect(
            place.standardError.components(separatedBy: "POST /api/v3/order").count - 1 == 1,
            "\(place.standardError)"
        )
        #expect(place.standardError.contains("origClientOrderId=e2e-5xx-1"))
        let orders = try omega(["account", "orders", "--symbol", "BTC/USDT", "--json"], sim)
        let open = try JSONSerialization.jsonObject(with: Data(orders.standardOutput.utf8)) as? [[String: Any]] ?? []
        #expect(open.compactMap { $0["clientOrderId"] as? String } == ["e2e-5xx-1"])
    }

    @Test("a 5xx before the venue took the order reports it as not placed, after looking it up")
    func unknownOutcomeNotPlaced() throws {
        let sim = try startSim(["--faults", "http5xx_before_accept=100%"])
        let place = try omega(
            [
                "order", "place", "--symbol", "BTC/USDT", "--side", "buy", "--type", "limit", "--amount", "0.01",
                "--price", "25000",
                "--client-id", "e2e-5xx-2", "--verbose",
            ],
            sim
        )
        #expect(place.status == 1)
        #expect(place.standardOutput.contains("not placed"), "\(place.standardOutput)")
        #expect(place.standardError.components(separatedBy: "POST /api/v3/order").count - 1 == 1)
    }

    @Test("secrets never appear in any output, at the most verbose level, on success or failure")
    func secretsStayHidden() throws {
        let sim = try startSim()
        let commands: [[String]] = [
            ["exchange", "markets"], ["exchange", "ticker", "--symbol", "BTC/USDT"],
            ["exchange", "book", "--symbol", "BTC/USDT"],
            ["exchange", "candles", "--symbol", "BTC/USDT"], ["account", "balance"],
            ["account", "balance", "--futures"],
            ["account", "positions"], ["account", "orders", "--symbol", "BTC/USDT"],
            ["account", "trades", "--symbol", "BTC/USDT"],
            [
                "order", "place", "--symbol", "BTC/USDT", "--side", "buy", "--type", "limit", "--amount", "0.01",
                "--price", "20000",
            ],
            [
                "order", "place", "--symbol", "BTC/USDT", "--side", "buy", "--type", "limit", "--amount", "500",
                "--price", "20000",
            ],
            ["order", "cancel", "--symbol", "BTC/USDT", "--id", "424242"],
            ["order", "cancel-all", "--symbol", "BTC/USDT"],
            ["account", "orders", "--symbol", "NOPE/USDT"],
        ]
        for command in commands {
            for extra in [["--verbose"], ["--verbose", "--json"]] {
                let result = try omega(command + extra, sim)
                let output = result.standardOutput + result.standardError
                #expect(!output.contains(Self.secret), "\(command): the secret was printed")
                #expect(!output.contains("trader-key"), "\(command): the API key was printed")
            }
        }
    }

    @Test("a secrets file must be private; keys load from it")
    func secretsFile() throws {
        let sim = try startSim()
        let directory = try PackagePaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("secrets.env")
        try "# omega keys\nOMEGA_BINANCE_API_KEY=trader-key\nOMEGA_BINANCE_API_SECRET=\"\(Self.secret)\"\n".write(
            to: file,
            atomically: true,
            encoding: .utf8
        )
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        let open = try omega(["account", "balance", "--secrets", file.path], sim, keys: false)
        #expect(open.status == 1 && open.standardError.contains("chmod 600"), "\(open.standardError)")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        let loaded = try omega(["account", "balance", "--secrets", file.path], sim, keys: false)
        #expect(loaded.status == 0 && loaded.standardOutput.contains("USDT"), "\(loaded.standardError)")
        let missing = try omega(["account", "balance"], sim, keys: false)
        #expect(missing.status == 1 && missing.standardError.contains("OMEGA_BINANCE_API_KEY"))
    }

    @Test(
        "bad flags are usage errors naming the flag",
        arguments: [
            (["exchange", "ticker", "--exchange", "kraken", "--symbol", "X"], "--exchange"),
            (["exchange", "ticker", "--exchange", "binance", "--symbol", "X", "--base-url", "ftp://x"], "--base-url"),
            (
                [
                    "order", "place", "--exchange", "binance", "--symbol", "BTC/USDT", "--side", "up", "--type",
                    "market", "--amount", "1",
                ], "--side"
            ),
            (
                [
                    "order", "place", "--exchange", "binance", "--symbol", "BTC/USDT", "--side", "buy", "--type",
                    "limit", "--amount", "1",
                ], "--price"
            ),
            (
                [
                    "order", "place", "--exchange", "binance", "--symbol", "BTC/USDT", "--side", "buy", "--type",
                    "market", "--amount", "-1",
                ], "--amount"
            ),
            (["order", "cancel", "--exchange", "binance", "--symbol", "BTC/USDT"], "--client-id"),
            (
                ["exchange", "candles", "--exchange", "binance", "--symbol", "BTC/USDT", "--timeframe", "7m"],
                "--timeframe"
            ),
        ]
    )
    func usageErrors(_ arguments: [String], _ flag: String) throws {
        let result = try CommandRunner.omega(arguments)
        #expect(result.status == 64, "\(arguments): \(result.standardError)")
        #expect(result.standardError.contains(flag), "\(arguments): \(result.standardError)")
    }
}

/// `omega stream` against `omega sim`: trades, candles and a local book, and a book that survives a drop.
@Suite("omega stream against omega sim", .serialized)
struct StreamCommandTests {
    func stream(_ arguments: [String], _ sim: RunningSim) throws -> CommandResult {
        try CommandRunner.omega(["stream"] + arguments + ["--exchange", "binance", "--base-url", sim.base])
    }

    @Test("trades, quotes, candles and the book print one event per line and stop after --count")
    func events() throws {
        let sim = try RunningSim(["--speed", "60", "--bars", "3000"])
        let trades = try stream(["trades", "--symbol", "BTC/USDT", "--count", "3"], sim)
        #expect(trades.status == 0, "\(trades.standardError)")
        #expect(
            trades.standardOutput.split(separator: "\n").filter { $0.contains(" @ ") }.count == 3,
            "\(trades.standardOutput)"
        )
        let quotes = try stream(["quotes", "--symbol", "BTC/USDT:USDT", "--count", "3", "--json"], sim)
        let tops = quotes.standardOutput.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }.filter { $0["event"] as? String == "quote" }
        #expect(tops.count == 3, "\(quotes.standardOutput)")
        for top in tops {
            #expect((top["bid"] as? Double ?? 0) < (top["ask"] as? Double ?? 0), "crossed: \(top)")
        }
        let candles = try stream(["candles", "--symbol", "ETH/USDT:USDT", "--count", "2", "--json"], sim)
        let events = candles.standardOutput.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(events.filter { $0["event"] as? String == "candle" }.count == 2, "\(candles.standardOutput)")
        let book = try stream(["book", "--symbol", "BTC/USDT:USDT", "--count", "5", "--depth", "5", "--json"], sim)
        let books = book.standardOutput.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }.filter { $0["event"] as? String == "book" }
        #expect(books.count == 5, "\(book.standardOutput)")
        for snapshot in books {
            let bids = snapshot["bids"] as? [[Double]] ?? []
            let asks = snapshot["asks"] as? [[Double]] ?? []
            #expect(bids.count == 5 && asks.count == 5)
            #expect((bids.first?[0] ?? 0) < (asks.first?[0] ?? 0), "crossed: \(snapshot)")
        }
    }

    @Test("a dropped stream reconnects and rebuilds the book from a new snapshot")
    func dropResyncs() throws {
        let sim = try RunningSim(["--speed", "60", "--bars", "3000", "--faults", "ws_drop=every:2s"])
        let book = try stream(["book", "--symbol", "BTC/USDT:USDT", "--count", "60", "--depth", "3"], sim)
        #expect(book.status == 0, "\(book.standardError)")
        let output = book.standardOutput
        #expect(output.contains("# disconnected"), "\(output)")
        #expect(output.components(separatedBy: "# resynced").count - 1 >= 2, "\(output)")
        #expect(output.components(separatedBy: "# connected").count - 1 >= 2, "\(output)")
    }
}

/// `omega stream orders`: the user data stream, resynced from REST after every drop.
@Suite("omega stream orders against omega sim")
struct StreamOrdersCommandTests {
    @Test("orders and fills arrive on the stream, and every reconnection resyncs the open orders")
    func ordersAndResync() throws {
        let sim = try RunningSim(["--speed", "60", "--bars", "3000", "--faults", "ws_drop=every:2s"])
        let keys = ["OMEGA_BINANCE_API_KEY": "omega-sim-demo-key", "OMEGA_BINANCE_API_SECRET": "omega-sim-demo-secret"]
        func omega(_ arguments: [String]) throws -> CommandResult {
            try CommandRunner.omega(arguments + ["--exchange", "binance", "--base-url", sim.base], environment: keys)
        }
        let resting = try omega([
            "order", "place", "--symbol", "BTC/USDT:USDT", "--side", "buy", "--type", "limit", "--amount", "0.01",
            "--price",
            "20000", "--client-id", "resting-1",
        ])
        #expect(resting.status == 0, "\(resting.standardError)")
        let directory = try PackagePaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outputURL = directory.appendingPathComponent("stream.out")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandRunner.omegaPath)
        process.arguments = [
            "stream", "orders", "--symbol", "BTC/USDT:USDT", "--exchange", "binance", "--base-url", sim.base, "--count",
            "3",
        ]
        process.environment = ProcessInfo.processInfo.environment.merging(keys) { _, added in added }
        process.standardOutput = output
        process.standardError = output
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        func text() -> String { (try? String(contentsOf: outputURL, encoding: .utf8)) ?? "" }
        // Wait out a drop (every 2 s): the stream reconnects and resyncs the open orders again.
        for _ in 0..<100 where text().components(separatedBy: "# resynced").count < 3 {
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(text().contains("# disconnected"), "\(text())")
        let market = try omega([
            "order", "place", "--symbol", "BTC/USDT:USDT", "--side", "buy", "--type", "market", "--amount", "0.01",
        ])
        #expect(market.status == 0)
        for _ in 0..<200 where process.isRunning { Thread.sleep(forTimeInterval: 0.1) }
        let shown = text()
        #expect(!process.isRunning, "the stream did not stop after --count 3: \(shown)")
        #expect(shown.contains("resting-1"), "\(shown)")
        #expect(shown.contains("fill   BTC/USDT:USDT buy 0.01"), "\(shown)")
        #expect(shown.components(separatedBy: "# resynced: 1 open order").count - 1 >= 2, "\(shown)")
        try output.close()
    }
}
