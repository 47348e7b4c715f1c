public import TradingCore
public import TradingEngine

/// Stress scenarios applied to the engine's current positions and margin.
///
/// Each scenario moves every instrument's price; a position's loss is `signed quantity × price move ×
/// multiplier`. For linear perpetuals the margin after the shock is the position's isolated margin plus
/// that PnL, and the position would be liquidated when it falls below the maintenance margin at the
/// shocked price; spot positions only lose value. In cross margin every perpetual shares the account's
/// margin balance (equity after the shock): when it falls below the sum of their maintenance margins, all
/// of them are liquidated.
public enum StressTest {
    public enum MarginMode: String, Sendable, Hashable, CaseIterable {
        case isolated
        case cross
    }

    public enum Scenario: Sendable, Hashable, CustomStringConvertible {
        /// Every price moves by this fraction (−0.10, +0.15 for a short squeeze).
        case shock(Double)
        /// Each position moves against itself by its instrument's 99 % daily move at `multiple` times the
        /// realised volatility (`multiple × 2.326 × σ₁d`).
        case volatility(multiple: Double)
        /// Every instrument moves the same way by its own 99 % daily move; the worse direction is taken.
        case perfectCorrelation
        /// The venue is unreachable for a while and reopens with every price gapped against each position.
        case outage(minutes: Int, gap: Double)
        /// Each instrument moves by its most adverse hourly return in the history given.
        case worstHistoricalHour

        /// The scenarios the risk issue lists.
        public static let standard: [Scenario] = [
            .shock(-0.10), .shock(-0.20), .shock(-0.30), .shock(0.15), .volatility(multiple: 3), .perfectCorrelation,
            .outage(minutes: 10, gap: 0.05), .worstHistoricalHour,
        ]

        public var description: String {
            switch self {
            case .shock(let move):
                move > 0 ? "short squeeze +\(Int((move * 100).rounded())) %" : "shock \(Int((move * 100).rounded())) %"
            case .volatility(let multiple): "volatility ×\(Int(multiple))"
            case .perfectCorrelation: "all correlations 1"
            case .outage(let minutes, let gap): "\(minutes)-minute outage, \(Int((gap * 100).rounded())) % gap"
            case .worstHistoricalHour: "worst historical hour"
            }
        }
    }

    /// One position under a scenario.
    public struct PositionImpact: Sendable, Hashable {
        public let instrument: InstrumentIndex
        public let move: Double
        public let pnl: Double
        /// Margin after the shock (perpetuals): the position's isolated margin plus its PnL, or in cross
        /// margin the account's margin balance; `nil` for spot.
        public let marginAfter: Double?
        public let maintenanceMargin: Double?
        public let liquidated: Bool
    }

    public struct Result: Sendable, Hashable {
        public let scenario: Scenario
        public let pnl: Double
        public let equityBefore: Double
        public let equityAfter: Double
        public let positions: [PositionImpact]
        public var liquidated: [InstrumentIndex] { positions.filter(\.liquidated).map(\.instrument) }
    }

    /// Runs `scenarios` on `state`'s open positions. `hourlyReturns` (per instrument index) supplies the
    /// volatility and the worst hours; instruments without history use a zero move for those scenarios.
    public static func run(
        _ scenarios: [Scenario] = Scenario.standard,
        state: EngineState,
        hourlyReturns: [Int: [Double]] = [:],
        marginMode: MarginMode = .isolated
    ) -> [Result] {
        let equity = state.equityEstimate
        struct Held {
            let index: InstrumentIndex
            let instrument: Instrument
            let signed: Double
            let mark: Double
            let margin: Double?
        }
        let held: [Held] = state.portfolio.openInstruments.compactMap { raw in
            let index = InstrumentIndex(raw)
            guard let position = state.portfolio.position(index), let mark = state.market.lastPrice(index) else {
                return nil
            }
            let instrument = state.instruments[raw]
            let signed = FixedPoint.toDouble(position.signedQuantityRaw) * instrument.contractMultiplier.doubleValue
            let margin = instrument.kind == .linearPerpetual ? FixedPoint.toDouble(position.isolatedMarginRaw) : nil
            return Held(index: index, instrument: instrument, signed: signed, mark: mark.doubleValue, margin: margin)
        }
        func dailySigma(_ index: Int) -> Double {
            guard let returns = hourlyReturns[index], returns.count > 2 else { return 0 }
            let mean = returns.reduce(0, +) / Double(returns.count)
            let variance = returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(returns.count - 1)
            return (variance * 24).squareRoot()
        }
        let z99 = -ValueAtRisk.normalQuantile(0.01)
        func impacts(_ moves: [Double]) -> [PositionImpact] {
            zip(held, moves).map { position, move in
                let pnl = position.signed * position.mark * move
                guard let margin = position.margin else {
                    return PositionImpact(
                        instrument: position.index,
                        move: move,
                        pnl: pnl,
                        marginAfter: nil,
                        maintenanceMargin: nil,
                        liquidated: false
                    )
                }
                let shocked = position.mark * (1 + move)
                let maintenance = abs(position.signed) * shocked * position.instrument.maintenanceMarginRate.doubleValue
                let after = margin + pnl
                return PositionImpact(
                    instrument: position.index,
                    move: move,
                    pnl: pnl,
                    marginAfter: after,
                    maintenanceMargin: maintenance,
                    liquidated: after < maintenance
                )
            }
        }
        return scenarios.map { scenario in
            let moves: [Double]
            switch scenario {
            case .shock(let move):
                moves = held.map { _ in move }
            case .volatility(let multiple):
                moves = held.map { position in
                    -(position.signed > 0 ? 1 : -1) * multiple * z99 * dailySigma(position.index.int)
                }
            case .perfectCorrelation:
                let up = held.map { z99 * dailySigma($0.index.int) }
                let down = up.map { -$0 }
                let upLoss = impacts(up).reduce(0) { $0 + $1.pnl }
                let downLoss = impacts(down).reduce(0) { $0 + $1.pnl }
                moves = upLoss < downLoss ? up : down
            case .outage(_, let gap):
                moves = held.map { -(($0.signed > 0) ? 1 : -1) * gap }
            case .worstHistoricalHour:
                moves = held.map { position in
                    let returns = hourlyReturns[position.index.int] ?? []
                    return position.signed > 0 ? min(0, returns.min() ?? 0) : max(0, returns.max() ?? 0)
                }
            }
            var positions = impacts(moves)
            let pnl = positions.reduce(0) { $0 + $1.pnl }
            if marginMode == .cross {
                let balance = equity + pnl
                let maintenance = positions.compactMap(\.maintenanceMargin).reduce(0, +)
                positions = positions.map { impact in
                    guard impact.maintenanceMargin != nil else { return impact }
                    return PositionImpact(
                        instrument: impact.instrument,
                        move: impact.move,
                        pnl: impact.pnl,
                        marginAfter: balance,
                        maintenanceMargin: impact.maintenanceMargin,
                        liquidated: balance < maintenance
                    )
                }
            }
            return Result(
                scenario: scenario,
                pnl: pnl,
                equityBefore: equity,
                equityAfter: equity + pnl,
                positions: positions
            )
        }
    }
}
