import ArgumentParser
import ExchangeKit
import Foundation
import TradingCore

/// `--exchange`, `--base-url`, `--testnet`, `--secrets`, `--json` and `--verbose`: shared by the
/// exchange, account, order and stream commands.
struct VenueOptions: ParsableArguments {
    @Option(help: "The venue: binance, bybit, okx or bitget.")
    var exchange: String

    @Option(
        name: .customLong("base-url"),
        help: "Send requests here instead of the venue (omega sim, a testnet or a mirror)."
    )
    var baseURL: String?

    @Flag(help: "Use the venue's testnet.")
    var testnet = false

    @Option(help: "A secrets file (mode 0600) of NAME=value lines, read when the environment has no keys.")
    var secrets: String?

    @Flag(help: "Print JSON (one object, or one per line for streams).")
    var json = false

    @Flag(help: "Print each request as it was sent, credentials redacted, to standard error.")
    var verbose = false

    func validate() throws {
        guard ExchangeName(rawValue: exchange.lowercased()) != nil else {
            throw ValidationError("--exchange: '\(exchange)' is not one of binance, bybit, okx, bitget")
        }
        if let baseURL, !(baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://")) {
            throw ValidationError("--base-url: '\(baseURL)' is not an http:// or https:// URL")
        }
        if baseURL != nil && testnet { throw ValidationError("--base-url and --testnet: give one") }
    }

    var venue: ExchangeName { ExchangeName(rawValue: exchange.lowercased()) ?? .binance }

    /// The venue's REST base URLs, spot and futures (the same for venues with one host).
    var baseURLs: (spot: String, futures: String) {
        if let baseURL { return (baseURL, baseURL) }
        switch venue {
        case .binance:
            return testnet
                ? ("https://testnet.binance.vision", "https://testnet.binancefuture.com")
                : ("https://api.binance.com", "https://fapi.binance.com")
        case .bybit:
            let host = testnet ? "https://api-testnet.bybit.com" : "https://api.bybit.com"
            return (host, host)
        case .okx: return ("https://www.okx.com", "https://www.okx.com")
        case .bitget: return ("https://api.bitget.com", "https://api.bitget.com")
        }
    }
}

/// A venue connection for one command: the adapter, and the transport to close when done.
struct VenueConnection {
    let adapter: any ExchangeAdapter
    let sessions: [VenueSession]
    let transport: AsyncHTTPTransport
    let options: VenueOptions

    /// Connects to the venue; `needsKeys` loads credentials (from the environment or the secrets file).
    static func open(_ options: VenueOptions, needsKeys: Bool) throws -> VenueConnection {
        guard options.venue == .binance else {
            throw ExchangeCommandError(
                "\(options.venue): its requests and replies are built and verified against the vectors, but its "
                    + "connection is not wired yet (docs/exchanges.md, \"Not built yet\"); binance is connected"
            )
        }
        let credentials = needsKeys ? try SecretsLoader.credentials(for: options.venue, file: options.secrets) : nil
        let authentication: RequestAuthentication?
        do {
            authentication = try credentials.map(RequestAuthentication.init)
        } catch {
            throw ExchangeCommandError("\(options.venue) key: \(error)")
        }
        let urls = options.baseURLs
        switch options.venue {
        case .binance:
            let transport = AsyncHTTPTransport()
            let spot = VenueSession(
                exchange: .binance,
                baseURL: urls.spot,
                transport: transport,
                authentication: authentication,
                limiter: RateLimiter(capacity: 6_000, window: .seconds(60))
            )
            let futures = VenueSession(
                exchange: .binance,
                baseURL: urls.futures,
                transport: transport,
                authentication: authentication,
                limiter: RateLimiter(capacity: 2_400, window: .seconds(60))
            )
            return VenueConnection(
                adapter: BinanceAdapter(spot: spot, futures: futures),
                sessions: [spot, futures],
                transport: transport,
                options: options
            )
        case .bybit, .okx, .bitget:
            preconditionFailure("Invariant: only binance passes the guard above")
        }
    }

    /// Resolves `symbol` (unified, `BTC/USDT:USDT`, or the venue's own name) among the venue's markets.
    func market(_ symbol: String) async throws -> VenueMarket {
        let markets = try await adapter.loadMarkets()
        do {
            // A venue name shared by spot and a perpetual (Binance BTCUSDT) means spot; say BTC/USDT:USDT
            // for the perpetual.
            return try markets.market(symbol)
        } catch {
            throw ExchangeCommandError("--symbol: \(error)")
        }
    }

    /// Prints the requests sent (with --verbose) and closes the connection.
    func close() async {
        if options.verbose {
            var standardError = StandardError()
            for session in sessions {
                for request in session.sentRequests() {
                    print("→ \(session.baseURL) \(request)\n", to: &standardError)
                }
            }
        }
        try? await transport.shutdown()
    }
}

/// An exchange command failure: printed as `error: …` with a non-zero exit. Never holds a secret.
struct ExchangeCommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs an exchange command body on a connection, printing failures as `error: …` (exit 1).
func runVenueCommand(
    _ options: VenueOptions,
    needsKeys: Bool,
    _ body: (VenueConnection) async throws -> Void
) async throws {
    var standardError = StandardError()
    let connection: VenueConnection
    do {
        connection = try VenueConnection.open(options, needsKeys: needsKeys)
    } catch {
        print("error: \(ErrorText.clipped("\(error)"))", to: &standardError)
        throw ExitCode.failure
    }
    do {
        try await body(connection)
        await connection.close()
    } catch let error as ExitCode {
        await connection.close()
        throw error
    } catch {
        await connection.close()
        print("error: \(ErrorText.clipped("\(options.venue): \(error)"))", to: &standardError)
        throw ExitCode.failure
    }
}
