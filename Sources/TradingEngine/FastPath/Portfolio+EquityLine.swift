import TradingCore

extension Portfolio {
    /// ``equityEstimate(mark:)`` as a function of the mark of `instrument` alone, for a stretch of events
    /// in which only that mark changes (a bar run): `nil` when another instrument has exposure. The line
    /// gives the same `Double` as ``equityEstimate(mark:)``, operation for operation.
    @inlinable
    package func equityEstimateLine(_ instrument: Int) -> EquityEstimateLine? {
        if exposures.isEmpty { return EquityEstimateLine(cash: accountCashDouble, units: 0, cost: 0, isFlat: true) }
        guard exposures.count == 1, exposures[0].instrument == instrument else { return nil }
        return EquityEstimateLine(
            cash: accountCashDouble,
            units: exposures[0].units,
            cost: exposures[0].cost,
            isFlat: false
        )
    }
}

/// The equity estimate at a mark of one instrument, when no other instrument has exposure
/// (``Portfolio/equityEstimateLine(_:)``): `cash + (units × mark − cost)`, or `cash` with no exposure.
@usableFromInline
package struct EquityEstimateLine: Sendable {
    @usableFromInline let cash: Double
    @usableFromInline let units: Double
    @usableFromInline let cost: Double
    @usableFromInline let isFlat: Bool

    @inlinable
    init(cash: Double, units: Double, cost: Double, isFlat: Bool) {
        self.cash = cash
        self.units = units
        self.cost = cost
        self.isFlat = isFlat
    }

    /// The estimate at `mark`.
    @inlinable @inline(__always)
    package func equity(at mark: Double) -> Double { isFlat ? cash : cash + (units * mark - cost) }
}
