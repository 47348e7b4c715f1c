import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// An HTTP/1.1 keep-alive load generator: `connections` connections, each with one request in flight.
///
/// Closed loop (`rate == nil`): each connection sends its next request as soon as the answer arrives, which
/// measures the most a server answers. Open loop (`rate` requests a second in all): each connection sends
/// on a fixed schedule, and a latency is measured from the scheduled time, so a slow answer that delays the
/// next request counts against the server (no coordinated omission).
struct HTTPLoad {
    struct Request {
        let method: HTTPMethod
        let uri: String
        let headers: [(String, String)]
    }

    struct Result {
        let requests: Int
        let errors: Int
        let seconds: Double
        /// Latencies in microseconds, sorted.
        let latencies: [Int]

        var rate: Double { Double(requests) / seconds }
        func percentile(_ p: Double) -> Double {
            guard !latencies.isEmpty else { return .nan }
            return Double(latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]) / 1_000
        }
    }

    let host: String
    let port: Int
    let connections: Int
    let seconds: Double
    let warmup: Double
    let rate: Double?
    let make: @Sendable () -> Request

    func run(group: any EventLoopGroup) throws -> Result {
        let start = DispatchTime.now().uptimeNanoseconds
        let measureFrom = start + UInt64(warmup * 1e9)
        let stopAt = measureFrom + UInt64(seconds * 1e9)
        let interval = rate.map { UInt64(Double(connections) / $0 * 1e9) }
        var handlers: [LoadHandler] = []
        var channels: [any Channel] = []
        for index in 0..<connections {
            let offset = interval.map { $0 * UInt64(index) / UInt64(connections) } ?? 0
            let handler = LoadHandler(
                make: make,
                host: host,
                measureFrom: measureFrom,
                stopAt: stopAt,
                interval: interval,
                firstSend: start + offset
            )
            handlers.append(handler)
            let channel = try ClientBootstrap(group: group)
                .channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.pipeline.addHTTPClientHandlers().flatMap { channel.pipeline.addHandler(handler) }
                }
                .connect(host: host, port: port).wait()
            channels.append(channel)
        }
        for channel in channels {
            channel.eventLoop.execute { channel.triggerUserOutboundEvent(Start(), promise: nil) }
        }
        Thread.sleep(forTimeInterval: warmup + seconds + 0.5)
        var latencies: [Int] = []
        var requests = 0
        var errors = 0
        for (handler, channel) in zip(handlers, channels) {
            let (l, r, e) = try channel.eventLoop.submit { (handler.latencies, handler.requests, handler.errors) }
                .wait()
            latencies += l
            requests += r
            errors += e
            try? channel.close().wait()
        }
        latencies.sort()
        return Result(requests: requests, errors: errors, seconds: seconds, latencies: latencies)
    }
}

struct Start {}

final class LoadHandler: ChannelDuplexHandler, @unchecked Sendable {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = Never
    typealias OutboundOut = HTTPClientRequestPart

    let make: @Sendable () -> HTTPLoad.Request
    let host: String
    let measureFrom: UInt64
    let stopAt: UInt64
    let interval: UInt64?
    var nextSend: UInt64
    var sentAt: UInt64 = 0
    var status = 0
    var latencies: [Int] = []
    var requests = 0
    var errors = 0

    init(
        make: @escaping @Sendable () -> HTTPLoad.Request,
        host: String,
        measureFrom: UInt64,
        stopAt: UInt64,
        interval: UInt64?,
        firstSend: UInt64
    ) {
        self.make = make
        self.host = host
        self.measureFrom = measureFrom
        self.stopAt = stopAt
        self.interval = interval
        nextSend = firstSend
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        if event is Start { schedule(context: context) }
        promise?.succeed()
    }

    func schedule(context: ChannelHandlerContext) {
        let now = DispatchTime.now().uptimeNanoseconds
        guard now < stopAt else { return }
        if interval != nil && nextSend > now {
            let delay = TimeAmount.nanoseconds(Int64(nextSend - now))
            let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
            context.eventLoop.scheduleTask(in: delay) { self.send(context: loopBound.value) }
        } else {
            send(context: context)
        }
    }

    func send(context: ChannelHandlerContext) {
        let request = make()
        var head = HTTPRequestHead(version: .http1_1, method: request.method, uri: request.uri)
        head.headers.add(name: "Host", value: host)
        head.headers.add(name: "Content-Length", value: "0")
        for (name, value) in request.headers { head.headers.add(name: name, value: value) }
        // Open loop: the latency counts from the scheduled moment.
        sentAt = interval != nil ? nextSend : DispatchTime.now().uptimeNanoseconds
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): status = Int(head.status.code)
        case .body: break
        case .end:
            let now = DispatchTime.now().uptimeNanoseconds
            if sentAt >= measureFrom && now <= stopAt {
                requests += 1
                if status != 200 { errors += 1 }
                latencies.append(Int((now - sentAt) / 1_000))
            }
            if let interval { nextSend += interval }
            schedule(context: context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        errors += 1
        context.close(promise: nil)
    }
}
