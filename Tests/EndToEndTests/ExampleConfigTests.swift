import Foundation
import Testing
import TradingTestSupport

/// The farm.yaml files a new user is pointed to run as they are: every file in `examples/` and the
/// reference block in `docs/farm.md`.
@Suite("Example configs")
struct ExampleConfigTests {
    static let examples = ["default-farm.yaml", "perp-long-short.yaml", "custom-persona.yaml"]

    /// Runs `yaml` with `omega farm backtest --config`, with `../shared/data/` pointing at the shared data.
    func runFarm(_ yaml: String, named name: String) throws -> CommandResult {
        let text = yaml.replacingOccurrences(of: "../shared/data/", with: SharedData.data("") + "/")
        let files = try TestFiles()
        _ = try files.write(name, text)
        return try CommandRunner.omega(["farm", "backtest", "--config", name, "--no-report"], in: files.directory)
    }

    @Test("every file in examples/ is listed here and runs", arguments: examples)
    func example(_ name: String) throws {
        let listed = try FileManager.default.contentsOfDirectory(
            atPath: PackagePaths.root.appendingPathComponent("examples").path
        ).filter { $0.hasSuffix(".yaml") }
        #expect(Set(listed) == Set(Self.examples))
        let yaml = try String(
            contentsOf: PackagePaths.root.appendingPathComponent("examples").appendingPathComponent(name),
            encoding: .utf8
        )
        if yaml.contains("../shared/data/") && !SharedData.isAvailable {
            print("skipped \(name): \(SharedData.skipReason)")
            return
        }
        let run = try runFarm(yaml, named: name)
        #expect(run.status == 0, "\(name): \(run.standardError)")
        #expect(run.standardOutput.contains("Omega farm '"), "\(name)")
        #expect(run.standardOutput.contains("FARM"), "\(name)")
        #expect(!run.standardError.contains("warning:"), "\(name): \(run.standardError)")
    }

    @Test(
        "the farm.yaml in docs/farm.md runs",
        .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason))
    )
    func documentedConfig() throws {
        let doc = try String(
            contentsOf: PackagePaths.root.appendingPathComponent("docs/farm.md"),
            encoding: .utf8
        )
        let start = try #require(doc.range(of: "Every field:\n\n```yaml\n"))
        let end = try #require(doc.range(of: "```", range: start.upperBound..<doc.endIndex))
        let run = try runFarm(String(doc[start.upperBound..<end.lowerBound]), named: "farm.yaml")
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("strategic_btc") && run.standardOutput.contains("steady_eth"))
    }

    @Test("omega --version prints the release and exits 0")
    func version() throws {
        let run = try CommandRunner.omega(["--version"])
        #expect(run.status == 0)
        #expect(run.standardOutput.hasPrefix("omega 0."), "\(run.standardOutput)")
    }
}
