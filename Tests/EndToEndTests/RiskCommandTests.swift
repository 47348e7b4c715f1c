import Foundation
import Testing
import TradingTestSupport

@Suite("omega risk, end to end")
struct RiskCommandTests {
    @Test("report gives VaR and CVaR by method and horizon for each curve and the portfolio")
    func report() throws {
        let directory = try PackagePaths.temporaryDirectory()
        for (strategy, file) in [("ema_cross", "a.csv"), ("supertrend", "b.csv")] {
            let run = try CommandRunner.omega(
                ["backtest", "--bars", "20000", "--strategy", strategy, "--equity", file, "--quiet"],
                in: directory
            )
            #expect(run.status == 0, "\(run.standardError)")
        }
        let result = try CommandRunner.omega(
            ["risk", "report", "--equity", "a=a.csv", "--equity", "b=b.csv", "--json", "--report", "risk.html"],
            in: directory
        )
        #expect(result.status == 0, "\(result.standardError)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        )
        let estimates = try #require(json["estimates"] as? [[String: Any]])
        #expect(estimates.count == 3 * 2 * 3)
        #expect(Set(estimates.compactMap { $0["curve"] as? String }) == ["a", "b", "portfolio"])
        for estimate in estimates {
            let var95 = try #require(estimate["var_95"] as? Double)
            let var99 = try #require(estimate["var_99"] as? Double)
            let cvar99 = try #require(estimate["cvar_99"] as? Double)
            #expect(var99 >= var95 && cvar99 >= var99, "\(estimate)")
            // 20,000 minutes: 333 hourly returns are enough, 13 daily ones are not.
            let returns = try #require(estimate["returns"] as? Int)
            #expect(estimate["small_sample"] as? Bool == (returns < 250), "\(estimate)")
            #expect((estimate["horizon"] as? String == "1d") == (returns < 250), "\(estimate)")
        }
        let html = try String(contentsOf: directory.appendingPathComponent("risk.html"), encoding: .utf8)
        #expect(html.contains("P&amp;L distribution") && html.contains("VaR 99"))
        #expect(html.components(separatedBy: "<svg").count - 1 == 3 * 2, "one chart per curve and horizon")
        let bad = try CommandRunner.omega(["risk", "report", "--equity", "missing.csv"], in: directory)
        #expect(bad.status != 0 && bad.standardError.contains("missing.csv: cannot open"))
    }
}

@Suite("omega risk stress, end to end")
struct RiskStressCommandTests {
    @Test("stresses the positions a backtest ends with, scenario by scenario")
    func stress() throws {
        let result = try CommandRunner.omega([
            "risk", "stress", "--bars", "3000", "--market", "perp", "--strategy", "supertrend", "--param",
            "mode=long_short",
            "--leverage", "5", "--json",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let scenarios = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]]
        )
        #expect(
            scenarios.compactMap { $0["scenario"] as? String } == [
                "shock -10 %", "shock -20 %", "shock -30 %", "short squeeze +15 %", "volatility ×3",
                "all correlations 1",
                "10-minute outage, 5 % gap", "worst historical hour",
            ]
        )
        for scenario in scenarios {
            let before = try #require(scenario["equity_before"] as? Double)
            let after = try #require(scenario["equity_after"] as? Double)
            let pnl = try #require(scenario["pnl"] as? Double)
            #expect(abs(before + pnl - after) < 1e-6)
        }
        let table = try CommandRunner.omega([
            "risk", "stress", "--bars", "3000", "--market", "perp", "--strategy", "supertrend", "--param",
            "mode=long_short", "--leverage", "5",
        ])
        #expect(table.standardOutput.hasPrefix("Stress of 1 open position after supertrend"), "\(table.standardOutput)")
    }

    @Test("a run that ends flat has nothing to stress, and says so instead of printing zeros")
    func flat() throws {
        // Long-only Supertrend on the seed-42 synthetic market ends out of the market.
        let result = try CommandRunner.omega([
            "risk", "stress", "--bars", "3000", "--market", "perp", "--strategy", "supertrend",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("Nothing to stress: supertrend ends flat"), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("--param mode=long_short"))
    }
}
