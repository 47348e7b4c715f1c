import ExchangeKit
import Foundation
import Synchronization
import Testing
import TradingCore

/// ``VenueSession`` against a scripted transport: each call takes the next scripted reply.
@Suite("A venue session classifies, waits and resyncs")
struct VenueSessionTests {
    final class ScriptedTransport: HTTPTransport {
        enum Step: Sendable {
            case reply(Int, [String: String], String)
            case fail(TransportError)
        }

        let steps: Mutex<[Step]>
        let seen = Mutex<[String]>([])

        init(_ steps: [Step]) { self.steps = Mutex(steps) }

        func get(_ url: String, headers: [String: String], timeout: Duration) async throws -> HTTPResponse {
            throw TransportError(retryable: false, description: "unused")
        }

        func send(_ request: VenueRequest, baseURL: String, timeout: Duration) async throws -> HTTPResponse {
            seen.withLock { $0.append("\(request.method.rawValue) \(request.target)") }
            let step = steps.withLock { $0.isEmpty ? nil : $0.removeFirst() }
            switch step {
            case .reply(let status, let headers, let body):
                return HTTPResponse(status: status, headers: headers, body: Array(body.utf8))
            case .fail(let error): throw error
            case nil: throw TransportError(retryable: false, description: "script exhausted")
            }
        }
    }

    func session(
        _ transport: ScriptedTransport,
        clock: @escaping @Sendable () -> Int64 = { 1_700_000_000_000 }
    ) throws -> VenueSession {
        VenueSession(
            exchange: .binance,
            baseURL: "http://127.0.0.1:1",
            transport: transport,
            authentication: try RequestAuthentication(Credentials(apiKey: "k", secret: "s")),
            limiter: RateLimiter(capacity: 100, window: .seconds(1)),
            wallClock: clock
        )
    }

    @Test("a 429 pauses the session for Retry-After, then the request goes through")
    func rateLimitWaits() async throws {
        let transport = ScriptedTransport([
            .reply(429, ["retry-after": "1"], #"{"code":-1003,"msg":"Too many requests"}"#), .reply(200, [:], "{}"),
        ])
        let session = try session(transport)
        let started = ContinuousClock.now
        let reply = try await session.send { _ in VenueRequest(method: .get, path: "/api/v3/time") }
        #expect(reply.status == 200)
        #expect(ContinuousClock.now - started >= .milliseconds(950))
        #expect(transport.seen.withLock { $0.count } == 2)
    }

    @Test("a clock outside recvWindow resyncs the offset from the server time once, then signs with it")
    func clockResync() async throws {
        let transport = ScriptedTransport([
            .reply(400, [:], #"{"code":-1021,"msg":"Timestamp for this request is outside of the recvWindow."}"#),
            .reply(200, [:], #"{"serverTime":1700000005000}"#), .reply(200, [:], "{}"),
        ])
        let session = try session(transport)
        let auth = try session.requireAuthentication()
        _ = try await session.send { try BinanceREST().balance(.spot, auth: auth, timestamp: $0) }
        let seen = transport.seen.withLock { $0 }
        #expect(seen.count == 3 && seen[1] == "GET /api/v3/time")
        #expect(seen[2].contains("timestamp=1700000005000"), "\(seen)")
        // A second clock error after the resync fails loudly.
        let again = ScriptedTransport([
            .reply(400, [:], #"{"code":-1021,"msg":"outside recvWindow"}"#),
            .reply(200, [:], #"{"serverTime":1700000005000}"#),
            .reply(400, [:], #"{"code":-1021,"msg":"outside recvWindow"}"#),
        ])
        let failing = try self.session(again)
        await #expect(throws: VenueFailure.self) {
            _ = try await failing.send { try BinanceREST().balance(.spot, auth: auth, timestamp: $0) }
        }
    }

    @Test("an order whose connection broke after sending is an unknown outcome, and is not sent again")
    func unknownOutcome() async throws {
        let transport = ScriptedTransport([
            .fail(TransportError(retryable: true, description: "read timed out", mayHaveBeenSent: true))
        ])
        let session = try session(transport)
        let auth = try session.requireAuthentication()
        let order = OrderRequest(
            symbol: "BTC/USDT",
            side: .buy,
            kind: .market,
            amount: try .init("0.01"),
            clientOrderID: "c1"
        )
        let market = VenueMarket(
            venueSymbol: "BTCUSDT",
            kind: .spot,
            base: "BTC",
            quote: "USDT",
            tickSize: try .init("0.01"),
            lotStep: try .init("0.00001"),
            minQuantity: try .init("0.00001")
        )
        do {
            _ = try await session.send {
                try BinanceREST().createOrder(order, market: market, auth: auth, timestamp: $0)
            }
            Issue.record("expected an unknown outcome")
        } catch VenueFailure.unknownOutcome {
            #expect(transport.seen.withLock { $0.count } == 1)
        }
    }

    @Test("a refused connection is retried: nothing was sent")
    func refusedConnectionRetried() async throws {
        let transport = ScriptedTransport([
            .fail(TransportError(retryable: true, description: "connection refused")), .reply(200, [:], "{}"),
        ])
        let reply = try await session(transport).send { _ in VenueRequest(method: .post, path: "/api/v3/order") }
        #expect(reply.status == 200)
        #expect(transport.seen.withLock { $0.count } == 2)
    }
}
