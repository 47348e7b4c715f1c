public import TradingCore

/// Names a strategy's timer. Names are short identifiers, up to ``ShortText/capacity`` bytes.
public struct TimerID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let strategy: StrategyID
    public let name: ShortText

    public init(strategy: StrategyID, name: ShortText) {
        self.strategy = strategy
        self.name = name
    }

    public var description: String { "\(strategy)/\(name)" }
    public static func < (lhs: TimerID, rhs: TimerID) -> Bool {
        (lhs.strategy, lhs.name) < (rhs.strategy, rhs.name)
    }
}

/// A timer request from the engine to its clock driver.
public enum TimerRequest: Sendable, Hashable {
    case set(TimerID, at: Timestamp, intervalNanoseconds: Int64?)
    case cancel(TimerID)
}

/// A timer that came due; the driver feeds it back as an engine event at ``scheduledTime``.
public struct TimerFired: Sendable, Hashable {
    public let timer: TimerID
    public let scheduledTime: Timestamp

    public init(timer: TimerID, scheduledTime: Timestamp) {
        self.timer = timer
        self.scheduledTime = scheduledTime
    }
}
