import Foundation
import Testing
import TradingTestSupport

@Suite("omega farm, end to end")
struct FarmCommandTests {
    @Test("the default farm prints a leaderboard and writes the report, trade lists and psychology timeline")
    func defaultFarm() throws {
        let directory = try PackagePaths.temporaryDirectory()
        let run = try CommandRunner.omega(
            [
                "farm", "--bars", "4000", "--report", "farm.html", "--trades-dir", "trades", "--timeline",
                "psychology.csv", "--quiet",
            ],
            in: directory
        )
        #expect(run.status == 0, "\(run.standardError)")
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("Omega farm 'default': 6 bots") == true)
        #expect(lines.contains { $0.hasPrefix("rank") && $0.contains("persona") && $0.contains("emotion") })
        // Buy-and-hold and fees beside every bot, and each bot's PnL broken out.
        #expect(lines.contains { $0.hasPrefix("rank") && $0.contains(" hold ") && $0.contains(" fees ") })
        #expect(lines.contains { $0.hasPrefix("PnL (USDT)") && $0.contains("gross") && $0.contains("funding") })
        #expect(lines.contains { $0.hasPrefix("Trading state: ") })
        for persona in ["strategic", "aggressive", "scalper", "newbie", "cosmic", "fibonacci"] {
            #expect(lines.contains { $0.contains("\(persona)_bot") }, "\(persona)")
            let trades = try String(
                contentsOf: directory.appendingPathComponent("trades/\(persona)_bot.csv"),
                encoding: .utf8
            )
            // The backtest's trade list, then the farm's own columns.
            #expect(
                trades.hasPrefix("entry_ts,entry_px,exit_ts,exit_px,qty,pnl,entry_time,exit_time,instrument,side,"),
                "\(persona): \(trades.prefix(80))"
            )
            #expect(
                trades.split(separator: "\n").first?.hasSuffix(
                    ",bot,leverage,equity_return,emotion_at_entry,emotion_at_exit"
                ) == true
            )
        }
        #expect(lines.contains { $0.contains("FARM") })
        let html = try String(contentsOf: directory.appendingPathComponent("farm.html"), encoding: .utf8)
        #expect(html.contains("<svg") && html.contains("strategic_bot"))
        #expect(html.contains("buy and hold") && html.contains("PnL by bot"))
        // Self-contained: the only URL is the SVG namespace, nothing is loaded from the network.
        let external = html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "")
        #expect(!external.contains("http://") && !external.contains("https://"))
        let timeline = try String(contentsOf: directory.appendingPathComponent("psychology.csv"), encoding: .utf8)
        #expect(timeline.split(separator: "\n").count > 6)

        let inspect = try CommandRunner.omega(["farm", "inspect", "newbie_bot", "--bars", "4000"], in: directory)
        #expect(inspect.status == 0, "\(inspect.standardError)")
        #expect(
            inspect.standardOutput.contains("newbie_bot (newbie)") && inspect.standardOutput.contains("psychology:")
        )
        #expect(inspect.standardOutput.contains("recent decisions:"))
    }

    @Test("every --data file is used: bots are spread over the instruments; a shorter file is a warning")
    func severalDataFiles() throws {
        let files = try TestFiles()
        func candles(hours: Int, from start: Int, base: Double) -> String {
            var text = "timestamp,open,high,low,close,volume\n"
            for hour in 0..<hours {
                let time = (1_704_067_200 + (start + hour) * 3_600) * 1_000
                let price = base * (1 + 0.02 * sin(Double(hour) / 9))
                text += "\(time),\(price),\(price * 1.004),\(price * 0.996),\(price * 1.001),10\n"
            }
            return text
        }
        _ = try files.write("binance_AAAUSDT_1h.csv", candles(hours: 24 * 30, from: 0, base: 100))
        _ = try files.write("binance_BBBUSDT_1h.csv", candles(hours: 24 * 30, from: 0, base: 20))
        _ = try files.write("binance_CCCUSDT_1h.csv", candles(hours: 24 * 5, from: 24 * 20, base: 5))
        let run = try CommandRunner.omega(
            [
                "farm", "--data", "binance_AAAUSDT_1h.csv", "--data", "binance_BBBUSDT_1h.csv", "--data",
                "binance_CCCUSDT_1h.csv", "--no-report", "--quiet",
            ],
            in: files.directory
        )
        #expect(run.status == 0, "\(run.standardError)")
        let rows = run.standardOutput.split(separator: "\n").filter { $0.contains("_bot") }
        for symbol in ["AAAUSDT", "BBBUSDT", "CCCUSDT"] {
            #expect(rows.filter { $0.contains(symbol) }.count == 2, "\(symbol): \(run.standardOutput)")
        }
        #expect(
            run.standardError.contains("warning: data: binance_CCCUSDT_1h.csv covers 2024-01-21T00:00:00Z"),
            "\(run.standardError)"
        )
        #expect(!run.standardError.contains("AAAUSDT_1h.csv covers"))
    }

    @Test(
        "the farm on a perpetual trades long and short: both in the trade lists and in the report",
        .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason))
    )
    func perpetualFarm() throws {
        let directory = try PackagePaths.temporaryDirectory()
        let run = try CommandRunner.omega(
            [
                "farm", "--data", SharedData.data("binanceusdm_BTCUSDT_1h.csv"), "--trades-dir", "trades", "--report",
                "farm.html", "--quiet",
            ],
            in: directory
        )
        #expect(run.status == 0, "\(run.standardError)")
        var sides: [String: Int] = [:]
        for persona in ["strategic", "aggressive", "scalper", "newbie", "cosmic", "fibonacci"] {
            let trades = try String(
                contentsOf: directory.appendingPathComponent("trades/\(persona)_bot.csv"),
                encoding: .utf8
            )
            let rows = trades.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            let header = try #require(rows.first).map(String.init)
            let side = try #require(header.firstIndex(of: "side"))
            let leverage = try #require(header.firstIndex(of: "leverage"))
            for fields in rows.dropFirst() {
                sides[String(fields[side]), default: 0] += 1
                // Leverage within the farm's default maximum of 3.
                let value = Double(fields[leverage]) ?? 99
                #expect(value >= 1 && value <= 3, "\(fields)")
            }
        }
        #expect((sides["long"] ?? 0) > 0 && (sides["short"] ?? 0) > 0, "\(sides)")
        let html = try String(contentsOf: directory.appendingPathComponent("farm.html"), encoding: .utf8)
        #expect(html.contains("<h2>Trades by side</h2>") && html.contains("<td>short</td>"))
    }

    @Test("a plain `omega farm` writes its report to farm-report.html and says so; --no-report writes none")
    func defaultReport() throws {
        let directory = try PackagePaths.temporaryDirectory()
        let run = try CommandRunner.omega(["farm", "--bars", "2000"], in: directory)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("Report: farm-report.html"))
        // The built-in market: BTC, ETH and SOL perpetuals through named regimes, and the trades broken down.
        for symbol in ["BTCUSDT", "ETHUSDT", "SOLUSDT"] { #expect(run.standardOutput.contains(symbol), "\(symbol)") }
        #expect(run.standardOutput.contains("Market regimes (the built-in market):"))
        for regime in ["up", "down", "sideways", "crash", "squeeze"] {
            #expect(run.standardOutput.contains("\n\(regime) "), "\(regime)")
        }
        #expect(run.standardOutput.contains("By instrument") && run.standardOutput.contains("By exit reason"))
        let report = directory.appendingPathComponent("farm-report.html")
        let html = try String(contentsOf: report, encoding: .utf8)
        #expect(html.contains("<svg") && html.contains("fibonacci_bot"))
        // The equity chart shades the regimes; the farm's drawdown is beneath it; the breakdowns follow.
        #expect(html.contains("<h2>Market regimes</h2>") && html.contains("<title>crash</title>"))
        #expect(html.contains("<h3>Farm drawdown</h3>") && html.contains("<h2>Trades by exit reason</h2>"))

        try FileManager.default.removeItem(at: report)
        let bare = try CommandRunner.omega(["farm", "--bars", "2000", "--no-report"], in: directory)
        #expect(bare.status == 0, "\(bare.standardError)")
        #expect(!bare.standardOutput.contains("Report:"))
        #expect(!FileManager.default.fileExists(atPath: report.path))
    }

    @Test("a bad farm.yaml fails with the file and the field, and no usage text")
    func badConfig() throws {
        let directory = try PackagePaths.temporaryDirectory()
        try "bots:\n  - name: a\n    persona: wizard\n    capital: 0.5\n".write(
            to: directory.appendingPathComponent("farm.yaml"),
            atomically: true,
            encoding: .utf8
        )
        let run = try CommandRunner.omega(["farm", "backtest", "--config", "farm.yaml"], in: directory)
        #expect(run.status == 1)
        #expect(run.standardError.contains("error: farm.yaml: bots[0].persona: unknown persona 'wizard'"))
        #expect(!run.standardError.contains("Usage:"))
    }
}
