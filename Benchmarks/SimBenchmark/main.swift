// sim-benchmark: the load generator and reference server behind scripts/benchmark-sim.sh.
//
//   sim-benchmark reference --port P                 a bare Hummingbird endpoint with a fixed JSON body
//   sim-benchmark orders --port P [--rate N] [--connections 64] [--seconds 10]
//                                                    signed new orders (IOC, far under the market) against
//                                                    POST /api/v3/order; closed loop, or open loop at N/s
//   sim-benchmark userdata --port P [--samples 2000] time from sending an order to its executionReport
//   sim-benchmark streams --port P [--clients 1000] [--seconds 10]
//                                                    WebSocket clients on depth@100ms for 3 symbols
import Crypto
import Foundation
import Hummingbird
import HummingbirdWSClient
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String, _ fallback: Double) -> Double {
    guard let index = arguments.firstIndex(of: "--\(name)"), index + 1 < arguments.count,
        let value = Double(arguments[index + 1])
    else { return fallback }
    return value
}
let port = Int(option("port", 8765))
let key = "bench-key"

@Sendable func signedQuery(_ parameters: String) -> String {
    let secret = SymmetricKey(data: Data("bench-secret".utf8))
    let payload = parameters + "&timestamp=\(Int64(Date().timeIntervalSince1970 * 1_000))"
    let signature = HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: secret)
    let digits = Array("0123456789abcdef".utf8)
    var hex: [UInt8] = []
    for byte in signature {
        hex.append(digits[Int(byte >> 4)])
        hex.append(digits[Int(byte & 15)])
    }
    return payload + "&signature=" + String(decoding: hex, as: UTF8.self)
}

/// The signed order URI, signed again every 20 ms: the generator's cost per request stays far below the
/// server's, and every timestamp is fresh (the sim checks them against its 5 s window).
final class SignedURI: @unchecked Sendable {
    private let lock = NSLock()
    private var uri = ""
    private var signedAt: UInt64 = 0
    let parameters: String
    init(_ parameters: String) { self.parameters = parameters }
    var current: String {
        lock.withLock {
            let now = DispatchTime.now().uptimeNanoseconds
            if now - signedAt > 20_000_000 {
                uri = "/api/v3/order?" + signedQuery(parameters)
                signedAt = now
            }
            return uri
        }
    }
}

func printJSON(_ fields: [(String, Any)]) {
    print("{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}")
}

/// An order that the sim accepts and expires at once: IOC, well under the market (inside Binance's 0.2×
/// price band, over the 5 USDT minimum notional).
nonisolated(unsafe) let orderParameters =
    "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=IOC&quantity=0.001&price=20000.00&newOrderRespType=ACK"

