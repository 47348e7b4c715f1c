import Foundation
import Testing
import TradingTestSupport

@Suite("omega backtest, end to end")
struct BacktestCommandTests {
    @Test("with no data it runs the built-in synthetic market and prints a summary table")
    func synthetic() throws {
        let directory = try PackagePaths.temporaryDirectory()
        let result = try CommandRunner.omega(
            [
                "backtest", "--bars", "5000", "--json", "r.json", "--trades", "t.csv", "--equity", "e.csv", "--report",
                "r.html",
            ],
            in: directory
        )
        #expect(result.status == 0, "\(result.standardError)")
        for line in ["Strategy", "Final equity", "Max drawdown", "Sharpe / Sortino / Calmar", "Trades", "Audit digest"]
        {
            #expect(result.standardOutput.contains(line), "missing \(line)")
        }
        #expect(result.standardOutput.contains("synthetic(seed=42, bars=5000)"))
        for file in ["r.json", "t.csv", "e.csv", "r.html"] {
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(file).path), "\(file)")
        }
        let equity = try String(contentsOf: directory.appendingPathComponent("e.csv"), encoding: .utf8)
        #expect(equity.split(separator: "\n").count == 5_001)
    }

    @Test("exits and risk limits from the command line: stops, scale-outs and trailing show in the trade list")
    func exitsFromFlags() throws {
        let directory = try PackagePaths.temporaryDirectory()
        let result = try CommandRunner.omega(
            [
                "backtest", "--bars", "20000", "--stop", "1%", "--take-profit", "1R:50%", "--trailing", "1%",
                "--trail-after", "1R",
                "--daily-loss", "5%", "--trades", "t.csv", "--json", "r.json", "--audit", "audit.jsonl",
            ],
            in: directory
        )
        #expect(result.status == 0, "\(result.standardError)")
        let summary = try String(contentsOf: directory.appendingPathComponent("r.json"), encoding: .utf8)
        #expect(summary.contains("stop percent:0.01; trailing percent:0.01 after 1R; take-profits 1R:0.5"))
        #expect(summary.contains("daily loss limit"))
        let trades = try String(contentsOf: directory.appendingPathComponent("t.csv"), encoding: .utf8)
        for tag in ["stop_loss", "trailing_stop", "signal_exit"] { #expect(trades.contains(tag), "no \(tag) exit") }
        let audit = try String(contentsOf: directory.appendingPathComponent("audit.jsonl"), encoding: .utf8).split(
            separator: "\n"
        )
        #expect(audit.count > 100)
        #expect(
            audit.allSatisfy {
                $0.contains("\"equity\":") && $0.contains("\"approved\":") && $0.contains("\"last_price\":")
            }
        )
        let bad = try CommandRunner.omega(["backtest", "--bars", "100", "--take-profit", "1R:50%"], in: directory)
        #expect(
            bad.status != 0
                && bad.standardError.contains("--stop: break-even, trailing-after and take-profits are measured in R")
        )
    }

    @Test("two runs write byte-identical files")
    func deterministicFiles() throws {
        let directory = try PackagePaths.temporaryDirectory()
        let arguments = [
            "backtest", "--bars", "4000", "--strategy", "donchian_breakout", "--param", "mode=long_short", "--quiet",
        ]
        for run in ["a", "b"] {
            let result = try CommandRunner.omega(
                arguments + [
                    "--json", "\(run).json", "--trades", "\(run).csv", "--equity", "\(run)-equity.csv", "--report",
                    "\(run).html",
                ],
                in: directory
            )
            #expect(result.status == 0, "\(result.standardError)")
        }
        for (first, second) in [
            ("a.json", "b.json"), ("a.csv", "b.csv"), ("a-equity.csv", "b-equity.csv"), ("a.html", "b.html"),
        ] {
            let one = try Data(contentsOf: directory.appendingPathComponent(first))
            let two = try Data(contentsOf: directory.appendingPathComponent(second))
            #expect(one == two, "\(first) differs from \(second)")
            #expect(one.count > 100)
        }
    }

    @Test(
        "the canonical invocation reproduces the reference",
        .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason))
    )
    func canonical() throws {
        let directory = try PackagePaths.temporaryDirectory()
        let result = try CommandRunner.omega(
            [
                "backtest", "--data", SharedData.data("binance_BTCUSDT_1m.csv"), "--strategy", "ema_cross", "--param",
                "fast=12",
                "--param", "slow=26", "--fill", "next_open", "--sizing", "all_in", "--fee-bps", "10", "--cash", "10000",
                "--trades", "trades.csv", "--json", "result.json",
            ],
            in: directory
        )
        #expect(result.status == 0, "\(result.standardError)")
        let ours = try String(contentsOf: directory.appendingPathComponent("trades.csv"), encoding: .utf8).split(
            separator: "\n"
        )
        let reference = try String(
            contentsOfFile: SharedData.reference("ema_12_26__binance_BTCUSDT_1m_trades.csv"),
            encoding: .utf8
        )
        .split(separator: "\n")
        #expect(ours.count == reference.count)
        for (mine, theirs) in zip(ours.dropFirst(), reference.dropFirst()) {
            let a = mine.split(separator: ",").map(String.init)
            let b = theirs.split(separator: ",").map(String.init)
            #expect(a[0] == b[0] && a[2] == b[2])
            #expect(Double(a[1]) == Double(b[1]) && Double(a[3]) == Double(b[3]))
            for column in [4, 5] {
                let x = Double(a[column])!
                let y = Double(b[column])!
                #expect(abs(x - y) <= 1e-9 * abs(y), "\(mine)")
            }
        }
        let summary =
            try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("result.json")))
            as? [String: Any]
        #expect(summary?["trades"] as? Int == 734)
        #expect(summary?["bars"] as? Int == 43_211)
        #expect(abs((summary?["final_equity"] as? Double ?? 0) - 2_316.900747625145) < 1e-9 * 2_316.9)
    }
}

