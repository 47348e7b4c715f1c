import ArgumentParser
import TradingCore
import TradingSim

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `omega sim`: a local exchange on loopback that speaks Binance's protocols over a replayed market.
struct SimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract:
            "Run a local Binance-compatible exchange (spot /api/v3 and USD-M /fapi) on a replayed market.",
        discussion: """
            The market is the built-in regime market (BTC, ETH and SOL through up, sideways, crash, down and \
            squeeze phases) from 2024-01-01. It starts with --history minutes already past, then runs at --speed \
            times real time, or stands still with --clock manual. Orders are filled by the backtest's simulated \
            exchange on the market's trades. --faults injects errors on purpose (docs/sim.md lists them); the \
            admin API under /omega/ (with --admin-token) reads the true state, steps the clock and resets.
            """
    )

    @Option(help: "A sim.yaml with any of these settings and the accounts (docs/sim.md); flags given here win.")
    var config: String?

    @Option(help: "Address to listen on (default 127.0.0.1, loopback).")
    var host: String?

    @Option(help: "Port to listen on (default 8765; 0: any free port).")
    var port: Int?

    @Option(help: "Seed of the regime market (default 42).")
    var seed: UInt64?

    @Option(help: "One-minute bars of the regime market (default 43200; with --data, as long as the data).")
    var bars: Int?

    @Option(
        name: .customLong("data"),
        help: ArgumentHelp(
            "A market data file that drives its symbol (repeatable): candles, trades, bbo or book lines, plain or gzip, and Binance USD-M funding rates.",
            valueName: "file"
        )
    )
    var data: [String] = []

    @Option(help: "Minutes of the market already past at start, so klines have history at once (default 1440).")
    var history: Int?

    @Option(help: "Market minutes per wall minute (default 1).")
    var speed: Double?

    @Option(help: "wall (market time runs at --speed) or manual (it stands still until stepped); default wall.")
    var clock: String?

    @Option(
        help: ArgumentHelp(
            "An account NAME:KEY:SECRET:ASSET=AMOUNT,… (repeatable; default: the demo account in docs/sim.md).",
            valueName: "account"
        )
    )
    var account: [String] = []

    @Option(
        help: ArgumentHelp(
            "Faults to inject, e.g. latency=5..50ms,http5xx=1%,timeout_after_accept=0.5%,reject=0.5%,http429=1% (docs/sim.md).",
            valueName: "spec"
        )
    )
    var faults: String?

    @Option(help: "The USD-M funding rate settled every 8 hours where no funding file gives one (default 0.0001).")
    var fundingRate: String?

    @Option(help: "Token of the admin API under /omega/ (off without it).")
    var adminToken: String?

    @Option(help: "binance (request weights and order counts as Binance limits them) or off (for load tests).")
    var limits: String?

    @Option(help: "A SQLite file that keeps accounts, orders, fills and positions across restarts (default: memory).")
    var state: String?

    /// The settings from the flags, then sim.yaml, then the defaults.
    struct Settings {
        var host = "127.0.0.1"
        var port = 8765
        var seed: UInt64 = 42
        var bars = 43_200
        var history = 1_440
        var speed = 1.0
        var clock = "wall"
        var limits = "binance"
        var state: String?
        var adminToken: String?
        var faults = FaultSpec.none
        var fundingRate = Ratio(raw: FixedPoint.scale / 10_000)
        var data: [String] = []
        var accounts: [SimAccount] = [.demo]
    }

    func settings() throws -> Settings {
        var file = SimConfigFile()
        if let config {
            do { file = try SimConfigFile.load(path: config) } catch { throw ValidationError("\(error)") }
        }
        let source = config ?? ""
        var settings = Settings()
        settings.host = host ?? file.host ?? settings.host
        settings.port = port ?? file.port ?? settings.port
        settings.seed = seed ?? file.seed ?? settings.seed
        settings.bars = bars ?? file.bars ?? settings.bars
        settings.history = history ?? file.history ?? settings.history
        settings.speed = speed ?? file.speed ?? settings.speed
        settings.clock = clock ?? file.clock ?? settings.clock
        settings.limits = limits ?? file.limits ?? settings.limits
        settings.state = state ?? file.state
        settings.adminToken = adminToken ?? file.adminToken
        settings.data = data.isEmpty ? file.data ?? [] : data
        let faultText = faults ?? file.faults ?? ""
        do {
            settings.faults = try FaultSpec(parsing: faultText)
        } catch {
            throw ValidationError(
                (faults == nil && file.faults != nil ? "\(source): faults: " : "--faults: ") + "\(error)"
            )
        }
        if let rate = fundingRate ?? file.fundingRate {
            let name = fundingRate == nil ? "\(source): funding_rate" : "--funding-rate"
            guard let raw = try? FixedPoint.parse(rate), raw.magnitude <= UInt128(FixedPoint.scale / 10) else {
                throw ValidationError(
                    "\(name): expected a rate within -0.1…0.1 such as 0.0001, got '\(rate.prefix(40))'"
                )
            }
            settings.fundingRate = Ratio(raw: raw)
        }
        settings.accounts = try accounts() ?? file.accounts ?? [.demo]
        try check(settings, source: source)
        return settings
    }

    /// The `--account` values, or `nil` when none is given.
    func accounts() throws -> [SimAccount]? {
        guard !account.isEmpty else { return nil }
        var parsed: [SimAccount] = []
        for (index, text) in account.enumerated() {
            do {
                let next = try SimAccount(parsing: text)
                guard !parsed.contains(where: { $0.name == next.name || $0.apiKey == next.apiKey }) else {
                    throw ValidationError("--account #\(index + 1): the name or API key is used twice")
                }
                parsed.append(next)
            } catch let error as SimAccountError {
                // The value holds a secret: name the account's position, never echo it.
                throw ValidationError("--account #\(index + 1): \(error)")
            }
        }
        return parsed
    }

    /// Checks the merged settings; a value from sim.yaml is named by its field, one from a flag by the flag.
    func check(_ settings: Settings, source: String) throws {
        func name(_ flag: String, _ given: Bool) -> String {
            given || config == nil ? "--\(flag)" : "\(source): \(String(flag.map { $0 == "-" ? "_" : $0 }))"
        }
        if let token = settings.adminToken, token.utf8.count < 8 || token.utf8.count > 256 || token.contains(" ") {
            throw ValidationError(
                "\(name("admin-token", adminToken != nil)): must be 8 to 256 characters without spaces"
            )
        }
        guard ["binance", "off"].contains(settings.limits) else {
            throw ValidationError(
                "\(name("limits", limits != nil)): expected binance or off, got '\(settings.limits.prefix(100))'"
            )
        }
        guard (0...65_535).contains(settings.port) else {
            throw ValidationError("\(name("port", port != nil)): must be within 0…65535, got \(settings.port)")
        }
        try SizeLimits.check(settings.bars, name("bars", bars != nil), SizeLimits.farmBars)
        guard (0...SizeLimits.farmBars.upperBound).contains(settings.history),
            !settings.data.isEmpty || settings.history <= settings.bars
        else {
            throw ValidationError(
                "\(name("history", history != nil)): must be within 0…bars (\(settings.bars)), got \(settings.history)"
            )
        }
        guard settings.speed.isFinite, settings.speed > 0, settings.speed <= 1_000_000 else {
            throw ValidationError("\(name("speed", speed != nil)): must be within (0, 1000000], got \(settings.speed)")
        }
        guard ["wall", "manual"].contains(settings.clock) else {
            throw ValidationError(
                "\(name("clock", clock != nil)): expected wall or manual, got '\(settings.clock.prefix(100))'"
            )
        }
    }

    func validate() throws {
        _ = try settings()
    }

    func run() async throws {
        let settings = try settings()
        var replay: SimReplayData?
        if !settings.data.isEmpty {
            do { replay = try SimReplayData(paths: settings.data) } catch { throw ValidationError("--data: \(error)") }
        }
        let configuration = SimServer.Configuration(
            host: settings.host,
            port: settings.port,
            seed: settings.seed,
            bars: settings.bars,
            clock: settings.clock == "manual" ? .manual : .wall(speed: settings.speed),
            historyMinutes: settings.history,
            accounts: settings.accounts,
            fundingRate: settings.fundingRate,
            faults: settings.faults,
            adminToken: settings.adminToken,
            limits: settings.limits == "binance",
            statePath: settings.state,
            data: replay
        )
        let server: SimServer
        do {
            server = try SimServer(configuration: configuration)
        } catch {
            throw ValidationError("sim: \(error)")
        }
        let banner: @Sendable (String, Int) async -> Void = { host, port in
            let base = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
            print("omega sim listening on \(base)")
            print("  spot REST     \(base)/api/v3   (market data, orders, account)")
            print("  USD-M REST    \(base)/fapi     (market data, orders, algo orders, positions, leverage)")
            let market = server.api.market
            let from = market.start.iso8601
            if let replay = configuration.data {
                let driven = replay.minutes.keys.sorted().map { "\($0)USDT" }.joined(separator: ", ")
                print("  market        \(driven) replayed from \(replay.paths.count) data file(s) from \(from)")
                let synthetic = SimReplayData.bases.filter { replay.minutes[$0] == nil }.map { "\($0)USDT" }
                if !synthetic.isEmpty {
                    print(
                        "                \(synthetic.joined(separator: ", ")) from the regime market (seed \(settings.seed))"
                    )
                }
            } else {
                print("  market        BTCUSDT, ETHUSDT, SOLUSDT from \(from), seed \(settings.seed)")
            }
            print(
                "                \(market.length) minutes, \(min(settings.history, market.length)) already past, clock \(settings.clock)"
                    + (settings.clock == "wall" ? " at \(settings.speed)× real time" : "")
            )
            print("  try           curl '\(base)/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=3'")
            for account in configuration.accounts {
                let secret =
                    account == .demo ? "the development default in docs/sim.md" : "the one given with --account"
                print("  account       \(account.name): API key \(account.apiKey), secret \(secret)")
            }
            print("  faults        \(configuration.faults)")
            if !configuration.limits { print("  limits        off: no request weights or order-count limits") }
            if let path = configuration.statePath {
                print("  state         \(path) (\(server.restored) requests restored)")
            }
            print(
                "  admin         "
                    + (configuration.adminToken == nil
                        ? "off (--admin-token TOKEN turns on \(base)/omega/)"
                        : "\(base)/omega/state, faults, clock/step, reset (header X-Omega-Admin-Token)")
            )
            // The demo account's secret is a documented development default; any other is never printed.
            let first = configuration.accounts.first ?? .demo
            let secret = first == .demo ? "'omega-sim-demo-secret'" : "os.environ['OMEGA_SIM_SECRET']"
            print("  ccxt          import ccxt, os")
            print(
                "                ex = ccxt.binance({'apiKey': '\(first.apiKey)', 'secret': \(secret), "
                    + "'options': {'fetchMarkets': {'types': ['spot', 'linear']}, 'fetchMargins': False}})"
            )
            print(
                "                ex.has['fetchCurrencies'] = False; ex.urls['api'] = {k: '\(base)' + "
                    + "__import__('urllib.parse').parse.urlsplit(v).path if isinstance(v, str) else v "
                    + "for k, v in ex.urls['api'].items()}"
            )
            print("Ctrl-C stops it.")
            // Scripts read the address from a pipe: send the banner now, not when the buffer fills.
            fflush(nil)
        }
        do {
            try await server.run(onRunning: banner)
        } catch is CancellationError {
            // SIGTERM or SIGINT: the service group shut down gracefully.
            return
        } catch {
            throw ValidationError("sim: cannot serve on \(settings.host):\(settings.port): \(error)")
        }
    }
}
