import Foundation
import Testing
import TradingTestSupport

/// One bad input per class the issue found: each must end with exit 1 (a data or runtime error) or 64 (a
/// usage error) and a message naming the file, line or field; never a trap (132) and never exit 0.
@Suite("omega on a catalogue of bad input, end to end")
struct BadInputCatalogueTests {
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        /// File name and contents written to the test's directory first.
        let files: [(String, String)]
        let arguments: [String]
        let status: Int32
        /// Text the error must contain (the file, line, field or flag).
        let names: [String]
        var description: String { name }
    }

    static let header = "timestamp,open,high,low,close,volume\n"
    static func candles(_ times: [String]) -> String {
        header + times.map { "\($0),100,101,99,100,1\n" }.joined()
    }

    static let catalogue: [Case] = [
        Case(
            name: "microsecond times beyond 2100",
            files: [("x_BTCUSDT_1m.csv", candles(["1700000000000000", "99999999999999999"]))],
            arguments: ["backtest", "--data", "x_BTCUSDT_1m.csv"],
            status: 1,
            names: ["x_BTCUSDT_1m.csv:3: field 'timestamp'", "outside the accepted range"]
        ),
        Case(
            name: "times before 2009 (seconds read as 1970)",
            files: [("x_BTCUSDT_1m.csv", candles(["1000", "1060"]))],
            arguments: ["backtest", "--data", "x_BTCUSDT_1m.csv"],
            status: 1,
            names: ["x_BTCUSDT_1m.csv:2: field 'timestamp'"]
        ),
        Case(
            name: "a bar before 1970 in the farm",
            files: [("x_BTCUSDT_1m.csv", candles(["-60000", "0"]))],
            arguments: ["farm", "--data", "x_BTCUSDT_1m.csv", "--no-report"],
            status: 1,
            names: ["x_BTCUSDT_1m.csv:2: field 'timestamp'"]
        ),
        Case(
            name: "a bar before 1970 in optimize",
            files: [("x_BTCUSDT_1m.csv", candles(["-60000", "0"]))],
            arguments: ["optimize", "--data", "x_BTCUSDT_1m.csv", "--grid", "fast=2..3"],
            status: 1,
            names: ["x_BTCUSDT_1m.csv:2: field 'timestamp'"]
        ),
        Case(
            name: "a bar before 1970 in risk stress",
            files: [("x_BTCUSDT_1m.csv", candles(["-60000", "0"]))],
            arguments: ["risk", "stress", "--data", "x_BTCUSDT_1m.csv"],
            status: 1,
            names: ["x_BTCUSDT_1m.csv:2: field 'timestamp'"]
        ),
        Case(
            name: "prices 10^24 apart, which would overflow the ledger",
            files: [
                (
                    "x_BTCUSDT_1m.csv",
                    header + "1700000000000,1,1,0.000000000001,1,1\n1700000060000,1,1000000000000,1,1,1\n"
                )
            ],
            arguments: ["backtest", "--data", "x_BTCUSDT_1m.csv"],
            status: 1,
            names: ["x_BTCUSDT_1m.csv:2: field 'low'", "wrong units or a corrupt row?"]
        ),
        Case(
            name: "cash beyond any account",
            files: [],
            arguments: ["backtest", "--cash", "1e13"],
            status: 64,
            names: ["--cash"]
        ),
        Case(
            name: "a date before 1970 on the command line",
            files: [],
            arguments: ["cosmic", "--at", "1500-01-01"],
            status: 64,
            names: ["--at", "outside the accepted range"]
        ),
        Case(
            name: "a date past 2100 on the command line",
            files: [],
            arguments: ["cosmic", "--from", "9999-01-01"],
            status: 64,
            names: ["--from", "outside the accepted range"]
        ),
        Case(
            name: "an integer time that would wrap",
            files: [],
            arguments: ["cosmic", "--at", "99999999999999"],
            status: 64,
            names: ["--at", "'99999999999999'"]
        ),
        Case(
            name: "an import where every line is bad",
            files: [("binance_BTCUSDT_1m.csv", header + "x,1,2,0.5,1,1\ny,1,2,0.5,1,1\n")],
            arguments: ["data", "import", "binance_BTCUSDT_1m.csv", "--data-dir", "store"],
            status: 1,
            names: ["binance_BTCUSDT_1m.csv:2: timestamp"]
        ),
        Case(
            name: "an import where every line is bad, skipped",
            files: [("binance_BTCUSDT_1m.csv", header + "x,1,2,0.5,1,1\ny,1,2,0.5,1,1\n")],
            arguments: ["data", "import", "binance_BTCUSDT_1m.csv", "--data-dir", "store", "--skip-bad-lines"],
            status: 1,
            names: ["binance_BTCUSDT_1m.csv: no row could be imported (2 bad lines skipped)"]
        ),
        Case(
            name: "resampling to a timeframe the source does not tile",
            files: [],
            arguments: [
                "data", "resample", "--exchange", "binance", "--symbol", "BTCUSDT", "--from-timeframe", "1h",
                "--timeframe", "90m", "--data-dir", "store",
            ],
            status: 64,
            names: ["--timeframe 90m: 1h bars do not tile 90m bars"]
        ),
        Case(
            name: "a billion laughs",
            files: [
                (
                    "farm.yaml",
                    "a: &a [x, x, x, x, x, x, x, x, x]\n"
                        + (1..<9).map { index in
                            let name = "abcdefghij".map(String.init)
                            return "\(name[index]): &\(name[index]) ["
                                + Array(repeating: "*\(name[index - 1])", count: 9).joined(separator: ",") + "]\n"
                        }.joined() + "bots:\n  - {name: a, persona: newbie, capital: 0.5}\n"
                )
            ],
            arguments: ["farm", "backtest", "--config", "farm.yaml", "--no-report"],
            status: 1,
            names: ["farm.yaml: the document expands to more than 100000 nodes"]
        ),
        Case(
            name: "bots' capital over the cash",
            files: [
                (
                    "farm.yaml",
                    "synthetic_bars: 100\nbots:\n  - {name: a, persona: newbie, capital: 0.9}\n"
                        + "  - {name: b, persona: scalper, capital: 0.9}\n  - {name: c, persona: strategic, capital: 0.9}\n"
                )
            ],
            arguments: ["farm", "backtest", "--config", "farm.yaml", "--no-report"],
            status: 1,
            names: [
                "bots: the enabled bots' capital totals 162000 USDT, more than the farm's cash of 60000 USDT (270 %)"
            ]
        ),
        Case(
            name: "a negative limit",
            files: [
                (
                    "farm.yaml",
                    "limits: {max_position_notional: -5}\nbots:\n  - {name: a, persona: newbie, capital: 0.5}\n"
                )
            ],
            arguments: ["farm", "backtest", "--config", "farm.yaml", "--no-report"],
            status: 1,
            names: ["farm.yaml: limits.max_position_notional: must be within"]
        ),
        Case(
            name: "an environment variable's value in a bad field",
            files: [("farm.yaml", "cash: ${HOME}\nbots:\n  - {name: a, persona: newbie, capital: 0.5}\n")],
            arguments: ["farm", "backtest", "--config", "farm.yaml", "--no-report"],
            status: 1,
            names: ["farm.yaml: cash: expected a positive decimal amount", "'***'"]
        ),
        Case(
            name: "unbounded farm bars",
            files: [],
            arguments: ["farm", "--bars", "100000000000000"],
            status: 64,
            names: ["--bars 100000000000000: must be within 1...10000000"]
        ),
        Case(
            name: "descending equity times for risk report",
            files: [("equity.csv", "timestamp,equity\n1700000120000,100\n1700000060000,101\n1700000000000,102\n")],
            arguments: ["risk", "report", "--equity", "equity.csv"],
            status: 1,
            names: ["equity.csv:3: field 'timestamp'"]
        ),
        Case(
            name: "negative equity for risk report",
            files: [("equity.csv", "timestamp,equity\n1700000000000,100\n1700000060000,-101\n1700000120000,102\n")],
            arguments: ["risk", "report", "--equity", "equity.csv"],
            status: 1,
            names: ["equity.csv:3: field 'equity': must be positive"]
        ),
    ]

    @Test("each class ends in exit 1 or 64 with a message naming the file, line or field", arguments: catalogue)
    func badInput(_ item: Case) throws {
        let directory = try PackagePaths.temporaryDirectory()
        for (name, text) in item.files {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let result = try CommandRunner.omega(item.arguments, in: directory)
        #expect(result.status == item.status, "\(item.name): exit \(result.status): \(result.standardError)")
        for text in item.names {
            #expect(result.standardError.contains(text), "\(item.name): '\(text)' not in: \(result.standardError)")
        }
        #expect(!result.standardError.contains("/Users/") && result.standardError.count < 4_000)
    }

    @Test("times in seconds are read as seconds, and the backtest says so")
    func seconds() throws {
        let files = try TestFiles()
        _ = try files.write("s_BTCUSDT_1m.csv", Self.candles((0..<100).map { String(1_700_000_000 + $0 * 60) }))
        let result = try CommandRunner.omega(["backtest", "--data", "s_BTCUSDT_1m.csv"], in: files.directory)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("note: s_BTCUSDT_1m.csv: timestamps read as seconds"))
        #expect(
            result.standardOutput.contains("2023-11-14T22:13:20Z → 2023-11-14T23:53:20Z"),
            "\(result.standardOutput)"
        )
    }

    @Test("a truncated gzip file is an error naming the file, not half the bars")
    func truncatedGzip() throws {
        let files = try TestFiles()
        let text = Self.candles((0..<3_000).map { String(1_700_000_000_000 + $0 * 60_000) })
        let whole = try Data(contentsOf: URL(fileURLWithPath: files.writeGzip("x_BTCUSDT_1m.csv.gz", text)))
        try whole.prefix(whole.count - 8).write(to: files.directory.appendingPathComponent("cut_BTCUSDT_1m.csv.gz"))
        let result = try CommandRunner.omega(["backtest", "--data", "cut_BTCUSDT_1m.csv.gz"], in: files.directory)
        #expect(result.status == 1 && result.standardError.contains("cut_BTCUSDT_1m.csv.gz"), "\(result.standardError)")
        #expect(result.standardError.contains("truncated"))
    }

    @Test("re-importing a corrected bar is a conflict naming it; --replace overwrites it")
    func conflict() throws {
        let files = try TestFiles()
        _ = try files.write("binance_BTCUSDT_1m.csv", Self.candles(["1700000000000", "1700000060000"]))
        _ = try files.write(
            "fix/binance_BTCUSDT_1m.csv",
            Self.header + "1700000060000,100,101,99,100.5,1\n"
        )
        let store = ["--data-dir", "store"]
        let first = try CommandRunner.omega(["data", "import", "binance_BTCUSDT_1m.csv"] + store, in: files.directory)
        #expect(first.status == 0, "\(first.standardError)")
        let again = try CommandRunner.omega(
            ["data", "import", "fix/binance_BTCUSDT_1m.csv"] + store,
            in: files.directory
        )
        #expect(again.status == 1)
        #expect(again.standardError.contains("the bar at 2023-11-14T22:14:20Z is already stored with other values"))
        let replaced = try CommandRunner.omega(
            ["data", "import", "fix/binance_BTCUSDT_1m.csv", "--replace"] + store,
            in: files.directory
        )
        #expect(
            replaced.status == 0 && replaced.standardOutput.contains("1 new or replaced"),
            "\(replaced.standardOutput)"
        )
    }

    @Test("a run that cannot write one output writes none; a read-only file is never replaced")
    func outputs() throws {
        let files = try TestFiles()
        let locked = try files.write("trades.csv", "old\n")
        chmod(locked, 0o444)
        let result = try CommandRunner.omega(
            ["backtest", "--bars", "3000", "--equity", "equity.csv", "--trades", "trades.csv", "--quiet"],
            in: files.directory
        )
        #expect(result.status == 1 && result.standardError.contains("trades.csv: the file is read-only"))
        #expect(!FileManager.default.fileExists(atPath: files.path("equity.csv")))
        #expect(try files.read("trades.csv") == "old\n")
        // The farm: six bot trade files, one of them read-only: none is written.
        try FileManager.default.createDirectory(
            at: files.directory.appendingPathComponent("bots"),
            withIntermediateDirectories: true
        )
        let lockedBot = try files.write("bots/newbie_bot.csv", "old\n")
        chmod(lockedBot, 0o444)
        let farm = try CommandRunner.omega(
            ["farm", "--bars", "3000", "--trades-dir", "bots", "--timeline", "timeline.csv", "--no-report", "--quiet"],
            in: files.directory
        )
        #expect(farm.status == 1 && farm.standardError.contains("bots/newbie_bot.csv: the file is read-only"))
        let written = try FileManager.default.contentsOfDirectory(atPath: files.path("bots"))
        #expect(written == ["newbie_bot.csv"] && !FileManager.default.fileExists(atPath: files.path("timeline.csv")))
    }

    @Test("a 50 MB field is quoted in at most 100 characters")
    func hugeField() throws {
        let files = try TestFiles()
        let field = String(repeating: "7", count: 50_000_000)
        _ = try files.write("x_BTCUSDT_1m.csv", Self.header + "1700000000000,\(field),101,99,100,1\n")
        let result = try CommandRunner.omega(["backtest", "--data", "x_BTCUSDT_1m.csv"], in: files.directory)
        #expect(result.status == 1 && result.standardError.contains("x_BTCUSDT_1m.csv:2: field 'open'"))
        #expect(result.standardError.count < 1_000, "\(result.standardError.count) characters")
    }
}
