import HummingbirdWSClient
import Logging
import NIOCore
import Synchronization

/// Keeps one WebSocket connection alive: connects, hands every text message to the handler, and on a drop
/// reconnects after a backoff that doubles from `initialBackoff` to `maximumBackoff`, with ±25 % jitter so
/// that many clients do not reconnect in step. Runs until its task is cancelled.
public struct ReconnectingWebSocket: Sendable {
    public let url: String
    public var initialBackoff: Duration = .milliseconds(250)
    public var maximumBackoff: Duration = .seconds(30)
    let clock: any Clock<Duration>

    public init(url: String, clock: any Clock<Duration> = ContinuousClock()) {
        self.url = url
        self.clock = clock
    }

    /// - Parameters:
    ///   - connected: called after each (re)connection, before the first message.
    ///   - message: each text message; a throw closes the connection, which then reconnects.
    ///   - disconnected: called with the reason after each drop.
    public func run(
        connected: @escaping @Sendable () async throws -> Void,
        message: @escaping @Sendable (String) async throws -> Void,
        disconnected: @escaping @Sendable (String) async -> Void
    ) async throws {
        var failures = 0
        var logger = Logger(label: "omega.websocket")
        logger.logLevel = .critical
        while !Task.isCancelled {
            let received = Flag()
            do {
                try await WebSocketClient.connect(
                    url: url,
                    configuration: .init(maxFrameSize: 1 << 24, autoPing: .enabled(timePeriod: .seconds(30))),
                    logger: logger
                ) { inbound, _, _ in
                    try await connected()
                    for try await frame in inbound.messages(maxSize: 1 << 24) {
                        guard case .text(let text) = frame else { continue }
                        received.set()
                        try await message(text)
                    }
                }
                await disconnected("the venue closed the stream")
            } catch is CancellationError {
                return
            } catch {
                if Task.isCancelled { return }
                await disconnected("\(error)")
            }
            failures = received.isSet ? 1 : failures + 1
            try await clock.sleep(for: backoff(failures))
        }
    }

    /// The wait before reconnect attempt `failures` (1-based), with jitter.
    func backoff(_ failures: Int) -> Duration {
        let base = initialBackoff * (1 << min(failures - 1, 16))
        let capped = min(base, maximumBackoff)
        return capped * Double.random(in: 0.75...1.25)
    }
}

/// A flag set once from the connection's handler and read after it returns.
final class Flag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
