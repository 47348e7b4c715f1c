public import TradingCore

/// One decision a bot took or declined, with its reason: what `omega farm inspect` and `/history` show.
public struct BotDecision: Sendable, Hashable {
    public enum Action: String, Sendable, Hashable {
        case enter, skip, exit, mistake
    }

    public let time: Timestamp
    public let action: Action
    public let reason: String
    public let emotion: EmotionalState
}

/// One closed round trip of a bot, from its own fills.
public struct BotTrade: Sendable, Hashable {
    /// Long or short.
    public let side: PositionSide
    /// The leverage the holding opened with (1 on spot).
    public let leverage: Ratio
    public let entryTime: Timestamp
    public let entryPrice: Price
    public let exitTime: Timestamp
    public let exitPrice: Price
    public let quantity: Quantity
    /// Net of the fills' fees and of funding, exact.
    public let pnl: Money
    /// The fees of its fills and the funding over it, raw in the settlement currency (pnl = gross − fees +
    /// funding).
    public let feesRaw: Int128
    public let fundingRaw: Int128
    /// The entry's notional, raw.
    public let entryNotionalRaw: Int128
    /// PnL over the bot's equity when the trade opened.
    public let returnFraction: Double
    public let exitReason: String
    public let emotionAtEntry: EmotionalState
    public let emotionAtExit: EmotionalState
}

/// A point of the psychology timeline: recorded when the emotion changes and after each trade.
public struct PsychologyPoint: Sendable, Hashable {
    public let time: Timestamp
    public let emotion: EmotionalState
    public let confidence: Double
    public let stress: Double
    public let fatigue: Double
    public let riskTolerance: Double
}

/// A bounded list that keeps the latest `capacity` items.
public struct RecentList<Element: Sendable & Hashable>: Sendable, Hashable {
    public let capacity: Int
    private var items: [Element] = []
    private var start = 0

    public init(capacity: Int) { self.capacity = max(1, capacity) }

    public mutating func append(_ item: Element) {
        if items.count < capacity {
            items.append(item)
        } else {
            items[start] = item
            start = (start + 1) % capacity
        }
    }

    /// Oldest first.
    public var elements: [Element] { Array(items[start...] + items[..<start]) }
    public var count: Int { items.count }
}
