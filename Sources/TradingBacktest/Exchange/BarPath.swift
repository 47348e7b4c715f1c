import TradingCore
import TradingEngine

/// The documented intra-bar price path: open → nearer extreme → farther extreme → close, as straight
/// lines at times open, open + ⅓, open + ⅔ and close of the bar's span.
///
/// The extreme nearer to the open is visited first; when both are equally near, a bar that closes below
/// its open visits the high first and any other bar the low first. Prices between vertices are
/// interpolated linearly in time and rounded to the tick.
struct BarPath {
    let p0: Price
    let p1: Price
    let p2: Price
    let p3: Price
    let t0: Int64
    let t1: Int64
    let t2: Int64
    let t3: Int64
    let tick: Int128

    init(_ bar: Bar, tickSize: Price) {
        let up = bar.high.raw - bar.open.raw
        let down = bar.open.raw - bar.low.raw
        let highFirst = up != down ? up < down : bar.close < bar.open
        p0 = bar.open
        p1 = highFirst ? bar.high : bar.low
        p2 = highFirst ? bar.low : bar.high
        p3 = bar.close
        let start = bar.openTime.nanoseconds
        let span = bar.closeTime.nanoseconds - start
        t0 = start
        t1 = start + span / 3
        t2 = start + span * 2 / 3
        t3 = start + span
        tick = tickSize.raw
    }

    func vertex(_ k: Int) -> (price: Price, time: Int64) {
        switch k {
        case 0: (p0, t0)
        case 1: (p1, t1)
        case 2: (p2, t2)
        default: (p3, t3)
        }
    }

    /// The segment index (0...2) that contains `time`.
    func segment(containing time: Int64) -> Int {
        if time < t1 { return 0 }
        if time < t2 { return 1 }
        return 2
    }

    /// The path's price at `time` (clamped to the bar), rounded to the nearest tick.
    func price(at time: Int64) -> Price {
        if time <= t0 { return p0 }
        if time >= t3 { return p3 }
        let k = segment(containing: time)
        let (a, ta) = vertex(k)
        let (b, tb) = vertex(k + 1)
        guard tb > ta else { return b }
        let delta = FixedPoint.multiplyDivide(
            b.raw - a.raw,
            Int128(time - ta),
            Int128(tb - ta),
            rounding: .toNearestOrEven
        )
        return Price(raw: FixedPoint.round(a.raw + delta, toMultipleOf: tick, rounding: .toNearestOrEven))
    }

    /// The time at which the straight line from `(ta, a)` to `(tb, b)` reaches `level`.
    private func crossing(_ a: Price, _ ta: Int64, _ b: Price, _ tb: Int64, level: Price) -> Int64 {
        guard a != b else { return ta }
        let offset = FixedPoint.multiplyDivide(Int128(tb - ta), level.raw - a.raw, b.raw - a.raw, rounding: .up)
        return min(tb, ta + Int64(offset))
    }

    /// The first moment at or after `start` when the price is at or below (`below == true`) or at or
    /// above `level`. Returns the time, the fill price (`level`, or the price at `start` when it is
    /// already beyond the level) and whether it was already beyond at `start`.
    func firstReach(_ level: Price, below: Bool, from start: Int64) -> (time: Int64, price: Price, immediate: Bool)? {
        guard start <= t3 else { return nil }
        func reached(_ price: Price) -> Bool { below ? price <= level : price >= level }
        var a = price(at: start)
        var ta = max(start, t0)
        if reached(a) { return (ta, a, true) }
        var k = segment(containing: ta)
        while k < 3 {
            let (b, tb) = vertex(k + 1)
            if reached(b) { return (crossing(a, ta, b, tb, level: level), level, false) }
            a = b
            ta = tb
            k += 1
        }
        return nil
    }

    /// The highest (`highest == true`) or lowest price on the path between two times.
    func extreme(from start: Int64, to end: Int64, highest: Bool) -> Price {
        var best = price(at: start)
        func consider(_ price: Price) { if highest ? price > best : price < best { best = price } }
        for k in 1...2 {
            let (price, time) = vertex(k)
            if time > start && time < end { consider(price) }
        }
        consider(price(at: end))
        return best
    }

    /// A trailing stop's first trigger at or after `start`. `extreme` is the best price seen before
    /// `start` (`nil` when it activates now). Returns the hit, if any, and the best price at the end of
    /// the bar.
    func trailingReach(
        side: OrderSide,
        extreme: Price?,
        from start: Int64,
        level levelFor: (Price) -> Price
    ) -> (hit: (time: Int64, price: Price, immediate: Bool)?, extreme: Price) {
        // A sell trailing stop protects a long: it tracks the highest price and triggers below it.
        let tracksHigh = side == .sell
        func better(_ x: Price, _ y: Price) -> Price { tracksHigh ? max(x, y) : min(x, y) }
        var a = price(at: max(start, t0))
        var ta = max(start, t0)
        var best = extreme.map { better($0, a) } ?? a
        let triggerAtStart = levelFor(best)
        if tracksHigh ? a <= triggerAtStart : a >= triggerAtStart {
            return ((ta, a, true), best)
        }
        var k = segment(containing: ta)
        while k < 3 {
            let (b, tb) = vertex(k + 1)
            let movingAway = tracksHigh ? b >= a : b <= a
            if movingAway {
                best = better(best, b)
            } else {
                let trigger = levelFor(best)
                if tracksHigh ? b <= trigger : b >= trigger {
                    return ((crossing(a, ta, b, tb, level: trigger), trigger, false), best)
                }
            }
            a = b
            ta = tb
            k += 1
        }
        return (nil, best)
    }
}
