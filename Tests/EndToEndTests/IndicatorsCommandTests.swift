import Foundation
import Testing
import TradingTestSupport

@Suite("omega indicators, end to end")
struct IndicatorsCommandTests {
    @Test("writes timestamp plus one column per output, empty during warm-up")
    func writesColumns() throws {
        let directory = try PackagePaths.temporaryDirectory()
        let synth = try CommandRunner.omega(["synth", "--bars", "300", "--output", "bars.csv"], in: directory)
        #expect(synth.status == 0, "\(synth.standardError)")
        let result = try CommandRunner.omega(
            [
                "indicators", "--data", "bars.csv", "--indicator", "ema:12", "--indicator", "macd:12:26:9",
                "--indicator", "obv",
                "--output", "out.csv",
            ],
            in: directory
        )
        #expect(result.status == 0, "\(result.standardError)")
        let text = try String(contentsOf: directory.appendingPathComponent("out.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(lines.first == "timestamp,ema:12,macd:12:26:9.macd,macd:12:26:9.signal,macd:12:26:9.hist,obv")
        #expect(lines.count == 301)
        let cells = lines.dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        // EMA 12 starts at bar 12, MACD at bar 34, OBV at once.
        #expect(cells[10][1].isEmpty && !cells[11][1].isEmpty)
        #expect(cells[32][2].isEmpty && !cells[33][2].isEmpty && !cells[33][4].isEmpty)
        #expect(cells.allSatisfy { !$0[5].isEmpty && $0.count == 6 })
        #expect(Double(cells[299][1]) != nil)
    }

    @Test("a bad spec or a missing file is a clear error with a non-zero exit")
    func errors() throws {
        let directory = try PackagePaths.temporaryDirectory()
        let bad = try CommandRunner.omega(
            ["indicators", "--data", "x.csv", "--indicator", "ema:0", "--output", "o.csv"],
            in: directory
        )
        #expect(bad.status != 0)
        #expect(bad.standardError.contains("indicator 'ema:0': period must be in 1…100000"))
        let missing = try CommandRunner.omega(
            ["indicators", "--data", "missing.csv", "--indicator", "ema:5", "--output", "o.csv"],
            in: directory
        )
        #expect(missing.status != 0)
        #expect(missing.standardError.contains("missing.csv"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("o.csv").path))
    }

    @Test("without --indicator it lists the catalog")
    func listing() throws {
        let result = try CommandRunner.omega(["indicators"])
        #expect(result.status == 0)
        for name in [
            "macd:fast=12:slow=26:signal=9", "bbands:period=20:deviations=2.0", "session_vwap:hour=0", "linreg_slope",
        ] {
            #expect(result.standardOutput.contains(name), "\(name)")
        }
    }
}
