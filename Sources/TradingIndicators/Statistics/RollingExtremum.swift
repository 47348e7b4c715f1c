/// The highest or lowest of the last `period` inputs, with a monotonic deque: amortised O(1) per update.
public struct RollingExtremum: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case maximum
        case minimum
    }

    public let period: Int
    public let kind: Kind
    /// (input index, value) pairs whose values are monotonic from head to tail.
    private var candidates: [(index: Int, value: Double)] = []
    private var head = 0
    private var index = 0
    public private(set) var value: Double?

    public init(period: Int, kind: Kind) {
        precondition(period >= 1, "Invariant: a window is at least 1 long")
        self.period = period
        self.kind = kind
    }

    /// Adds one input and returns the extremum of the last `period` inputs (`nil` until there are that many).
    @discardableResult
    public mutating func update(_ input: Double) -> Double? {
        while candidates.count > head {
            let last = candidates[candidates.count - 1].value
            let dominated = kind == .maximum ? last <= input : last >= input
            guard dominated else { break }
            candidates.removeLast()
        }
        candidates.append((index, input))
        while candidates[head].index <= index - period { head += 1 }
        if head > 64 && head * 2 > candidates.count {
            candidates.removeFirst(head)
            head = 0
        }
        index += 1
        value = index >= period ? candidates[head].value : nil
        return value
    }

    public static func == (lhs: RollingExtremum, rhs: RollingExtremum) -> Bool {
        lhs.period == rhs.period && lhs.kind == rhs.kind && lhs.index == rhs.index && lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(period)
        hasher.combine(index)
    }
}
