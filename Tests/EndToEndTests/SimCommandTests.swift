import Foundation
import Testing
import TradingTestSupport

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite("omega sim, end to end")
struct SimCommandTests {
    @Test("`omega sim --port 0` prints where it listens at once, serves klines there and stops on SIGTERM")
    func serves() async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandRunner.omegaPath)
        process.arguments = ["sim", "--port", "0", "--speed", "60", "--bars", "5000"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        // The first line names the address: read until it arrives (the banner is flushed at once).
        var banner = ""
        let handle = output.fileHandleForReading
        while !banner.contains("\n") {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            banner += String(decoding: chunk, as: UTF8.self)
        }
        let line = try #require(banner.split(separator: "\n").first.map(String.init))
        let base = try #require(line.components(separatedBy: "listening on ").last)
        #expect(base.hasPrefix("http://127.0.0.1:"), "\(line)")
        let url = try #require(URL(string: "\(base)/api/v3/klines?symbol=SOLUSDT&interval=1h&limit=5"))
        // The rest of the banner names the demo account's key, never a secret.
        while !banner.contains("signed ") {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            banner += String(decoding: chunk, as: UTF8.self)
        }
        #expect(banner.contains("API key omega-sim-demo-key") && !banner.contains("omega-sim-demo-secret"))
        let (data, response) = try await URLSession.shared.data(from: url)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        let rows = try JSONSerialization.jsonObject(with: data) as? [[Any]]
        #expect(rows?.count == 5)  // a day of history: 24 hourly klines, the last five
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit || process.terminationStatus == 15)
    }

    @Test(
        "bad sim options are usage errors naming the option",
        arguments: [
            (["sim", "--port", "70000"], "--port"), (["sim", "--clock", "fast"], "--clock"),
            (["sim", "--speed", "0"], "--speed"), (["sim", "--bars", "100", "--history", "200"], "--history"),
            (["sim", "--account", "a:k:TOPSECRET"], "--account #1"),
            (["sim", "--account", "a:k:s:USDT=1", "--account", "b:k:TOPSECRET:USDT=1"], "--account #2"),
        ]
    )
    func badOptions(arguments: [String], option: String) throws {
        let run = try CommandRunner.omega(arguments)
        #expect(run.status == 64, "\(run.standardError)")
        #expect(run.standardError.contains(option), "\(run.standardError)")
        #expect(!run.standardError.contains("TOPSECRET"), "a secret was printed: \(run.standardError)")
    }
}
