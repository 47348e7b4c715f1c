public import TradingCore

/// Every input of the engine. The engine's output is a pure function of the sequence of these and their
/// times.
public enum EngineEvent: Sendable, Hashable {
    /// Market data: bars, trades, quotes, book updates, funding rates.
    case market(MarketEvent)
    /// Venue reports: order status, fills, funding payments.
    case account(AccountEvent)
    /// Operator instructions.
    case command(OperatorCommand)
    /// A timer came due.
    case timer(TimerFired)
    /// A live or paper driver's connection to a venue changed, or it detected a gap in a stream.
    case connectivity(VenueConnectivity)
}
