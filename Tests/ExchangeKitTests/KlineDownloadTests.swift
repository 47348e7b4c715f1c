import ExchangeKit
import Foundation
import NIOCore
import Testing
import TradingTestSupport

/// 2024-01-01T00:00:00Z.
let newYear: Int64 = 1_704_067_200_000

func download(
    _ venueName: String,
    server: FakeExchangeServer,
    from: Int64,
    to: Int64,
    interval: String = "1m",
    policy: RequestPolicy = RequestPolicy(timeout: .seconds(5), initialBackoff: .milliseconds(5))
) async throws -> ([Kline], KlineDownloader.Report, [Int64]) {
    let venue = try #require(KlineVenues.venue(named: venueName))
    let transport = AsyncHTTPTransport()
    defer { Task { try? await transport.shutdown() } }
    let downloader = KlineDownloader(venue: venue, transport: transport, baseURL: server.baseURL, policy: policy)
    var bars: [Kline] = []
    var cursors: [Int64] = []
    let parsedInterval = try #require(KlineInterval(interval))
    let report = try await downloader.download(symbol: "BTCUSDT", interval: parsedInterval, from: from, to: to) {
        rows,
        cursor in
        bars.append(contentsOf: rows)
        cursors.append(cursor)
    }
    return (bars, report, cursors)
}

@Suite("Kline downloads against a local server", .serialized)
struct KlineDownloadTests {
    @Test("every venue pages through a range and returns each bar once, oldest first", arguments: KlineVenues.names)
    func venues(name: String) async throws {
        let server = try FakeExchangeServer(listedSince: newYear, availableUntil: newYear + 3_000 * 60_000)
        defer { server.shutdown() }
        let (bars, report, _) = try await download(name, server: server, from: newYear, to: newYear + 2_500 * 60_000)
        #expect(bars.count == 2_500)
        #expect(bars.map(\.openTime) == (0..<2_500).map { newYear + Int64($0) * 60_000 })
        let sample = FakeExchangeServer.bar(bars[1_234].openTime)
        #expect(
            bars[1_234].open == sample.open && bars[1_234].close == sample.close && bars[1_234].volume == sample.volume
        )
        let venue = try #require(KlineVenues.venue(named: name))
        #expect(report.pages >= (2_500 + venue.pageSize - 1) / venue.pageSize)
        #expect(report.counters.retried == 0 && report.counters.rateLimited == 0)
    }

    @Test("429 with Retry-After is waited out; 5xx, truncated and dropped bodies are retried; the data is the same")
    func faults() async throws {
        let server = try FakeExchangeServer(
            listedSince: newYear,
            availableUntil: newYear + 3_000 * 60_000,
            faults: [
                .status(429, retryAfter: 1), .status(503, retryAfter: nil), .truncated, .dropped,
                .status(418, retryAfter: 1),
            ]
        )
        defer { server.shutdown() }
        let clock = ContinuousClock()
        let started = clock.now
        let (bars, report, _) = try await download(
            "binance",
            server: server,
            from: newYear,
            to: newYear + 2_500 * 60_000
        )
        let elapsed = clock.now - started
        #expect(bars.count == 2_500)
        #expect(bars.map(\.openTime) == (0..<2_500).map { newYear + Int64($0) * 60_000 })
        #expect(report.counters.rateLimited == 2)
        #expect(report.counters.retried == 3)
        #expect(elapsed >= .seconds(2), "two Retry-After: 1 waits")
        // Three pages and five faults; the HTTP client may reconnect once on its own after the dropped connection.
        #expect(report.counters.requests == 3 + 5)
        #expect(server.requests.count >= 3 + 5)
    }

    @Test("a client error fails at once with the exchange's message; persistent 5xx gives up after the attempts")
    func failures() async throws {
        let server = try FakeExchangeServer(
            listedSince: newYear,
            availableUntil: newYear + 3_000 * 60_000,
            faults: [.status(400, retryAfter: nil)]
        )
        defer { server.shutdown() }
        await #expect(throws: ExchangeRequestError.self) {
            try await download("okx", server: server, from: newYear, to: newYear + 600_000)
        }
        #expect(server.requests.count == 1)
        server.inject(Array(repeating: .status(500, retryAfter: nil), count: 10))
        let policy = RequestPolicy(timeout: .seconds(5), maximumAttempts: 3, initialBackoff: .milliseconds(1))
        do {
            _ = try await download("bybit", server: server, from: newYear, to: newYear + 600_000, policy: policy)
            Issue.record("expected a failure")
        } catch let error as ExchangeRequestError {
            #expect(error.message.contains("gave up after 3 attempts") && error.message.contains("HTTP 500"))
        }
    }

    @Test("the host a request goes to is looked up once before it; addresses and local names pass")
    func nameResolution() async throws {
        #expect(NameResolution.host(of: "https://api.binance.com/api/v3/klines?symbol=X") == "api.binance.com")
        #expect(NameResolution.host(of: "http://127.0.0.1:8765/fapi/v1/time") == "127.0.0.1")
        #expect(NameResolution.host(of: "http://user@[::1]:80/x") == "::1")
        #expect(NameResolution.host(of: "https://www.okx.com#frag") == "www.okx.com")
        #expect(NameResolution.host(of: "no scheme") == "")
        // Numeric addresses and `localhost` (from /etc/hosts) resolve without leaving the machine.
        let names = NameResolution()
        try await names.check("127.0.0.1")
        try await names.check("::1")
        try await names.check("localhost")
    }

    @Test("DNS, TLS and malformed URLs fail at once, without retries; a refused connection is retried")
    func permanentTransportFailures() async throws {
        // Classification of errors AsyncHTTPClient and NIO raise. A real failed name lookup would leave the
        // machine, and NIO's DNS errors cannot be built outside NIO; a malformed URL is refused the same way.
        #expect(TransportError(classifying: ChannelError.connectTimeout(.seconds(1))).retryable)
        let local = AsyncHTTPTransport()
        do {
            _ = try await local.get("http://", headers: [:], timeout: .seconds(2))
            Issue.record("expected a failure")
        } catch let error as TransportError {
            #expect(!error.retryable, "\(error)")
        }
        try await local.shutdown()
        // A client gives up after the first attempt on a permanent failure.
        struct FailingTransport: HTTPTransport {
            let failure: TransportError
            let calls = Counter()
            func get(_ url: String, headers: [String: String], timeout: Duration) async throws -> HTTPResponse {
                calls.increment()
                throw failure
            }
        }
        final class Counter: @unchecked Sendable {
            private let lock = NSLock()
            private var value = 0
            func increment() { lock.withLock { value += 1 } }
            var count: Int { lock.withLock { value } }
        }
        for (failure, calls) in [
            (TransportError(retryable: false, description: "DNS: unknown host"), 1),
            (TransportError(retryable: true, description: "connection refused"), 3),
        ] {
            let transport = FailingTransport(failure: failure)
            let client = ExchangeClient(
                transport: transport,
                limiter: RateLimiter(capacity: 100, window: .seconds(1)),
                policy: RequestPolicy(timeout: .seconds(1), maximumAttempts: 3, initialBackoff: .milliseconds(1))
            )
            var counters = ExchangeClient.Counters()
            do {
                _ = try await client.get("https://api.example/x", counters: &counters) { $0 }
                Issue.record("expected a failure")
            } catch let error as ExchangeRequestError {
                #expect(error.message.contains(failure.description))
                #expect(failure.retryable || error.message.contains("not retried"))
            }
            #expect(transport.calls.count == calls, "\(failure)")
        }
        // A closed port on this machine: refused, retried, then a clear error.
        let transport = AsyncHTTPTransport()
        defer { Task { try? await transport.shutdown() } }
        do {
            _ = try await transport.get("http://127.0.0.1:1/", headers: [:], timeout: .seconds(2))
            Issue.record("expected a failure")
        } catch let error as TransportError {
            #expect(error.retryable, "\(error)")
        }
    }

    @Test("bars before listing and after the data are skipped; hours work too")
    func edges() async throws {
        let server = try FakeExchangeServer(
            listedSince: newYear + 100 * 3_600_000,
            availableUntil: newYear + 300 * 3_600_000
        )
        defer { server.shutdown() }
        let (bars, _, cursors) = try await download(
            "binance",
            server: server,
            from: newYear,
            to: newYear + 1_000 * 3_600_000,
            interval: "1h"
        )
        #expect(bars.count == 200 && bars.first?.openTime == newYear + 100 * 3_600_000)
        #expect(cursors.last == newYear + 1_000 * 3_600_000)
    }
}

