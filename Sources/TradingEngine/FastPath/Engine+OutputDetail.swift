/// What an engine's output carries beyond its requests and timers. Both are on by default; a backtest that
/// reads only closed round trips, and no risk decisions, turns them off (`BacktestRunner`).
package struct OutputDetail: Sendable, Hashable {
    /// Whether each risk decision is recorded, with its inputs (equity, available funds, position, last
    /// price), in ``EngineOutput/decisions`` and the audit digest. The checks run on every order either way;
    /// a recorded decision costs about as much as the checks themselves. Compare the digests of runs made the
    /// same way.
    package var riskDecisions = true
    /// Whether every fact goes into ``EngineOutput/facts``. Off, the output carries just the
    /// `positionClosed` facts, while every fact still enters the audit trail and its digest (the same either
    /// way).
    package var facts = true

    package init(riskDecisions: Bool = true, facts: Bool = true) {
        self.riskDecisions = riskDecisions
        self.facts = facts
    }
}

extension Engine {
    /// ``OutputDetail/facts``.
    @inline(__always) var recordsFacts: Bool { outputDetail.facts }
    /// ``OutputDetail/riskDecisions``.
    @inline(__always) var recordsRiskDecisions: Bool { outputDetail.riskDecisions }
}
