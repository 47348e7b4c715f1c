import Foundation
import Testing
import TradingTestSupport

@Suite("omega data, end to end")
struct DataCommandTests {
    /// A synthetic 1m candle file named so that its series is sim SYNUSDT 1m.
    func synthetic(_ directory: URL, bars: Int = 3_000) throws -> String {
        let result = try CommandRunner.omega(
            ["synth", "--bars", "\(bars)", "--output", "sim_SYNUSDT_1m.csv"],
            in: directory
        )
        #expect(result.status == 0)
        return directory.appendingPathComponent("sim_SYNUSDT_1m.csv").path
    }

    @Test("import, list, export (byte-identical), resample, verify and backtest from the store")
    func workflow() throws {
        let directory = try PackagePaths.temporaryDirectory()
        let file = try synthetic(directory)
        let store = ["--data-dir", directory.appendingPathComponent("store").path]
        let imported = try CommandRunner.omega(["data", "import", file] + store, in: directory)
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(imported.standardOutput.contains("sim SYNUSDT 1m: 3000 rows, 3000 new, 0 already stored"))
        let again = try CommandRunner.omega(["data", "import", file] + store, in: directory)
        #expect(again.standardOutput.contains("3000 rows, 0 new, 3000 already stored"))
        let list = try CommandRunner.omega(["data", "list", "--json"] + store, in: directory)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [String: Any]
        )
        let series = try #require(json["series"] as? [[String: Any]])
        #expect(series.count == 1 && series[0]["rows"] as? Int == 3000 && series[0]["gaps"] as? Int == 0)
        let export = try CommandRunner.omega(
            ["data", "export", "--exchange", "sim", "--symbol", "SYNUSDT", "--timeframe", "1m", "--output", "out.csv"]
                + store,
            in: directory
        )
        #expect(export.status == 0, "\(export.standardError)")
        #expect(
            try Data(contentsOf: directory.appendingPathComponent("out.csv"))
                == Data(contentsOf: URL(fileURLWithPath: file))
        )
        let resample = try CommandRunner.omega(
            [
                "data", "resample", "--exchange", "sim", "--symbol", "SYNUSDT", "--from-timeframe", "1m", "--timeframe",
                "1h",
            ]
                + store,
            in: directory
        )
        #expect(resample.status == 0, "\(resample.standardError)")
        #expect(resample.standardOutput.contains("stored 50 sim SYNUSDT 1h bars"))
        let verify = try CommandRunner.omega(
            ["data", "verify", "--fail-on", "gaps,duplicates,ohlc"] + store,
            in: directory
        )
        #expect(verify.status == 0, "\(verify.standardOutput)\(verify.standardError)")
        let backtest = try CommandRunner.omega(
            [
                "backtest", "--exchange", "sim", "--symbol", "SYNUSDT", "--timeframe", "1h", "--quiet", "--json",
                "r.json",
            ] + store,
            in: directory
        )
        #expect(backtest.status == 0, "\(backtest.standardError)")
        let result = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("r.json")))
                as? [String: Any]
        )
        #expect(result["bars"] as? Int == 50)
    }

    @Test("verify exits non-zero on the checks named in --fail-on, and reports file lines")
    func verifyFile() throws {
        let directory = try PackagePaths.temporaryDirectory()
        let path = directory.appendingPathComponent("x_ABCUSDT_1m.csv").path
        try """
        timestamp,open,high,low,close,volume
        1700000000000,10,11,9,10,1
        1700000060000,10,11,9,10,1
        1700000060000,10,11,9,10,1
        1700000300000,10,11,9,10,1

        """.write(toFile: path, atomically: true, encoding: .utf8)
        let lenient = try CommandRunner.omega(["data", "verify", path, "--json"], in: directory)
        #expect(lenient.status == 0)
        let reports = try #require(
            try JSONSerialization.jsonObject(with: Data(lenient.standardOutput.utf8)) as? [[String: Any]]
        )
        #expect(
            reports.first?["gaps"] as? Int == 1 && reports.first?["missing_bars"] as? Int == 3
                && reports.first?["duplicates"] as? Int == 1
        )
        let strict = try CommandRunner.omega(["data", "verify", path, "--fail-on", "gaps"], in: directory)
        #expect(strict.status != 0)
        #expect(strict.standardError.contains("verify failed: gaps"))
    }

    @Test("a bad file is a clear error and leaves the store unchanged")
    func badFile() throws {
        let directory = try PackagePaths.temporaryDirectory()
        let store = ["--data-dir", directory.appendingPathComponent("store").path]
        let good = try synthetic(directory, bars: 100)
        let bad = directory.appendingPathComponent("x_ABCUSDT_1m.csv").path
        try "timestamp,open,high,low,close,volume\n1700000000000,10,9,11,10,1\n".write(
            toFile: bad,
            atomically: true,
            encoding: .utf8
        )
        let result = try CommandRunner.omega(["data", "import", good, bad] + store, in: directory)
        #expect(result.status != 0)
        #expect(result.standardError.contains("x_ABCUSDT_1m.csv:2: high 9 < low 11"))
        let list = try CommandRunner.omega(["data", "list"] + store, in: directory)
        #expect(list.standardOutput.contains("is empty"))
        let unknown = try CommandRunner.omega(
            ["data", "import", directory.appendingPathComponent("nope.txt").path] + store,
            in: directory
        )
        #expect(unknown.status != 0 && unknown.standardError.contains("nope.txt"))
    }
}
