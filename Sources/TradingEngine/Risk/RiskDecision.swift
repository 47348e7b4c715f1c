public import TradingCore

/// One risk decision, approved or refused, with the inputs it was made on: the audit record of the
/// pre-trade path. The engine emits one for every new order and every amendment, in
/// ``EngineOutput/decisions``, and mixes it into the audit digest.
public struct RiskDecision: Sendable, Hashable {
    public enum Action: String, Sendable, Hashable {
        case submit
        case amend
    }

    /// The engine's event sequence number and time.
    public let sequence: UInt64
    public let time: Timestamp
    public let action: Action
    public let clientOrderID: ClientOrderID
    public let strategyID: StrategyID
    public let instrument: InstrumentIndex
    public let side: OrderSide
    public let type: OrderType
    /// The order's quantity (for an amendment, the amended one if it changes).
    public let quantity: OrderQuantity
    /// The limit price, else the trigger price, if any (for an amendment, the amended one if it changes).
    public let price: Price?
    public let reduceOnly: Bool

    // Inputs.
    /// The last price of the instrument.
    public let lastPrice: Price?
    /// The signed position before the order, in raw units (positive long).
    public let positionBeforeRaw: Int128
    /// Account equity at the last prices.
    public let equity: Money
    /// The settlement currency available to new orders (balance less margin and reservations).
    public let available: Money
    public let tradingState: TradingState

    /// Why the order was refused; `nil` when it was approved.
    public let refusal: RiskRefusal?

    public var approved: Bool { refusal == nil }
}
