/// A value that passed the engine's risk step. Only the engine creates these, so anything a venue
/// receives was checked (barter's `RiskApproved<T>`).
public struct RiskApproved<Value: Sendable & Hashable>: Sendable, Hashable {
    public let value: Value

    init(_ value: Value) { self.value = value }
}

extension RiskApproved {
    /// A request a venue received from a client outside Omega's engine: the orders a user's own bot sends to
    /// `omega sim`, which the sim matches by the simulated exchange's rules. No Omega risk check applies to
    /// them (the venue is not Omega's client), so only the sim, inside this package, builds these.
    package static func receivedByVenue(_ value: Value) -> RiskApproved { RiskApproved(value) }
}