switch arguments.first {
case "reference":
    // The same answer size as the sim's ACK for the order above.
    let body =
        #"{"symbol":"BTCUSDT","orderId":123456,"orderListId":-1,"clientOrderId":"omega-sim-123456","transactTime":1704153600000}"#
    let router = Router()
    router.post("/api/v3/order") { _, _ in
        Response(
            status: .ok,
            headers: [.contentType: "application/json;charset=UTF-8"],
            body: .init(byteBuffer: ByteBuffer(string: body))
        )
    }
    var logger = Logger(label: "reference")
    logger.logLevel = .warning
    let app = Application(
        router: router,
        configuration: .init(address: .hostname("127.0.0.1", port: port)),
        logger: logger
    )
    try await app.runService()

case "orders":
    let rate = arguments.contains("--rate") ? option("rate", 10_000) : nil
    let uris = SignedURI(orderParameters)
    let load = HTTPLoad(
        host: "127.0.0.1",
        port: port,
        connections: Int(option("connections", 64)),
        seconds: option("seconds", 10),
        warmup: option("warmup", 2),
        rate: rate,
        make: { [uris] in HTTPLoad.Request(method: .POST, uri: uris.current, headers: [("X-MBX-APIKEY", key)]) }
    )
    let group = MultiThreadedEventLoopGroup(numberOfThreads: Int(option("threads", 1)))
    let result = try load.run(group: group)
    printJSON([
        ("mode", rate == nil ? "\"closed\"" : "\"open \(Int(rate!))/s\""), ("requests", result.requests),
        ("errors", result.errors), ("rate", String(format: "%.0f", result.rate)),
        ("p50_ms", String(format: "%.3f", result.percentile(0.5))),
        ("p99_ms", String(format: "%.3f", result.percentile(0.99))),
    ])

case "userdata":
    // A listen key, a connection on it, then orders one at a time: the time from sending each to its
    // first executionReport.
    var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/api/v3/userDataStream")!)
    request.httpMethod = "POST"
    request.setValue(key, forHTTPHeaderField: "X-MBX-APIKEY")
    let (data, _) = try await URLSession.shared.data(for: request)
    let listenKey = (try JSONSerialization.jsonObject(with: data) as! [String: String])["listenKey"]!
    let samples = Int(option("samples", 2_000))
    // The first orders warm both ends up (connections, first-time code paths, allocator); not measured.
    let warmup = 200
    let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
        let (events, continuation) = AsyncStream.makeStream(of: (String, UInt64).self)
        group.addTask {
            var logger = Logger(label: "ws")
            logger.logLevel = .warning
            try await WebSocketClient.connect(
                url: "ws://127.0.0.1:\(port)/ws/\(listenKey)",
                configuration: .init(maxFrameSize: 1 << 22),
                logger: logger
            ) { inbound, _, _ in
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    guard case .text(let text) = message, text.contains("executionReport") else { continue }
                    let now = DispatchTime.now().uptimeNanoseconds
                    if let range = text.range(of: #""c":""#) {
                        let rest = text[range.upperBound...]
                        continuation.yield((String(rest[..<rest.firstIndex(of: "\"")!]), now))
                    }
                }
            }
            return []
        }
        group.addTask {
            try await Task.sleep(for: .milliseconds(300))
            var iterator = events.makeAsyncIterator()
            var measured: [Double] = []
            let session = URLSession(configuration: .ephemeral)
            for sample in 0..<(warmup + samples) {
                let id = "lat-\(sample)"
                var order = URLRequest(
                    url: URL(
                        string: "http://127.0.0.1:\(port)/api/v3/order?"
                            + signedQuery(orderParameters + "&newClientOrderId=\(id)")
                    )!
                )
                order.httpMethod = "POST"
                order.setValue(key, forHTTPHeaderField: "X-MBX-APIKEY")
                let sent = DispatchTime.now().uptimeNanoseconds
                async let answer = session.data(for: order)
                while let (client, at) = await iterator.next() {
                    if client == id {
                        if sample >= warmup { measured.append(Double(at - sent) / 1e6) }
                        break
                    }
                }
                _ = try await answer
            }
            return measured
        }
        let measured = try await group.next()!
        group.cancelAll()
        return measured.sorted()
    }
    printJSON([
        ("samples", latencies.count), ("p50_ms", String(format: "%.3f", latencies[latencies.count / 2])),
        ("p99_ms", String(format: "%.3f", latencies[min(latencies.count - 1, latencies.count * 99 / 100)])),
        ("max_ms", String(format: "%.3f", latencies.last!)),
    ])

case "streams":
    let clients = Int(option("clients", 1_000))
    let seconds = option("seconds", 10)
    let counter = Counter()
    // Raw connections that SUBSCRIBE, as ccxt's do (this client's URL parser drops a query with `@` in it).
    let url = "ws://127.0.0.1:\(port)/ws"
    let subscribe =
        #"{"method":"SUBSCRIBE","params":["btcusdt@depth@100ms","ethusdt@depth@100ms","solusdt@depth@100ms"],"id":1}"#
    try await withThrowingTaskGroup(of: Void.self) { group in
        for index in 0..<clients {
            group.addTask {
                // Staggered, so the listen backlog is not flooded; a failed client is counted, not fatal.
                try await Task.sleep(for: .milliseconds(index * 2))
                var logger = Logger(label: "ws")
                logger.logLevel = .critical
                do {
                    try await WebSocketClient.connect(
                        url: url,
                        configuration: .init(maxFrameSize: 1 << 22),
                        logger: logger
                    ) {
                        inbound,
                        outbound,
                        _ in
                        try await outbound.write(.text(subscribe))
                        counter.connected()
                        for try await _ in inbound.messages(maxSize: 1 << 22) { counter.received() }
                    }
                } catch is CancellationError {
                } catch {
                    counter.failed()
                }
            }
        }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            throw CancellationError()
        }
        // The timer task ends the wait (client tasks only end when their connection does).
        while let result = await group.nextResult() {
            if case .failure = result { break }
        }
        let (connected, messages) = counter.totals
        printJSON([
            ("clients", clients), ("connected", connected), ("failed", counter.failures), ("messages", messages),
            ("seconds", seconds),
        ])
        // Leave the connections open for the caller to read the server's memory, then stop.
        try await Task.sleep(for: .seconds(option("hold", 0)))
        group.cancelAll()
    }
    exit(0)

default:
    print("usage: sim-benchmark reference|orders|userdata|streams --port P …")
    exit(64)
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var connections = 0
    private var messages = 0
    private var failedCount = 0
    func failed() { lock.withLock { failedCount += 1 } }
    var failures: Int { lock.withLock { failedCount } }
    func connected() { lock.withLock { connections += 1 } }
    func received() { lock.withLock { messages += 1 } }
    var totals: (Int, Int) { lock.withLock { (connections, messages) } }
}
