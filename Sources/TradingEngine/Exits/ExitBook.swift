public import TradingCore

/// The exit plans by strategy, the exits working on each open position, and the bar statistics they read.
/// Part of ``EngineState``, so a restored state carries its stops.
public struct ExitBook: Sendable, Hashable {
    /// Plans by strategy; strategies not listed use ``defaultPlan``.
    public let plans: [StrategyID: ExitPlan]
    public let defaultPlan: ExitPlan?
    /// The order types each venue supports natively; a venue not listed supports them all.
    public let nativeOrderTypes: [Venue: Set<OrderType>]
    /// The exits of each instrument's open position, by instrument index (set with ``setExits(_:at:)``).
    public private(set) var positions: [PositionExits?]
    /// How many positions have exits: with none, a market event has nothing to check.
    private(set) var attachedCount = 0
    /// Bar statistics by instrument index (empty when no plan reads bars).
    public internal(set) var stats: [ExitMarketStats]
    /// Whether any plan is configured or was set at run time: the engine skips the exit hooks otherwise.
    public internal(set) var isEnabled: Bool
    /// Plans a strategy set for the next position it opens on an instrument
    /// (``StrategyContext/setExitPlan(_:for:)``), by strategy and instrument index.
    public internal(set) var nextPlans: [ExitKey: ExitPlan] = [:]

    /// A strategy's position on one instrument.
    public struct ExitKey: Sendable, Hashable {
        public let strategy: StrategyID
        public let instrument: Int

        public init(strategy: StrategyID, instrument: InstrumentIndex) {
            self.strategy = strategy
            self.instrument = instrument.int
        }
    }

    init(
        plans: [StrategyID: ExitPlan],
        defaultPlan: ExitPlan?,
        nativeOrderTypes: [Venue: Set<OrderType>],
        instrumentCount: Int
    ) {
        self.plans = plans.filter { !$0.value.isEmpty }
        self.defaultPlan = defaultPlan?.isEmpty == false ? defaultPlan : nil
        self.nativeOrderTypes = nativeOrderTypes
        positions = Array(repeating: nil, count: instrumentCount)
        let all = Array(self.plans.values) + (self.defaultPlan.map { [$0] } ?? [])
        isEnabled = !all.isEmpty
        let periods = Array(Set(all.flatMap(\.averageTrueRangePeriods))).sorted()
        let lookback = all.map(\.lookback).max() ?? 0
        stats =
            periods.isEmpty && lookback == 0
            ? [] : Array(repeating: ExitMarketStats(periods: periods, lookback: lookback), count: instrumentCount)
    }

    /// The plan for positions `strategy` opens.
    public func plan(for strategy: StrategyID) -> ExitPlan? { plans[strategy] ?? defaultPlan }

    /// Whether exits work on the position at instrument index `index`. Asked on every market event: with no
    /// exits anywhere it reads nothing (the exits are a few hundred bytes, which `positions[index] != nil`
    /// copied first).
    @inline(__always)
    func hasExits(at index: Int) -> Bool { attachedCount > 0 && positions[index] != nil }

    /// Sets (or, with `nil`, removes) the exits of the position at instrument index `index`.
    mutating func setExits(_ exits: consuming PositionExits?, at index: Int) {
        let attached = exits != nil
        if attached != (positions[index] != nil) { attachedCount += attached ? 1 : -1 }
        positions[index] = exits
    }

    /// The plan for the position `strategy` opens on `instrument`: the one it set for it, else its configured
    /// one.
    public func plan(for strategy: StrategyID, on instrument: InstrumentIndex) -> ExitPlan? {
        nextPlans.isEmpty
            ? plan(for: strategy)
            : nextPlans[ExitKey(strategy: strategy, instrument: instrument)] ?? plan(for: strategy)
    }

    /// Sets (or, with `nil`, clears) the plan for the next position `strategy` opens on `instrument`.
    mutating func setNextPlan(_ plan: ExitPlan?, strategy: StrategyID, instrument: InstrumentIndex) {
        let key = ExitKey(strategy: strategy, instrument: instrument)
        if let plan, !plan.isEmpty {
            nextPlans[key] = plan
            isEnabled = true
        } else {
            nextPlans[key] = nil
        }
    }

    /// Whether exits of `plan` on `instrument` rest at the venue.
    func placesNatively(_ plan: ExitPlan, on instrument: Instrument) -> Bool {
        switch plan.placement {
        case .native: return true
        case .emulated: return false
        case .automatic:
            guard let types = nativeOrderTypes[instrument.id.venue] else { return true }
            return types.contains(.stopMarket) && (plan.takeProfits.isEmpty || types.contains(.limit))
        }
    }

    /// The statistics of an instrument, when kept.
    public func stats(_ instrument: InstrumentIndex) -> ExitMarketStats? {
        stats.isEmpty ? nil : stats[instrument.int]
    }
}