@Suite("omega backtest, bad input")
struct BadInputTests {
    func run(_ arguments: [String], files: [String: String] = [:]) throws -> (CommandResult, URL) {
        let directory = try PackagePaths.temporaryDirectory()
        for (name, text) in files {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return (try CommandRunner.omega(["backtest", "--quiet"] + arguments, in: directory), directory)
    }

    static let header = "timestamp,open,high,low,close,volume\n"
    static let good = "1748798400000,105,110,100,101,1\n1748798460000,101,102,100,101,1\n"

    @Test(
        "malformed data files fail with the file, the line and the field",
        arguments: [
            (
                "1748798520000,101,10x,100,101,1",
                "x_BTCUSDT_1m.csv:4: field 'high': expected a decimal number, got '10x'"
            ),
            (
                "1748798400000,101,102,100,101,1",
                "x_BTCUSDT_1m.csv:4: field 'timestamp': time 2025-06-01T17:20:00Z is not after the previous row's 2025-06-01T17:21:00Z"
            ),
            ("1748798520000,101,99,100,100,1", "x_BTCUSDT_1m.csv:4: field 'high': high 99 is below low 100"),
        ]
    )
    func malformedRows(row: String, message: String) throws {
        let (result, directory) = try run(
            ["--data", "x_BTCUSDT_1m.csv", "--json", "out.json"],
            files: ["x_BTCUSDT_1m.csv": Self.header + Self.good + row + "\n"]
        )
        #expect(result.status != 0)
        #expect(result.standardError.contains(message), "\(result.standardError)")
        #expect(!result.standardError.contains("Fatal error"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.json").path))
    }

    @Test(
        "bad options fail before running, naming the option",
        arguments: [
            (
                ["--strategy", "moon_phase"],
                "unknown strategy 'moon_phase'; available: bollinger_reversion, dca, donchian_breakout, ema_cross, ensemble"
            ),
            (["--param", "fast=abc"], "parameter 'fast': expected integer in 1...1000, got 'abc'"),
            (["--param", "fast=40"], "fast (40) must be below slow (26)"),
            (["--param", "fast"], "The value 'fast' is invalid for '--param <param>': expected name=value"),
            (["--fee-bps", "2000"], "--fee-bps 2000: must be within 0...1000 bps (0 % to 10 %)"),
            (["--fee-bps=-1"], "--fee-bps -1: must be within 0...1000 bps"),
            (
                ["--slippage-bps", "x"],
                "The value 'x' is invalid for '--slippage-bps <slippage-bps>': expected a decimal number"
            ),
            (
                ["--from", "2025-13-01"],
                "The value '2025-13-01' is invalid for '--from <from>': invalid time '2025-13-01'"
            ),
            (["--sizing", "everything"], "The value 'everything' is invalid for '--sizing <sizing>': expected all_in"),
            (["--param", "fast=10", "--param", "fast=12"], "--param fast=12: fast is given twice"),
            (["--stop", "3 percent"], "The value '3 percent' is invalid for '--stop <stop>': expected 2%, percent:F"),
            (
                ["--time-stop", "soon"],
                "The value 'soon' is invalid for '--time-stop <time-stop>': expected a positive whole number"
            ),
            (["--daily-loss=-5%"], "--daily-loss -5%: must be positive"),
            (["--exit-placement", "moon"], "expected native, emulated or automatic"),
            (["--cash", "0"], "--cash 0: must be positive"),
        ]
    )
    func badOptions(arguments: [String], message: String) throws {
        let (result, _) = try run(arguments)
        // A usage error, as ArgumentParser reports one.
        #expect(result.status == 64)
        #expect(result.standardError.contains(message), "\(result.standardError)")
    }

    @Test("a time range with no data says what the files span")
    func emptyRange() throws {
        let (result, _) = try run(
            ["--data", "x_BTCUSDT_1m.csv", "--from", "2030-01-01", "--to", "2030-02-01"],
            files: ["x_BTCUSDT_1m.csv": Self.header + Self.good]
        )
        #expect(result.status != 0)
        #expect(
            result.standardError.contains(
                "no market data in the requested time range; x_BTCUSDT_1m.csv spans 2025-06-01T17:20:00Z to 2025-06-01T17:21:00Z"
            ),
            "\(result.standardError)"
        )
    }

    @Test("a missing file or an unknown format is named")
    func missingFile() throws {
        let (missing, _) = try run(["--data", "nope.csv"])
        #expect(missing.status != 0)
        #expect(missing.standardError.contains("nope.csv: cannot open"), "\(missing.standardError)")
        let (unknown, _) = try run(["--data", "weird.csv"], files: ["weird.csv": "a,b\n1,2\n"])
        #expect(unknown.standardError.contains("weird.csv:1: unknown header 'a,b'"), "\(unknown.standardError)")
    }
}

@Suite("omega strategies")
struct StrategiesCommandTests {
    @Test("lists every strategy and shows one in detail")
    func listing() throws {
        let list = try CommandRunner.omega(["strategies"])
        #expect(list.status == 0)
        for name in ["ema_cross", "rsi_reversion", "donchian_breakout"] { #expect(list.standardOutput.contains(name)) }
        let detail = try CommandRunner.omega(["strategies", "ema_cross"])
        #expect(detail.standardOutput.contains("fast"))
        #expect(detail.standardOutput.contains("integer in 1...1000"))
        let unknown = try CommandRunner.omega(["strategies", "nope"])
        #expect(unknown.status != 0)
    }
}
