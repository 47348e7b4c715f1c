import Synchronization
public import TradingCore

/// Draws the faults of each request from the ``FaultSpec`` with a seeded generator, and records every
/// fault it injected: which request, and whether the request took effect before the fault (an order
/// accepted and then answered 5xx or timed out) or not. The admin API and tests read the records.
public final class FaultInjector: Sendable {
    /// What happens to one request.
    public enum Decision: Sendable, Hashable {
        case none
        case http429
        /// A definite refusal of a new order.
        case reject
        /// HTTP `status`, before or after the request takes effect.
        case http5xx(status: Int, afterAccept: Bool)
        /// Held for the spec's `hold`, then HTTP 503 -1007, before or after the request takes effect.
        case timeout(afterAccept: Bool)

        /// Whether the request is processed before the fault is answered.
        public var processes: Bool {
            switch self {
            case .none, .http5xx(_, true), .timeout(true): true
            case .http429, .reject, .http5xx(_, false), .timeout(false): false
            }
        }
    }

    /// One injected fault.
    public struct Record: Sendable, Hashable {
        public let sequence: Int
        public let wallTime: Int64
        /// `http5xx`, `timeout`, `reject`, `http429`, `ws_drop`, `ws_duplicate` or `ws_reorder`.
        public let kind: String
        /// Whether the request took effect (an order placed or cancelled) although its answer was the fault.
        public let tookEffect: Bool
        public let method: String
        public let path: String
        public let account: String?
        public let orderId: Int64?
        public let clientOrderId: String?
    }

    struct State: Sendable {
        var spec: FaultSpec
        var generator: SeededGenerator
        var records: [Record] = []
    }

    private let state: Mutex<State>

    public init(spec: FaultSpec = .none, seed: UInt64) {
        state = Mutex(State(spec: spec, generator: SeededGenerator(seed: seed ^ 0xFA17_5EED)))
    }

    public var spec: FaultSpec { state.withLock { $0.spec } }

    /// Replaces the spec (the admin API); the records stay.
    public func set(_ spec: FaultSpec) { state.withLock { $0.spec = spec } }

    public var records: [Record] { state.withLock { $0.records } }

    /// The fault for a request, and the latency to add to its answer in milliseconds. `orderRequest`: a
    /// new order or a cancel (the faults with an unknown outcome apply only to those); `newOrder`: a new
    /// order (`reject` applies).
    public func decide(orderRequest: Bool, newOrder: Bool) -> (Decision, latency: Int) {
        state.withLock { state in
            let spec = state.spec
            guard !spec.isEmpty else { return (.none, 0) }
            var latency = 0
            if let range = spec.latency {
                latency = range.lowerBound + Int(state.generator.next() % UInt64(range.count))
            }
            if spec.http429 > 0 && state.generator.nextUnit() < spec.http429 { return (.http429, latency) }
            guard orderRequest else { return (.none, latency) }
            var draw = state.generator.nextUnit()
            let statuses = [500, 502, 503]
            let choices: [(Double, Decision)] = [
                (spec.http5xxBefore, .http5xx(status: statuses[Int(state.generator.next() % 3)], afterAccept: false)),
                (spec.http5xxAfter, .http5xx(status: statuses[Int(state.generator.next() % 3)], afterAccept: true)),
                (spec.timeoutBefore, .timeout(afterAccept: false)),
                (spec.timeoutAfter, .timeout(afterAccept: true)),
                (newOrder ? spec.reject : 0, .reject),
            ]
            for (probability, decision) in choices {
                if draw < probability { return (decision, latency) }
                draw -= probability
            }
            return (.none, latency)
        }
    }

    /// How long a timeout holds its answer, in milliseconds.
    public var holdMilliseconds: Int { state.withLock { $0.spec.holdMilliseconds } }

    /// Records an injected fault.
    public func record(
        kind: String,
        tookEffect: Bool,
        method: String,
        path: String,
        account: String?,
        orderId: Int64?,
        clientOrderId: String?,
        wall: Timestamp
    ) {
        state.withLock { state in
            state.records.append(
                Record(
                    sequence: state.records.count + 1,
                    wallTime: wall.milliseconds,
                    kind: kind,
                    tookEffect: tookEffect,
                    method: method,
                    path: path,
                    account: account,
                    orderId: orderId,
                    clientOrderId: clientOrderId
                )
            )
        }
    }

    /// Forgets every record (the admin API's reset).
    public func clearRecords() { state.withLock { $0.records.removeAll() } }
}
