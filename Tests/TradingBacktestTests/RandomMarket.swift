import TradingBacktest
import TradingCore
import TradingEngine
import TradingReports
import TradingTestSupport

/// Random one-minute bars for the bar-run property tests: long stretches of one instrument, then (with two
/// instruments) stretches where the two alternate, each a random walk from 100 in steps of up to 2.
enum RandomMarket {
    static func bars(_ generator: inout SeededGenerator, instruments: Int, atLeast count: Int) -> [MarketEvent] {
        precondition(instruments == 1 || instruments == 2, "Invariant: one or two instruments")
        var events: [MarketEvent] = []
        var prices = [100.0, 100.0]
        var minute = 0
        while events.count < count {
            let both = instruments == 2 && Bool.random(using: &generator)
            let only = instruments == 2 ? Int.random(in: 0...1, using: &generator) : 0
            for _ in 0..<Int.random(in: 1...300, using: &generator) {
                for index in 0..<2 where both || index == only {
                    let next = max(50, prices[index] + Double(Int.random(in: -20...20, using: &generator)) / 10)
                    events.append(
                        .bar(
                            Fixtures.bar(
                                minute,
                                open: DisplayFormat.fixed2(prices[index]),
                                high: DisplayFormat.fixed2(max(prices[index], next) + 0.5),
                                low: DisplayFormat.fixed2(min(prices[index], next) - 0.5),
                                close: DisplayFormat.fixed2(next),
                                instrument: InstrumentIndex(index)
                            )
                        )
                    )
                    prices[index] = next
                }
                minute += 1
            }
        }
        return events
    }
}
