public import TradingCore

/// The sim's two clocks. Wall time checks requests (`timestamp`, `recvWindow`) and stamps `serverTime`;
/// market time says how far the replay has got: kline, trade and event times. Market time runs from the
/// market's start at `speed` times wall time since the sim started, or, with a manual clock, moves only when
/// it is stepped (for deterministic tests).
public struct ReplayClock: Sendable {
    public enum Mode: Sendable, Hashable {
        case wall(speed: Double)
        case manual
    }

    public let mode: Mode
    /// Market time when the sim started.
    public let marketStart: Timestamp
    /// Wall time when the sim started.
    public let wallStart: Timestamp
    /// How far a manual clock has been stepped.
    public private(set) var stepped: Int64 = 0

    public init(mode: Mode, marketStart: Timestamp, wallStart: Timestamp) {
        self.mode = mode
        self.marketStart = marketStart
        self.wallStart = wallStart
    }

    /// Market time at wall time `now`.
    public func marketTime(at now: Timestamp) -> Timestamp {
        switch mode {
        case .manual:
            return marketStart.advanced(byNanoseconds: stepped)
        case .wall(let speed):
            let elapsed = Double(now.nanoseconds - wallStart.nanoseconds) * speed
            return marketStart.advanced(byNanoseconds: Int64(min(9e18, max(0, elapsed))))
        }
    }

    /// Moves a manual clock forward by `nanoseconds` (a wall clock ignores it).
    public mutating func step(nanoseconds: Int64) {
        if case .manual = mode { stepped += max(0, nanoseconds) }
    }
}