@Suite("Kline vectors")
struct KlineVectorTests {
    @Test(
        "requests and responses agree with ../shared/vectors",
        .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason))
    )
    func vectors() throws {
        for name in ["binance", "bitget"] {
            let data = try Data(
                contentsOf: URL(
                    fileURLWithPath: SharedData.directory!.appendingPathComponent("vectors/exchange_\(name).json").path
                )
            )
            let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let responses = (document["response_cases"] as? [[String: Any]] ?? []).filter {
                ($0["method"] as? String) == "fetchOHLCV"
            }
            #expect(!responses.isEmpty)
            for response in responses {
                let raw = try JSONSerialization.data(withJSONObject: try #require(response["raw_response"]))
                let venue: any KlineVenue = name == "binance" ? BinanceKlines(futures: false) : BitgetKlines()
                let parsed = try venue.parse(Array(raw))
                let expected = try #require(response["expected_parsed_fields"] as? [[Double]])
                #expect(parsed.count == expected.count)
                for (bar, fields) in zip(parsed, expected) {
                    #expect(Double(bar.openTime) == fields[0])
                    #expect(
                        [bar.open, bar.high, bar.low, bar.close, bar.volume].compactMap(Double.init)
                            == Array(fields[1...5])
                    )
                }
            }
            for request in (document["request_cases"] as? [[String: Any]] ?? [])
            where (request["method"] as? String) == "fetchOHLCV" {
                guard let expected = URLComponents(string: try #require(request["expected_url"] as? String)),
                    let args = request["args"] as? [Any], let start = args[2] as? NSNumber
                else { continue }
                let venue = BinanceKlines(futures: false)
                let interval = try #require(args[1] as? String)
                let url = venue.url(
                    base: "https://api.binance.com",
                    symbol: "BTCUSDT",
                    interval: interval,
                    start: start.int64Value,
                    end: start.int64Value + 60_000
                )
                let ours = try #require(URLComponents(string: url))
                #expect(ours.host == expected.host && ours.path == expected.path)
                let mine = Dictionary(uniqueKeysWithValues: (ours.queryItems ?? []).map { ($0.name, $0.value) })
                for item in expected.queryItems ?? [] where item.name != "limit" {
                    #expect(mine[item.name] == item.value, "\(item.name)")
                }
            }
        }
    }
}
