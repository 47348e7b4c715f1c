public import TradingCore

/// Something a strategy asked for during a callback; the engine applies it, through risk, when the
/// callback returns.
public enum StrategyCommand: Sendable, Hashable {
    case submit(ClientOrderID, OrderSpec)
    case submitBracket(BracketIDs, BracketSpec)
    case cancel(ClientOrderID)
    case cancelAll(InstrumentIndex?)
    case modify(ClientOrderID, OrderAmendment)
    case setTimer(name: ShortText, at: Timestamp, intervalNanoseconds: Int64?)
    case cancelTimer(name: ShortText)
    /// A bot's leverage for its next perpetual holdings on an instrument.
    case setLeverage(InstrumentIndex, Ratio)
}

/// The client order IDs of a bracket's orders.
public struct BracketIDs: Sendable, Hashable {
    public let entry: ClientOrderID
    public let stopLoss: ClientOrderID?
    public let takeProfit: ClientOrderID?
}
