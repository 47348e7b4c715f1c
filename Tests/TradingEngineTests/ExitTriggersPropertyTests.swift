import Testing
import TradingCore
import TradingTestSupport

@testable import TradingEngine

@Suite("Exit triggers")
struct ExitTriggersPropertyTests {
    /// When the exits may change anything on an event over `low`…`high` at `now`, written out rule by rule:
    /// an exit pending or a stop still to set; the stop reached; the next take-profit reached; the time stop
    /// due; or, with break-even or trailing, a new best price.
    private static func mayAct(_ exits: PositionExits, low: Price, high: Price, now: Timestamp) -> Bool {
        if exits.pendingExit != nil || (exits.stop == nil && exits.plan.stop != nil) { return true }
        let long = exits.side == .long
        let adverse = long ? low : high
        let favourable = long ? high : low
        if let stop = exits.stop, long ? adverse <= stop : adverse >= stop { return true }
        if let target = exits.nextTarget, long ? favourable >= target : favourable <= target { return true }
        if let timeStop = exits.plan.timeStop,
            now.nanoseconds - exits.openedAt.nanoseconds >= timeStop.totalNanoseconds
        {
            return true
        }
        return (exits.plan.trailing != nil || exits.plan.breakEvenAfter != nil)
            && (long ? favourable > exits.bestPrice : favourable < exits.bestPrice)
    }

    @Test("the triggers are reached exactly when the exits may act, for random exits and ranges (seeded)")
    func triggersMatchTheRules() {
        let failures = PropertyTesting.check("exit triggers", cases: 300) { generator in
            func price(_ around: Int) -> Price {
                Price(raw: Int128(around + Int.random(in: -50...50, using: &generator)) * FixedPoint.scale / 100)
            }
            let long = Bool.random(using: &generator)
            // Break-even is measured in R, so it needs a stop.
            let hasStop = Bool.random(using: &generator)
            let plan = try? ExitPlan(
                stop: hasStop ? .percent(Ratio(raw: FixedPoint.scale / 100)) : nil,
                breakEvenAfter: hasStop && Int.random(in: 0..<3, using: &generator) == 0 ? .one : nil,
                trailing: Int.random(in: 0..<3, using: &generator) == 0
                    ? .percent(Ratio(raw: FixedPoint.scale / 50)) : nil,
                timeStop: Bool.random(using: &generator)
                    ? .seconds(Int64.random(in: 60...3_600, using: &generator)) : nil,
                takeProfits: [],
                placement: .emulated
            )
            guard var plan else { return "no plan" }
            if plan.stop != nil, Bool.random(using: &generator) {
                plan.takeProfits = [TakeProfitLevel(rMultiple: Ratio(raw: 2 * FixedPoint.scale), fraction: .one)]
            }
            let entry = price(10_000)
            var exits = PositionExits(
                owner: Fixtures.strategyID("bot"),
                plan: plan,
                side: long ? .long : .short,
                native: false,
                entryPrice: entry,
                quantity: Quantity(raw: FixedPoint.scale),
                at: Timestamp(nanoseconds: 1_000_000_000_000)
            )
            if plan.stop != nil, Int.random(in: 0..<5, using: &generator) != 0 {
                let stop = long ? entry - price(100) : entry + price(100)
                exits.stop = stop
                exits.riskPerUnit = Price(raw: abs(entry.raw - stop.raw))
            }
            exits.bestPrice = long ? entry + price(50) : entry - price(50)
            exits.takeProfitsDone = Int.random(in: 0...plan.takeProfits.count, using: &generator)
            if Int.random(in: 0..<10, using: &generator) == 0 {
                exits.pendingExit = ClientOrderID(strategy: Fixtures.strategyID("bot"), sequence: 1)
            }
            let triggers = exits.triggers
            for _ in 0..<40 {
                let a = price(10_000 + Int.random(in: -400...400, using: &generator))
                let b = price(10_000 + Int.random(in: -400...400, using: &generator))
                let low = min(a, b)
                let high = max(a, b)
                // Around the exact levels too: one raw unit either side of the stop, target and best price.
                let edges = [exits.stop, exits.nextTarget, exits.bestPrice].compactMap { $0 }
                let now = Timestamp(
                    nanoseconds: 1_000_000_000_000 + Int64.random(in: 0...4_000, using: &generator) * 1_000_000_000
                )
                var ranges = [(low, high)]
                for edge in edges {
                    for step: Int128 in [-1, 0, 1] {
                        let level = Price(raw: edge.raw + step)
                        ranges.append((level, max(level, high)))
                        ranges.append((min(level, low), level))
                    }
                }
                for (low, high) in ranges {
                    let expected = Self.mayAct(exits, low: low, high: high, now: now)
                    if triggers.reached(low: low, high: high, now: now) != expected {
                        return "\(long ? "long" : "short") \(plan) stop \(String(describing: exits.stop)) best "
                            + "\(exits.bestPrice) over \(low)…\(high) at \(now): expected \(expected)"
                    }
                }
            }
            return nil
        }
        #expect(failures.isEmpty)
    }
}
