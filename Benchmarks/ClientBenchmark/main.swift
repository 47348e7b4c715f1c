// client-benchmark: the client's own cost per order against omega sim, for scripts/benchmark-client.sh.
//
//   client-benchmark BASE_URL API_KEY SECRET [ORDERS] [ROUNDS]
//
// Sends ORDERS sequential spot orders (IOC limit buys far below the market, so each expires at once and the
// sim's state stays small) on one keep-alive connection, alternating ROUNDS times between:
//   reference: requests signed before the clock starts, sent with the same HTTP client, replies not read
//              beyond their status: the sim's service time plus loopback and HTTP;
//   omega:     BinanceAdapter.place: validate, sign, encode, send, classify and decode the reply.
// Prints p50 and p99 of each, and omega minus reference.
import ExchangeKit
import Foundation
import TradingCore

let arguments = CommandLine.arguments
guard arguments.count >= 4 else {
    FileHandle.standardError.write(Data("usage: client-benchmark BASE_URL API_KEY SECRET [ORDERS] [ROUNDS]\n".utf8))
    exit(64)
}
let base = arguments[1]
let orders = arguments.count > 4 ? Int(arguments[4]) ?? 2_000 : 2_000
let rounds = arguments.count > 5 ? Int(arguments[5]) ?? 3 : 3

func percentile(_ samples: [Duration], _ fraction: Double) -> Double {
    let sorted = samples.sorted()
    let index = min(sorted.count - 1, Int(Double(sorted.count) * fraction))
    return Double(sorted[index].components.attoseconds) / 1e12 + Double(sorted[index].components.seconds) * 1e6
}

let transport = AsyncHTTPTransport()
let auth = try RequestAuthentication(Credentials(apiKey: arguments[2], secret: arguments[3]))
let session = VenueSession(
    exchange: .binance,
    baseURL: base,
    transport: transport,
    authentication: auth,
    limiter: RateLimiter(capacity: 10_000_000, window: .seconds(1))
)
let adapter = BinanceAdapter(spot: session, futures: session)
let market = try await adapter.loadMarkets().market("BTC/USDT")
let low = try await adapter.ticker(market).last.map { Price(raw: $0.raw / 2) } ?? Price("1000")
let api = BinanceREST()
// Enough for the minimum notional at the low price (IOC far below the market: it never fills).
let quantity = market.round(
    amount: Quantity(raw: FixedPoint.divide(max(market.minNotional.raw, FixedPoint.scale) * 2, low.raw, rounding: .up))
        + market.lotStep
)
/// Numbers each order's client ID.
final class Sequence: @unchecked Sendable {
    // Read and written by the benchmark's one task only.
    var next = 0
}
let sequence = Sequence()

@MainActor func order() -> OrderRequest {
    sequence.next += 1
    return OrderRequest(
        symbol: market.symbol,
        side: .buy,
        kind: .limit,
        amount: quantity,
        price: market.round(price: low),
        timeInForce: .ioc,
        clientOrderID: "bench-\(sequence.next)"
    )
}

// Warm the connection and both paths.
for _ in 0..<200 { _ = try await adapter.place(order(), market: market) }

var referenceSamples: [Duration] = []
var omegaSamples: [Duration] = []
let clock = ContinuousClock()
for _ in 0..<rounds {
    var prepared: [VenueRequest] = []
    for _ in 0..<orders {
        prepared.append(
            try api.createOrder(
                order(),
                market: market,
                auth: auth,
                timestamp: Int64(Date().timeIntervalSince1970 * 1_000)
            )
        )
    }
    for request in prepared {
        let start = clock.now
        let reply = try await transport.send(request, baseURL: base, timeout: .seconds(10))
        referenceSamples.append(clock.now - start)
        guard reply.status == 200 else {
            fatalError("reference order refused: \(String(decoding: reply.body, as: UTF8.self))")
        }
    }
    for _ in 0..<orders {
        let next = order()
        let start = clock.now
        let placement = try await adapter.place(next, market: market)
        omegaSamples.append(clock.now - start)
        guard case .placed = placement else { fatalError("order not placed: \(placement)") }
    }
}
try await transport.shutdown()
let reference = (percentile(referenceSamples, 0.5), percentile(referenceSamples, 0.99))
let measured = (percentile(omegaSamples, 0.5), percentile(omegaSamples, 0.99))
func micro(_ value: Double) -> String { String(format: "%.1f µs", value) }
print(
    "orders \(orders * rounds) each; reference p50 \(micro(reference.0)) p99 \(micro(reference.1)); omega p50 \(micro(measured.0)) p99 \(micro(measured.1)); omega − reference: p50 \(micro(measured.0 - reference.0)), p99 \(micro(measured.1 - reference.1))"
)
