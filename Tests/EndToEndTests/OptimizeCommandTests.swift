import Foundation
import Testing
import TradingTestSupport

@Suite("omega optimize, end to end")
struct OptimizeCommandTests {
    @Test("a grid search prints a ranked table and writes JSON and an HTML heat map; workers do not change the JSON")
    func gridSearch() throws {
        let directory = try PackagePaths.temporaryDirectory()
        let arguments = [
            "optimize", "--bars", "4000", "--grid", "fast=4..10:2", "--grid", "slow=12..30:6", "--param",
            "mode=long_short",
            "--objective", "total_return", "--min-trades", "2", "--monte-carlo", "200",
        ]
        let first = try CommandRunner.omega(
            arguments + ["--workers", "1", "--json", "one.json", "--report", "r.html"],
            in: directory
        )
        #expect(first.status == 0, "\(first.standardError)")
        for text in [
            "Omega optimize: ema_cross on synthetic(seed=42, bars=4000)", "16 runs", "rank", "fast", "slow",
            "total_return",
            "Monte Carlo: 200 simulations", "max drawdown, reshuffled",
        ] {
            #expect(first.standardOutput.contains(text), "missing \(text)")
        }
        #expect(first.standardError.contains("16 backtests in"))
        let second = try CommandRunner.omega(
            arguments + ["--workers", "2", "--json", "two.json", "--quiet"],
            in: directory
        )
        #expect(second.status == 0, "\(second.standardError)")
        let one = try Data(contentsOf: directory.appendingPathComponent("one.json"))
        let two = try Data(contentsOf: directory.appendingPathComponent("two.json"))
        #expect(one == two)
        let json = try #require(try JSONSerialization.jsonObject(with: one) as? [String: Any])
        let trials = try #require(json["trials"] as? [[String: Any]])
        #expect(trials.count == 16)
        #expect((json["best"] as? [String: Any])?["rank"] as? Int == 1)
        let html = try String(contentsOf: directory.appendingPathComponent("r.html"), encoding: .utf8)
        #expect(html.contains("<svg") && html.contains("<rect") && html.contains("Objective by parameters"))
        #expect(!html.contains("<script"))
    }

    @Test("walk-forward reports windows and the out-of-sample result")
    func walkForward() throws {
        let result = try CommandRunner.omega([
            "optimize", "--bars", "8640", "--grid", "fast=4..8:2", "--grid", "slow=12..24:6", "--walk-forward",
            "train=2d,test=1d",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("Walk-forward train=2d,test=1d: 4 windows"))
        #expect(result.standardOutput.contains("Out of sample, stitched: return"))
        // A summary by default; the windows one by one with --verbose.
        #expect(result.standardOutput.contains("chosen across the windows (--verbose lists each window)"))
        #expect(!result.standardOutput.contains("test from"))
        let verbose = try CommandRunner.omega([
            "optimize", "--bars", "8640", "--grid", "fast=4..8:2", "--grid", "slow=12..24:6", "--walk-forward",
            "train=2d,test=1d", "--verbose",
        ])
        #expect(verbose.standardOutput.contains("test from") && verbose.standardOutput.contains("best parameters"))
        // Choices on the grid's edges are called out, whichever they are here.
        let edges = result.standardOutput.split(separator: "\n").filter { $0.contains("on the grid's") }
        #expect(edges.allSatisfy { $0.hasPrefix("WARNING: fast: ") || $0.hasPrefix("WARNING: slow: ") })
    }

    @Test("a best value on the edge of its grid is a warning")
    func edgeWarning() throws {
        // Three values each on the seed-42 synthetic market: the best run (fast=4, slow=100) lands on edges.
        let result = try CommandRunner.omega([
            "optimize", "--bars", "4000", "--grid", "fast=2..4", "--grid", "slow=100..102",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let warnings = result.standardOutput.split(separator: "\n").filter { $0.hasPrefix("WARNING: ") }
        #expect(!warnings.isEmpty, "\(result.standardOutput)")
        #expect(warnings.count == 2 && warnings.allSatisfy { $0.contains("the best run sits on the grid's") })
        #expect(warnings.contains { $0.hasPrefix("WARNING: fast: ") && $0.contains("upper edge 4") })
    }

    @Test(
        "bad search options are clear errors",
        arguments: [
            (["--grid", "speed=1..5"], "ema_cross has no parameter 'speed'"),
            (["--grid", "fast=1..5:0.5"], "fast is an integer"),
            ([String](), "give at least one --grid"),
            (
                ["--grid", "fast=5..9", "--objective", "luck"],
                "The value 'luck' is invalid for '--objective <objective>': expected one of sharpe"
            ),
            (["--grid", "fast"], "The value 'fast' is invalid for '--grid <grid>': expected name=LOW..HIGH:STEP"),
            (["--grid", "fast=5..9", "--walk-forward", "train=30d"], "both train= and test= are needed"),
            (["--grid", "fast=5..9", "--param", "colour=red"], "colour"),
        ]
    )
    func errors(arguments: [String], message: String) throws {
        let result = try CommandRunner.omega(["optimize", "--bars", "500"] + arguments)
        #expect(result.status != 0)
        #expect(result.standardError.contains(message), "\(result.standardError)")
    }
}
