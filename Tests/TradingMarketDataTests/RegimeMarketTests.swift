import Testing
import TradingCore
import TradingMarketData
import TradingTestSupport

@Suite("The regime market")
struct RegimeMarketTests {
    @Test("the schedule covers every bar once, in the regimes' order, for any length")
    func schedule() {
        for bars in [1, 7, 8, 100, 43_200] {
            let phases = RegimeMarket(bars: bars).schedule
            #expect(phases.reduce(0) { $0 + $1.bars } == bars, "\(bars)")
            var next = 0
            for phase in phases {
                #expect(phase.firstBar == next && phase.bars > 0, "\(bars)")
                next += phase.bars
            }
            if bars >= RegimeMarket.regimes.count {
                #expect(phases.map(\.regime) == RegimeMarket.regimes.map(\.regime), "\(bars)")
            }
        }
    }

    @Test("three instruments' bars each minute, on their ticks, deterministic, and each regime moves its way")
    func bars() throws {
        let market = RegimeMarket(seed: 7, bars: 43_200)
        let instruments = try market.instruments(defaults: InstrumentDefaults())
        #expect(instruments.map(\.id.symbol) == ["BTCUSDT", "ETHUSDT", "SOLUSDT"])
        #expect(instruments.allSatisfy { $0.kind == .linearPerpetual })
        let source = market.source()
        let events = try drain(source)
        #expect(events.count == 3 * 43_200)
        #expect(try drain(market.source()) == events)
        for (index, event) in events.prefix(3_000).enumerated() {
            guard case .bar(let bar) = event else {
                Issue.record("not a bar")
                return
            }
            #expect(bar.instrument.int == index % 3)
            let tick = instruments[index % 3].tickSize.raw
            #expect(bar.close.raw % tick == 0 && bar.low <= bar.open && bar.open <= bar.high)
        }
        // The start prices and each phase's end: ups and the squeeze rise, the crash and downs fall on BTC.
        #expect(source.phaseCloses.count == market.schedule.count + 1)
        for (index, phase) in market.schedule.enumerated() {
            let move = source.phaseCloses[index + 1][0].doubleValue / source.phaseCloses[index][0].doubleValue - 1
            switch phase.regime {
            case .up, .squeeze: #expect(move > 0.03, "\(phase.regime) \(move)")
            case .crash: #expect(move < -0.1, "\(phase.regime) \(move)")
            case .down: #expect(move < 0, "\(phase.regime) \(move)")
            case .sideways: #expect(abs(move) < 0.08, "\(phase.regime) \(move)")
            }
        }
    }

    @Test("with venue fees the market charges Binance USD-M's maker and taker fees")
    func fees() throws {
        var defaults = InstrumentDefaults()
        defaults.usesVenueFees = true
        let instrument = try #require(try RegimeMarket().instruments(defaults: defaults).first)
        #expect(instrument.makerFee.basisPoints == Ratio(2))
        #expect(instrument.takerFee.basisPoints == Ratio(5))
    }
}
