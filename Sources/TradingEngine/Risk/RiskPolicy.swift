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
}

extension RiskPolicy {
    public func check(_ amendment: OrderAmendment, of order: Order, state: borrowing EngineState) -> RiskRefusal? {
        nil
    }
}

/// A policy that approves everything, to run an engine with only the basic checks.
public struct NoAdditionalRisk: RiskPolicy {
    public init() {}
    public func check(_ order: Order, state: borrowing EngineState) -> RiskRefusal? { nil }
}
