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

    /// Starts `omega sim` with `arguments` and reads its banner up to "Ctrl-C".
    static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> (Process, String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandRunner.omegaPath)
        process.arguments = ["sim"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var banner = ""
        while !banner.contains("Ctrl-C") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            banner += String(decoding: chunk, as: UTF8.self)
        }
        let line = banner.split(separator: "\n").first.map(String.init) ?? ""
        return (process, banner, line.components(separatedBy: "listening on ").last ?? "")
    }

    static func get(_ url: String, headers: [String: String] = [:]) async throws -> (Int, Any) {
        var request = URLRequest(url: try #require(URL(string: url)))
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let json = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, json)
    }

    @Test("`omega sim --config sim.yaml` takes its settings and accounts from the file, with secrets from ${ENV}")
    func configFile() async throws {
        let directory = try PackagePaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("sim.yaml").path
        try """
        port: 0
        bars: 2000
        history: 120
        clock: manual
        admin_token: yaml-admin-token
        accounts:
          - name: yaml
            api_key: yaml-key
            secret: ${OMEGA_TEST_SIM_SECRET}
            balances: {USDT: 5000, BTC: 0.5}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let (process, banner, base) = try Self.start(
            ["--config", path],
            environment: ["OMEGA_TEST_SIM_SECRET": "TOPSECRET-YAML"]
        )
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        #expect(banner.contains("API key yaml-key"), "\(banner)")
        #expect(banner.contains("120 already past, clock manual"), "\(banner)")
        #expect(!banner.contains("TOPSECRET"), "a secret was printed: \(banner)")
        // The account is the file's: its balances in the true state, its key known (a bad signature is -1022,
        // where an unknown key would be -2015).
        let (status, state) = try await Self.get(
            "\(base)/omega/state",
            headers: ["X-Omega-Admin-Token": "yaml-admin-token"]
        )
        #expect(status == 200)
        let text = String(describing: state)
        #expect(text.contains("yaml") && text.contains("5000") && text.contains("0.5"), "\(text)")
        let (refused, body) = try await Self.get(
            "\(base)/api/v3/account?timestamp=\(Int64(Date().timeIntervalSince1970 * 1000))&signature=00",
            headers: ["X-MBX-APIKEY": "yaml-key"]
        )
        #expect(refused == 400 && (body as? [String: Any])?["code"] as? Int == -1022, "\(refused) \(body)")
    }

    @Test("a bad sim.yaml is a usage error naming the file and the field, never showing a secret")
    func badConfigFiles() throws {
        let directory = try PackagePaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let account = "accounts: [{name: a, api_key: k, secret: TOPSECRET, balances: {USDT: 1}}]"
        let cases: [(String, String)] = [
            ("port: 70000\n", "sim.yaml: port: must be within 0…65535"),
            ("speed: fast\n", "sim.yaml: speed: expected a number"),
            ("clock: fast\n", "sim.yaml: clock: expected wall or manual"),
            ("teleport: on\n", "sim.yaml: teleport: unknown field"),
            ("faults: teleport=1%\n", "sim.yaml: faults:"),
            (
                "accounts: [{name: a, api_key: k, secrt: x, balances: {USDT: 1}}]\n",
                "sim.yaml: accounts[0].secrt: unknown field"
            ),
            (
                "accounts: [{name: a, api_key: k, secret: \"${OMEGA_TEST_UNSET_SECRET}\", balances: {USDT: 1}}]\n",
                "OMEGA_TEST_UNSET_SECRET is not set"
            ),
            (
                "accounts: [{name: a, api_key: k, secret: TOPSECRET, balances: {usdt: 1}}]\n",
                "sim.yaml: accounts[0]: balance"
            ),
            (account + "\n" + "funding_rate: 2\n", "sim.yaml: funding_rate: expected a rate"),
            ("accounts: [\n", "sim.yaml: not valid YAML"),
        ]
        let path = directory.appendingPathComponent("sim.yaml").path
        for (yaml, message) in cases {
            try yaml.write(toFile: path, atomically: true, encoding: .utf8)
            let run = try CommandRunner.omega(["sim", "--config", path])
            #expect(run.status == 64, "\(yaml): \(run.standardError)")
            #expect(run.standardError.contains(message), "\(yaml): \(run.standardError)")
            #expect(!run.standardError.contains("TOPSECRET"), "a secret was printed: \(run.standardError)")
        }
        let missing = try CommandRunner.omega(["sim", "--config", directory.appendingPathComponent("none.yaml").path])
        #expect(missing.status == 64 && missing.standardError.contains("none.yaml: cannot read the file"))
    }

    @Test("`omega sim --data` refuses a missing file or a symbol it does not list, naming the file")
    func badDataFiles() throws {
        let run = try CommandRunner.omega(["sim", "--data", "/nonexistent/binance_BTCUSDT_1m.csv"])
        #expect(
            run.status == 64 && run.standardError.contains("/nonexistent/binance_BTCUSDT_1m.csv"),
            "\(run.standardError)"
        )
        let directory = try PackagePaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let other = directory.appendingPathComponent("binance_XRPETH_1m.csv").path
        try "timestamp,open,high,low,close,volume\n1700000000000,1,1,1,1,1\n".write(
            toFile: other,
            atomically: true,
            encoding: .utf8
        )
        let unlisted = try CommandRunner.omega(["sim", "--data", other])
        #expect(
            unlisted.status == 64 && unlisted.standardError.contains("binance_XRPETH_1m.csv: the sim lists"),
            "\(unlisted.standardError)"
        )
        let garbled = directory.appendingPathComponent("binance_BTCUSDT_1m.csv").path
        try "timestamp,open,high,low,close,volume\n1700000000000,1,1,1,1,1\n1700000060000,1,x,1,1,1\n".write(
            toFile: garbled,
            atomically: true,
            encoding: .utf8
        )
        let bad = try CommandRunner.omega(["sim", "--data", garbled])
        #expect(bad.status == 64 && bad.standardError.contains("binance_BTCUSDT_1m.csv:3"), "\(bad.standardError)")
    }

    @Test(
        "`omega sim --data` replays real one-minute candles: klines are the file's rows",
        .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason))
    )
    func replaysRealCandles() async throws {
        let file = SharedData.data("binance_BTCUSDT_1m.csv")
        let (process, banner, base) = try Self.start([
            "--port", "0", "--clock", "manual", "--history", "30", "--data", file,
        ])
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        #expect(banner.contains("BTCUSDT replayed from 1 data file(s)"), "\(banner)")
        let rows = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").dropFirst().prefix(30)
        let (status, klines) = try await Self.get("\(base)/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=1000")
        #expect(status == 200)
        let served = try #require(klines as? [[Any]])
        #expect(served.count == 30)
        for (row, kline) in zip(rows, served) {
            let fields = row.split(separator: ",")
            #expect(kline[0] as? Int64 == Int64(fields[0]))
            #expect(Double(kline[1] as? String ?? "") == Double(fields[1]))
            #expect(Double(kline[2] as? String ?? "") == Double(fields[2]))
            #expect(Double(kline[3] as? String ?? "") == Double(fields[3]))
            #expect(Double(kline[4] as? String ?? "") == Double(fields[4]))
            #expect(Double(kline[5] as? String ?? "") == Double(fields[5]))
        }
    }
}
