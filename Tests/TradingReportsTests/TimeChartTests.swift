import Testing
import TradingCore
import TradingReports

@Suite("Chart time axes")
struct TimeChartTests {
    func time(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0) -> Int64 {
        Timestamp(CivilTime(year: year, month: month, day: day, hour: hour)).nanoseconds
    }

    @Test(
        "date ticks at a calendar step that gives 4 to 10 of them, labelled to the step",
        arguments: [
            (2024, 1, 1, 0, 2024, 1, 1, 12, "01-01 00:00"),  // half a day: every 3 hours
            (2024, 1, 1, 0, 2024, 1, 1, 1, "00:00"),  // an hour: every 15 minutes
            (2024, 1, 1, 0, 2024, 1, 8, 0, "2024-01-01"),  // a week: days
            (2024, 1, 1, 0, 2024, 3, 1, 0, "2024-01-01"),  // two months: weeks, from Monday
            (2023, 4, 1, 0, 2025, 5, 1, 0, "2023-04"),  // two years: quarters
            (2017, 8, 17, 4, 2025, 12, 1, 8, "2018"),  // eight years: years
        ]
    )
    func ticks(
        y0: Int,
        m0: Int,
        d0: Int,
        h0: Int,
        y1: Int,
        m1: Int,
        d1: Int,
        h1: Int,
        firstLabel: String
    ) {
        let start = time(y0, m0, d0, h0)
        let end = time(y1, m1, d1, h1)
        let ticks = TimeChart.timeTicks(from: start, to: end)
        #expect((4...10).contains(ticks.count), "\(ticks.map(\.label))")
        #expect(ticks.allSatisfy { (start...end).contains($0.time) })
        #expect(zip(ticks, ticks.dropFirst()).allSatisfy { $0.time < $1.time })
        #expect(ticks.first?.label == firstLabel, "\(ticks.map(\.label))")
    }

    @Test("the chart frame draws its date ticks")
    func frame() {
        let chart = TimeChart(times: time(2024, 1, 1)...time(2024, 1, 8), values: 0...1, height: 200)
        let svg = chart.open { "\($0)" }
        #expect(svg.contains(">2024-01-03<") && svg.contains(">2024-01-07<"))
        #expect(TimeChart.timeTicks(from: 5, to: 5).isEmpty)
    }
}
