import HeapModule
public import TradingCore
public import TradingEngine

/// The backtest's clock: time moves only when an event moves it, and timers fire in `(time, order set)`
/// order. ``advance(to:)`` traps if time would go backwards (Nautilus' `TestClock`).
public struct SimulatedClock: Sendable {
    private struct Scheduled: Comparable, Sendable {
        let time: Int64
        let sequence: UInt64
        let timer: TimerID
        let interval: Int64?

        static func < (lhs: Scheduled, rhs: Scheduled) -> Bool { (lhs.time, lhs.sequence) < (rhs.time, rhs.sequence) }
        static func == (lhs: Scheduled, rhs: Scheduled) -> Bool { (lhs.time, lhs.sequence) == (rhs.time, rhs.sequence) }
    }

    public private(set) var now: Timestamp
    private var heap = Heap<Scheduled>()
    /// The live schedule entry of each timer; heap entries with another sequence are stale.
    private var live: [TimerID: UInt64] = [:]
    private var sequence: UInt64 = 0

    public init(start: Timestamp) { now = start }

    /// Whether any timer is scheduled (possibly cancelled since).
    public var hasTimers: Bool { !heap.isEmpty }

    /// Applies the engine's timer requests.
    public mutating func apply(_ requests: some Sequence<TimerRequest>) {
        for request in requests {
            switch request {
            case .set(let timer, let time, let interval):
                sequence += 1
                live[timer] = sequence
                heap.insert(
                    Scheduled(time: max(time, now).nanoseconds, sequence: sequence, timer: timer, interval: interval)
                )
            case .cancel(let timer):
                live[timer] = nil
            }
        }
    }

    /// The time of the next live timer, if any.
    public mutating func nextDeadline() -> Timestamp? {
        while let top = heap.min {
            if live[top.timer] == top.sequence { return Timestamp(nanoseconds: top.time) }
            heap.removeMin()
        }
        return nil
    }

    /// Moves time forward to `time`.
    public mutating func advance(to time: Timestamp) {
        precondition(time >= now, "Invariant: simulated time is monotonic")
        now = time
    }

    /// Fires the next timer due at or before `limit`, moving time to its deadline; reschedules repeating
    /// timers.
    public mutating func fireNext(notAfter limit: Timestamp) -> TimerFired? {
        guard let deadline = nextDeadline(), deadline <= limit, let entry = heap.popMin() else { return nil }
        advance(to: deadline)
        if let interval = entry.interval, interval > 0 {
            sequence += 1
            live[entry.timer] = sequence
            heap.insert(
                Scheduled(time: entry.time + interval, sequence: sequence, timer: entry.timer, interval: interval)
            )
        } else {
            live[entry.timer] = nil
        }
        return TimerFired(timer: entry.timer, scheduledTime: deadline)
    }
}
