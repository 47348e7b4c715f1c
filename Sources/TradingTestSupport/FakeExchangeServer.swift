import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A local HTTP server on 127.0.0.1 that answers the public kline endpoints of Binance (spot and USD-M),
/// Bybit, OKX and Bitget in their response shapes (../shared/vectors/exchange_*.json), with bars from a
/// deterministic formula, and can be told to fail: 429/418 with `Retry-After`, 5xx, truncated bodies.
public final class FakeExchangeServer: @unchecked Sendable {
    public enum Fault: Sendable {
        /// An ordinary answer (to schedule faults for later requests).
        case pass
        case status(Int, retryAfter: Int?)
        /// A complete 200 response whose JSON is cut off halfway.
        case truncated
        /// A 200 that announces the whole body, sends half and closes the connection.
        case dropped
    }

    /// Bars exist from this open time (ms) …
    public let listedSince: Int64
    /// … to this one (exclusive).
    public let availableUntil: Int64
    public private(set) var port = 0
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private var channel: (any Channel)?
    private let lock = NIOLock()
    private var faults: [Fault]
    private var log: [String] = []

    public init(listedSince: Int64, availableUntil: Int64, faults: [Fault] = []) throws {
        self.listedSince = listedSince
        self.availableUntil = availableUntil
        self.faults = faults
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { [unowned self] channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(Handler(server: self))
                }
            }
        let channel = try bootstrap.bind(host: "127.0.0.1", port: 0).wait()
        self.channel = channel
        port = channel.localAddress?.port ?? 0
    }

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The request URIs received, in order.
    public var requests: [String] { lock.withLock { log } }

    /// Adds faults for the next requests, in order.
    public func inject(_ more: [Fault]) { lock.withLock { faults.append(contentsOf: more) } }

    /// Closes the listener and stops the server's thread. Call it from the test, not from a server callback.
    public func shutdown() {
        try? channel?.close().wait()
        channel = nil
        try? group.syncShutdownGracefully()
    }

    /// The bar the server serves for an open time (ms), as decimal text.
    public static func bar(_ time: Int64) -> (open: String, high: String, low: String, close: String, volume: String) {
        let step = Int(time / 60_000 % 997)
        let open = 20_000 + step * 3
        let close = 20_000 + (step * 7) % 991 + 1
        let high = max(open, close) + 5
        let low = min(open, close) - 5
        return ("\(open).5", "\(high).25", "\(low)", "\(close).75", "\(step % 13).12345678")
    }

    fileprivate func respond(to uri: String) -> (status: Int, headers: [(String, String)], body: [UInt8], drop: Bool) {
        let fault: Fault? = lock.withLock {
            log.append(uri)
            return faults.isEmpty ? nil : faults.removeFirst()
        }
        if case .status(let code, let retryAfter) = fault {
            let headers = retryAfter.map { [("Retry-After", String($0))] } ?? []
            return (code, headers, Array("{\"code\":-1003,\"msg\":\"injected \(code)\"}".utf8), false)
        }
        let body = Array(self.body(for: uri).utf8)
        switch fault {
        case .truncated: return (200, [], Array(body.prefix(body.count / 2)), false)
        case .dropped: return (200, [], body, true)
        default: return (200, [("X-MBX-USED-WEIGHT-1M", "10")], body, false)
        }
    }

    private func body(for uri: String) -> String {
        let components = URLComponents(string: uri)
        var query: [String: String] = [:]
        for item in components?.queryItems ?? [] { query[item.name] = item.value }
        let path = components?.path ?? ""
        func int(_ name: String) -> Int64? { query[name].flatMap { Int64($0) } }
        func row(_ time: Int64, quoteTimes: Bool) -> String {
            let bar = Self.bar(time)
            let stamp = quoteTimes ? "\"\(time)\"" : "\(time)"
            return "[\(stamp),\"\(bar.open)\",\"\(bar.high)\",\"\(bar.low)\",\"\(bar.close)\",\"\(bar.volume)\""
        }
        func bars(interval: Int64, from: Int64, through: Int64) -> [Int64] {
            guard interval > 0 else { return [] }
            var first = max(from, listedSince)
            if first % interval != 0 { first += interval - first % interval }
            let last = min(through, availableUntil - 1)
            guard first <= last else { return [] }
            return Array(stride(from: first, through: last, by: Int(interval)))
        }
        let minutes: [String: Int64] = [
            "1m": 1, "3m": 3, "5m": 5, "15m": 15, "30m": 30, "1h": 60, "4h": 240, "1d": 1_440, "1": 1, "5": 5, "15": 15,
            "60": 60,
            "D": 1_440, "1H": 60, "4H": 240, "1Dutc": 1_440, "1min": 1, "5min": 5, "15min": 15,
        ]
        switch path {
        case "/api/v3/klines", "/fapi/v1/klines":
            let interval = (minutes[query["interval"] ?? ""] ?? 0) * 60_000
            let limit = Int(int("limit") ?? 500)
            let times = bars(
                interval: interval,
                from: int("startTime") ?? listedSince,
                through: int("endTime") ?? Int64.max
            ).prefix(limit)
            return "["
                + times.map { row($0, quoteTimes: false) + ",\($0 + interval - 1),\"0\",1,\"0\",\"0\",\"0\"]" }.joined(
                    separator: ","
                ) + "]"
        case "/v5/market/kline":
            let interval = (minutes[query["interval"] ?? ""] ?? 0) * 60_000
            let limit = Int(int("limit") ?? 200)
            let times = bars(interval: interval, from: int("start") ?? listedSince, through: int("end") ?? Int64.max)
                .prefix(limit).reversed()
            let list = times.map { row($0, quoteTimes: true) + ",\"0\"]" }.joined(separator: ",")
            return
                "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"category\":\"spot\",\"symbol\":\"\(query["symbol"] ?? "")\",\"list\":[\(list)]},\"time\":0}"
        case "/api/v5/market/history-candles":
            let interval = (minutes[query["bar"] ?? ""] ?? 0) * 60_000
            let limit = Int(int("limit") ?? 100)
            let all = bars(
                interval: interval,
                from: (int("before") ?? listedSince - 1) + 1,
                through: (int("after") ?? Int64.max) - 1
            )
            let times = all.suffix(limit).reversed()
            let data = times.map { row($0, quoteTimes: true) + ",\"0\",\"0\",\"1\"]" }.joined(separator: ",")
            return "{\"code\":\"0\",\"msg\":\"\",\"data\":[\(data)]}"
        case "/api/v2/spot/market/history-candles":
            let interval = (minutes[query["granularity"] ?? ""] ?? 0) * 60_000
            let limit = Int(int("limit") ?? 100)
            let times = bars(interval: interval, from: listedSince, through: (int("endTime") ?? Int64.max) - 1).suffix(
                limit
            )
            let data = times.map { row($0, quoteTimes: true) + ",\"0\",\"0\"]" }.joined(separator: ",")
            return "{\"code\":\"00000\",\"msg\":\"success\",\"requestTime\":0,\"data\":[\(data)]}"
        default:
            return "{\"error\":\"unknown path \(path)\"}"
        }
    }

    private final class Handler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        private weak var server: FakeExchangeServer?
        private var uri = ""

        init(server: FakeExchangeServer) { self.server = server }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head): uri = head.uri
            case .body: break
            case .end:
                guard let server else { return context.close(promise: nil) }
                let answer = server.respond(to: uri)
                var headers = HTTPHeaders()
                headers.add(name: "Content-Type", value: "application/json")
                headers.add(name: "Content-Length", value: String(answer.body.count))
                for (name, value) in answer.headers { headers.add(name: name, value: value) }
                let head = HTTPResponseHead(
                    version: .http1_1,
                    status: HTTPResponseStatus(statusCode: answer.status),
                    headers: headers
                )
                context.write(wrapOutboundOut(.head(head)), promise: nil)
                let sent = answer.drop ? Array(answer.body.prefix(answer.body.count / 2)) : answer.body
                var buffer = context.channel.allocator.buffer(capacity: sent.count)
                buffer.writeBytes(sent)
                if answer.drop {
                    let channel = context.channel
                    context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(buffer)))).whenComplete { _ in
                        channel.close(promise: nil)
                    }
                } else {
                    context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
                    context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
                }
            }
        }
    }
}
