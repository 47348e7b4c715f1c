public import TradingCore

/// The result of processing one event.
///
/// For hot loops, keep one output and pass it to ``Engine/process(_:at:into:)``: the engine clears it
/// and refills it, reusing its storage.
public struct EngineOutput: Sendable {
    /// The engine's event sequence number for this event.
    public internal(set) var sequence: UInt64
    /// Requests for venues; each passed risk.
    public private(set) var requests: ScratchBuffer<RiskApproved<ExecutionRequest>> = []
    /// Timer changes for the clock driver.
    public private(set) var timers: ScratchBuffer<TimerRequest> = []
    /// The audit record.
    public private(set) var facts: ScratchBuffer<EngineFact> = []
    /// Every risk decision made during the event, approved or refused, with its inputs.
    public private(set) var decisions: [RiskDecision] = []
    /// Venue reports the engine could not reconcile with what it knows (an unknown order, a transition
    /// the lifecycle table forbids). The engine records them here and carries on.
    public private(set) var anomalies: [String] = []
    /// Whether anything was added since the last reset: one flag to test on every event, instead of the
    /// five arrays (most events add nothing).
    @usableFromInline private(set) var written = false

    public init() { sequence = 0 }

    init(sequence: UInt64) { self.sequence = sequence }

    /// Whether the event changed nothing worth recording.
    @inlinable
    public var isEmpty: Bool { !written }

    /// Moves the requests to the end of `queue` (a driver's in-flight queue), leaving none here. When the
    /// queue is empty the two buffers are swapped, so nothing is copied.
    public mutating func moveRequests(to queue: inout ScratchBuffer<RiskApproved<ExecutionRequest>>) {
        if queue.isEmpty {
            swap(&queue, &requests)
        } else {
            for request in requests { queue.append(request) }
        }
        requests.removeAll()
        written = !(timers.isEmpty && facts.isEmpty && anomalies.isEmpty && decisions.isEmpty)
    }

    @inline(__always)
    mutating func append(_ request: RiskApproved<ExecutionRequest>) {
        requests.append(request)
        written = true
    }

    /// ``append(_:)-(RiskApproved<ExecutionRequest>)`` of the request `make` builds, written where it will
    /// lie (see ``ScratchBuffer/append(building:)``).
    @inline(__always)
    mutating func appendRequest(_ make: () -> RiskApproved<ExecutionRequest>) {
        requests.append(building: make)
        written = true
    }

    @inline(__always)
    mutating func append(_ timer: TimerRequest) {
        timers.append(timer)
        written = true
    }

    @inline(__always)
    mutating func append(_ fact: EngineFact) {
        facts.append(fact)
        written = true
    }

    /// ``append(_:)-(EngineFact)`` of the fact `make` builds, written where it will lie (see
    /// ``ScratchBuffer/append(building:)``).
    @inline(__always)
    mutating func appendFact(_ make: () -> EngineFact) {
        facts.append(building: make)
        written = true
    }

    @inline(__always)
    mutating func append(_ decision: RiskDecision) {
        decisions.append(decision)
        written = true
    }

    mutating func append(anomaly: String) {
        anomalies.append(anomaly)
        written = true
    }

    /// Empties the output, keeping its storage.
    @inline(__always)
    mutating func reset(sequence: UInt64) {
        self.sequence = sequence
        guard written else { return }
        written = false
        if !decisions.isEmpty { decisions.removeAllKeepingCapacity() }
        requests.removeAll()
        timers.removeAll()
        facts.removeAll()
        if !anomalies.isEmpty { anomalies.removeAllKeepingCapacity() }
    }
}
