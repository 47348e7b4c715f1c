import Testing
import TradingReports

@Suite("HTML and SVG pieces")
struct HTMLTests {
    @Test("escaping covers the four characters that break markup or attributes")
    func escaping() {
        #expect(HTML.escape("a < b & \"c\" > d") == "a &lt; b &amp; &quot;c&quot; &gt; d")
        #expect(HTML.escape("plain") == "plain")
    }

    @Test("coordinates have one decimal, rounded half away from zero, and never print NaN")
    func coordinates() {
        #expect(HTML.coordinate(12.34) == "12.3")
        #expect(HTML.coordinate(-0.25) == "-0.3")
        #expect(HTML.coordinate(7) == "7.0")
        #expect(HTML.coordinate(.nan) == "0")
        #expect(HTML.coordinate(.infinity) == "0")
    }

    @Test("a chart frame maps its corners to the plot area's corners; a span under minutes labels both ends")
    func chartFrame() {
        let chart = TimeChart(times: 0...1_000, values: 10...20, height: 200, exact: true)
        #expect(chart.x(0) == TimeChart.left)
        #expect(chart.x(1_000) == TimeChart.width - TimeChart.right)
        #expect(chart.y(20) == TimeChart.top)
        #expect(chart.y(10) == 200 - TimeChart.bottom)
        let svg = chart.open { String($0) }
        #expect(svg.hasPrefix("<svg viewBox=\"0 0 1000.0 200.0\""))
        #expect(svg.ranges(of: ">1970-01-01T00:00:00").count == 2, "\(svg)")
        // A flat range is widened so that a constant series is drawn in the middle.
        let flat = TimeChart(times: 0...1, values: 5...5, height: 100, exact: true)
        #expect(flat.y(5) == (TimeChart.top + 100 - TimeChart.bottom) / 2)
    }
}
