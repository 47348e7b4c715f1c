import Foundation
import Testing
import TradingTestSupport

/// Every report type opened in headless Chromium: the page must load without a JavaScript error or console
/// message, and the charts its script draws must be in the rendered page.
@Suite("Reports in a real browser", .serialized)
struct BrowserReportTests {
    static let browser = CommandRunner.which(["chromium", "chromium-browser", "google-chrome"])
    static let skipReason = "no chromium on the PATH (apt-get install chromium); .ci/run installs it"

    /// The rendered page and Chromium's console lines for `file`, opened at `fragment` (`#…`).
    static func open(_ file: URL, fragment: String = "") throws -> (dom: String, console: [String]) {
        let browser = try #require(browser)
        let run = try CommandRunner.run(
            browser,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
                "--virtual-time-budget=5000", "--dump-dom", file.absoluteString + fragment,
            ]
        )
        #expect(run.status == 0, "\(run.standardError.suffix(2_000))")
        // Chromium logs each console message and uncaught exception as `INFO:CONSOLE…] "text", source: …`.
        let console = run.standardError.split(separator: "\n").map(String.init).filter { $0.contains(":CONSOLE") }
        return (run.standardOutput, console)
    }

    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test(
        "backtest, farm, optimize and risk reports load without a script error; the price chart draws and zooms",
        .enabled(if: browser != nil, Comment(rawValue: skipReason))
    )
    func everyReport() throws {
        let directory = try PackagePaths.temporaryDirectory()
        let commands: [[String]] = [
            [
                "backtest", "--bars", "20000", "--strategy", "ema_cross", "--stop", "atr:14:2", "--equity",
                "equity.csv", "--report", "backtest.html", "--quiet",
            ],
            ["farm", "--bars", "6000", "--report", "farm.html", "--quiet"],
            [
                "optimize", "--bars", "6000", "--grid", "fast=4..12:4", "--grid", "slow=20..40:10", "--report",
                "optimize.html", "--quiet",
            ],
            ["risk", "report", "--equity", "strategy=equity.csv", "--report", "risk.html"],
        ]
        for arguments in commands {
            let run = try CommandRunner.omega(arguments, in: directory)
            #expect(run.status == 0, "\(arguments.joined(separator: " ")): \(run.standardError)")
        }
        for report in ["backtest", "farm", "optimize", "risk"] {
            let (dom, console) = try Self.open(directory.appendingPathComponent("\(report).html"))
            #expect(console.isEmpty, "\(report).html: \(console.joined(separator: "\n"))")
            #expect(dom.contains("<svg"), "\(report).html has no chart")
        }
        // The script drew the candles: one per chart bucket over the whole run, fewer on a zoomed range.
        let backtest = directory.appendingPathComponent("backtest.html")
        let whole = Self.count("class=\"candle\"", in: try Self.open(backtest).dom)
        #expect(whole > 500)
        let (zoomed, console) = try Self.open(backtest, fragment: "#price=2024-01-03,2024-01-05")
        #expect(console.isEmpty, "\(console)")
        let some = Self.count("class=\"candle\"", in: zoomed)
        #expect(some > 0 && some < whole, "\(some) of \(whole)")
        // The range label: the first and last candle (a bucket of bars) inside the range asked for.
        let label = zoomed.components(separatedBy: "class=\"range\">").dropFirst().first?.prefix(40) ?? ""
        #expect(label.hasPrefix("2024-01-03 00:") && label.contains("→ 2024-01-04 23:"), "\(label)")
        // The strategy's two EMAs are drawn over the candles.
        #expect(zoomed.contains("EMA 12") && zoomed.contains("EMA 26"))
    }

    @Test(
        "a page with a script error fails the check (the check is not blind)",
        .enabled(if: browser != nil, Comment(rawValue: skipReason))
    )
    func detectsErrors() throws {
        let directory = try PackagePaths.temporaryDirectory()
        let page = directory.appendingPathComponent("broken.html")
        try "<html><body><script>missing.call();</script></body></html>".write(
            to: page,
            atomically: true,
            encoding: .utf8
        )
        let (_, console) = try Self.open(page)
        #expect(console.contains { $0.contains("Uncaught ReferenceError") })
    }
}
