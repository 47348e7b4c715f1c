/// A value that passed the engine's risk step. Only the engine creates these, so anything a venue
/// receives was checked (barter's `RiskApproved<T>`).
public struct RiskApproved<Value: Sendable & Hashable>: Sendable, Hashable {
    public let value: Value

    init(_ value: Value) { self.value = value }
}
