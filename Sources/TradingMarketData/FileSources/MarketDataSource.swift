public import TradingCore

/// A stream of market events from one source, in replay-time order.
///
/// Sources stream: they hold one chunk of their file at a time, never the whole file.
public protocol MarketDataSource: AnyObject {
    /// A name for messages (the file path).
    var name: String { get }
    /// The tie-break rank of this kind of data when events share a replay time (lower first):
    /// funding 0, book 1, quote 2, trade 3, bar 4.
    var kindPriority: Int { get }
    /// The next event in the time range, or `nil` when the source is done.
    /// - Throws: ``DataError`` for malformed or out-of-order data, naming the file and line.
    func next() throws(DataError) -> MarketEvent?
    /// How far through its input the source is, from 0 to 1.
    var progress: Double { get }
    /// The first and last data times read so far (inside or outside the range), for messages.
    var span: ClosedRange<Timestamp>? { get }
    /// The units the source's integer timestamps were read in so far (empty for sources without them).
    var timestampUnits: EpochUnitsSeen { get }
}

extension MarketDataSource {
    public var timestampUnits: EpochUnitsSeen { EpochUnitsSeen() }
}

/// A half-open time range `[from, to)`; either end may be open.
public struct TimeRange: Sendable, Hashable, CustomStringConvertible {
    public var from: Timestamp?
    public var to: Timestamp?

    public init(from: Timestamp? = nil, to: Timestamp? = nil) {
        self.from = from
        self.to = to
    }

    public static let all = TimeRange()

    @inlinable
    public func isBefore(_ time: Timestamp) -> Bool { from.map { time < $0 } ?? false }
    @inlinable
    public func isAfter(_ time: Timestamp) -> Bool { to.map { time >= $0 } ?? false }

    public var description: String {
        "\(from.map(\.iso8601) ?? "start") to \(to.map(\.iso8601) ?? "end")"
    }
}

/// Shared span bookkeeping for file sources.
struct SpanTracker {
    private(set) var first: Timestamp?
    private(set) var last: Timestamp?

    mutating func note(_ time: Timestamp) {
        if first == nil { first = time }
        last = time
    }

    var span: ClosedRange<Timestamp>? {
        guard let first, let last else { return nil }
        return min(first, last)...max(first, last)
    }
}
