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

    @Option(help: "Address to listen on (loopback by default).")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0: any free port).")
    var port = 8765

    @Option(help: "Seed of the replayed market.")
    var seed: UInt64 = 42

    @Option(help: "One-minute bars of the replayed market.")
    var bars = 43_200

    @Option(help: "Minutes of the market already past at start, so klines have history at once.")
    var history = 1_440

    @Option(help: "Market minutes per wall minute.")
    var speed = 1.0

    @Option(help: "wall (market time runs at --speed) or manual (it stands still until stepped).")
    var clock = "wall"

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
    var faults = ""

    @Option(help: "Token of the admin API under /omega/ (off without it).")
    var adminToken: String?

    @Option(help: "binance (request weights and order counts as Binance limits them) or off (for load tests).")
    var limits = "binance"

    @Option(help: "A SQLite file that keeps accounts, orders, fills and positions across restarts (default: memory).")
    var state: String?

    func faultSpec() throws -> FaultSpec {
        do { return try FaultSpec(parsing: faults) } catch { throw ValidationError("\(error)") }
    }

    func accounts() throws -> [SimAccount] {
        guard !account.isEmpty else { return [.demo] }
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

    func validate() throws {
        _ = try accounts()
        _ = try faultSpec()
        if let adminToken, adminToken.utf8.count < 8 || adminToken.utf8.count > 256 || adminToken.contains(" ") {
            throw ValidationError("--admin-token: must be 8 to 256 characters without spaces")
        }
        guard ["binance", "off"].contains(limits) else {
            throw ValidationError("--limits: expected binance or off, got '\(limits.prefix(100))'")
        }
        guard (0...65_535).contains(port) else { throw ValidationError("--port: must be within 0…65535, got \(port)") }
        try SizeLimits.check(bars, "--bars", SizeLimits.farmBars)
        guard (0...bars).contains(history) else {
            throw ValidationError("--history: must be within 0…--bars (\(bars)), got \(history)")
        }
        guard speed.isFinite, speed > 0, speed <= 1_000_000 else {
            throw ValidationError("--speed: must be within (0, 1000000], got \(speed)")
        }
        guard ["wall", "manual"].contains(clock) else {
            throw ValidationError("--clock: expected wall or manual, got '\(clock.prefix(100))'")
        }
    }

    func run() async throws {
        let configuration = SimServer.Configuration(
            host: host,
            port: port,
            seed: seed,
            bars: bars,
            clock: clock == "manual" ? .manual : .wall(speed: speed),
            historyMinutes: history,
            accounts: try accounts(),
            faults: try faultSpec(),
            adminToken: adminToken,
            limits: limits == "binance",
            statePath: state
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
            print(
                "  market        BTCUSDT, ETHUSDT, SOLUSDT from 2024-01-01, seed \(configuration.seed), \(history) minutes of history, clock \(clock)"
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
            throw ValidationError("sim: cannot serve on \(host):\(port): \(error)")
        }
    }
}
