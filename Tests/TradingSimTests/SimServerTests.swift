import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
import TradingCore
import TradingSim

@Suite("omega sim over HTTP")
struct SimServerTests {
    @Test("a live server on loopback answers market data and Binance errors with JSON bodies; market time runs")
    func live() async throws {
        // A wall clock that the test moves: market time follows it at 60× (a market minute per wall second).
        let wall = ManualWall(Timestamp(nanoseconds: 1_700_000_000_000_000_000))
        let server = try SimServer(
            configuration: SimServer.Configuration(port: 0, bars: 4_000, clock: .wall(speed: 60), historyMinutes: 100),
            wall: WallClock { wall.now }
        )
        try await server.application().test(.live) { client in
            try await client.execute(uri: "/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=1000", method: .get) {
                response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json;charset=UTF-8")
                #expect(response.headers[HTTPField.Name("X-MBX-USED-WEIGHT-1M")!] == "2")
                let rows = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [[Any]]
                #expect(rows?.count == 100)
            }
            wall.advance(seconds: 30)
            try await client.execute(uri: "/fapi/v1/klines?symbol=ETHUSDT&interval=1m&limit=1000", method: .get) {
                response in
                let rows = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [[Any]]
                #expect(rows?.count == 130)
            }
            try await client.execute(uri: "/api/v3/ticker/price?symbol=NOPE", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body) == #"{"code":-1121,"msg":"Invalid symbol."}"#)
            }
            try await client.execute(uri: "/api/v3/time", method: .get) { response in
                #expect(String(buffer: response.body) == #"{"serverTime":1700000030000}"#)
            }
        }
    }

    @Test("a manual clock stands still until stepped")
    func manualClock() {
        var clock = ReplayClock(
            mode: .manual,
            marketStart: Timestamp(nanoseconds: 0),
            wallStart: Timestamp(nanoseconds: 5)
        )
        #expect(clock.marketTime(at: Timestamp(nanoseconds: 1_000_000_000_000)) == Timestamp(nanoseconds: 0))
        clock.step(nanoseconds: 60_000_000_000)
        #expect(clock.marketTime(at: Timestamp(nanoseconds: 9)) == Timestamp(nanoseconds: 60_000_000_000))
    }
}

/// A wall clock the test moves by hand.
final class ManualWall: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Timestamp

    init(_ start: Timestamp) { value = start }

    var now: Timestamp { lock.withLock { value } }

    func advance(seconds: Int64) { lock.withLock { value = value.advanced(byNanoseconds: seconds * 1_000_000_000) } }
}
