public import TradingCore

/// What the engine decided or recorded while processing one event: the audit stream. Facts are plain
/// data, so recording them costs a memory copy.
public enum EngineFact: Sendable, Hashable {
    /// Risk approved the order and it was sent.
    case orderSubmitted(OrderSubmitted)
    /// Risk refused the order; it never reached a venue. The update's reason says why.
    case orderDenied(OrderUpdate)
    /// The order moved through the lifecycle (accepted, cancelled, triggered, updated, filled, ...).
    case orderUpdated(OrderUpdate)
    case orderFilled(OrderFilled, strategy: StrategyID?)
    case positionOpened(PositionUpdate)
    case positionChanged(PositionUpdate)
    case positionClosed(ClosedPosition)
    case fundingApplied(FundingApplied)
    case commandApplied(OperatorCommand)
    /// A risk limit changed the trading state (`code` names the limit).
    case tradingStateChanged(TradingState, code: ShortText)
    /// The connection to a venue changed, or a stream gap was detected (`stale` instruments were marked).
    case connectivityChanged(VenueConnectivity, stale: Int)
}
