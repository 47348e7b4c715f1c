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
        // The rest of the banner names the demo account's key and a ccxt snippet with its documented
        // development secret (a secret given with --account is never printed: SimBannerTests).
        while !banner.contains("Ctrl-C") {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            banner += String(decoding: chunk, as: UTF8.self)
        }
        #expect(banner.contains("API key omega-sim-demo-key"))
        #expect(banner.contains("ccxt.binance({'apiKey': 'omega-sim-demo-key', 'secret': 'omega-sim-demo-secret'"))
        let (data, response) = try await URLSession.shared.data(from: url)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        let rows = try JSONSerialization.jsonObject(with: data) as? [[Any]]
        #expect(rows?.count == 5)  // a day of history: 24 hourly klines, the last five
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit || process.terminationStatus == 15)
    }

    @Test("the banner of an --account names its key, and its ccxt snippet reads the secret from the environment")
    func bannerKeepsSecrets() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandRunner.omegaPath)
        process.arguments = ["sim", "--port", "0", "--bars", "2000", "--account", "trader:trader-key:TOPSECRET:USDT=5"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        var banner = ""
        while !banner.contains("Ctrl-C") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            banner += String(decoding: chunk, as: UTF8.self)
        }
        #expect(banner.contains("API key trader-key") && banner.contains("os.environ['OMEGA_SIM_SECRET']"))
        #expect(!banner.contains("TOPSECRET"), "a secret was printed: \(banner)")
        process.terminate()
        process.waitUntilExit()
    }

    @Test(
        "bad sim options are usage errors naming the option",
        arguments: [
            (["sim", "--port", "70000"], "--port"), (["sim", "--clock", "fast"], "--clock"),
            (["sim", "--speed", "0"], "--speed"), (["sim", "--bars", "100", "--history", "200"], "--history"),
            (["sim", "--account", "a:k:TOPSECRET"], "--account #1"),
            (["sim", "--account", "a:k:s:USDT=1", "--account", "b:k:TOPSECRET:USDT=1"], "--account #2"),
            (["sim", "--faults", "http5xx=lots"], "'http5xx'"), (["sim", "--faults", "teleport=1%"], "'teleport'"),
            (["sim", "--admin-token", "short"], "--admin-token"),
        ]
    )
    func badOptions(arguments: [String], option: String) throws {
        let run = try CommandRunner.omega(arguments)
        #expect(run.status == 64, "\(run.standardError)")
        #expect(run.standardError.contains(option), "\(run.standardError)")
        #expect(!run.standardError.contains("TOPSECRET"), "a secret was printed: \(run.standardError)")
    }
}
