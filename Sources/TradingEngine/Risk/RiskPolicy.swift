public import TradingCore

/// Pre-trade checks every new order passes before it can reach a venue.
///
/// A policy reads the engine state and returns a refusal or `nil`. It never changes state. The engine
/// runs ``BasicRiskPolicy`` first and then the configured policy, so a custom policy only adds checks.
public protocol RiskPolicy: Sendable {
    /// Checks a new order (status `initialized`) against the state before it is submitted.
    /// - Returns: the refusal, or `nil` to approve.
    func check(_ order: Order, state: borrowing EngineState) -> RiskRefusal?

    /// Checks an amendment to a working order.
    func check(_ amendment: OrderAmendment, of order: Order, state: borrowing EngineState) -> RiskRefusal?

    /// Whether the engine calls the hooks below (stateful policies: rates, loss limits, breakers). The
    /// engine reads this once, so a stateless policy costs nothing per event.
    var watchesEvents: Bool { get }

    /// A bar arrived (after the market view took it, before the strategies see it).
    func observe(_ bar: Bar, state: inout EngineState)

    /// An order passed every check and was sent.
    func didApprove(_ order: Order, state: inout EngineState)

    /// A fill was booked: `strategy` placed the order (`nil` for fills of orders the engine does not know).
    func didFill(_ fill: OrderFilled, strategy: StrategyID?, state: inout EngineState)

    /// A position closed.
    func didClose(_ position: ClosedPosition, state: inout EngineState)

    /// After each event: a trading state to switch to (a breaker tripped or reset), or `nil`.
    func evaluate(state: inout EngineState) -> TradingStateChange?
}

/// A trading state a risk policy switches to, and why.
public struct TradingStateChange: Sendable, Hashable {
    public let state: TradingState
    /// The limit's code (`daily_loss`, `max_drawdown`, `daily_reset`).
    public let code: String
    /// Also close every position at market (``CircuitBreakers/Trip/flatten``).
    public let flatten: Bool

    public init(state: TradingState, code: String, flatten: Bool = false) {
        self.state = state
        self.code = code
        self.flatten = flatten
    }
}

extension RiskPolicy {
    public var watchesEvents: Bool { false }
    public func observe(_ bar: Bar, state: inout EngineState) {}
    public func didApprove(_ order: Order, state: inout EngineState) {}
    public func didFill(_ fill: OrderFilled, strategy: StrategyID?, state: inout EngineState) {}
    public func didClose(_ position: ClosedPosition, state: inout EngineState) {}
    public func evaluate(state: inout EngineState) -> TradingStateChange? { nil }

    public func check(_ amendment: OrderAmendment, of order: Order, state: borrowing EngineState) -> RiskRefusal? {
        nil
    }
}

/// A policy that approves everything, to run an engine with only the basic checks.
public struct NoAdditionalRisk: RiskPolicy {
    public init() {}
    public func check(_ order: Order, state: borrowing EngineState) -> RiskRefusal? { nil }
}
