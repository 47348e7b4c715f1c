import Testing
import TradingReports

@Suite("Display formats")
struct DisplayFormatTests {
    @Test("absurd values (a CAGR of 1e285) print in the shortest form instead of trapping")
    func extremes() {
        #expect(DisplayFormat.fixed2(1234.5) == "1234.50" && DisplayFormat.fixed2(-0.004) == "0.00")
        #expect(DisplayFormat.fixed2(1e285) == "1e+285")
        #expect(DisplayFormat.percent(1e283) == "1e+285 %")
        #expect(DisplayFormat.money(-1e300) == "-1e+300")
        #expect(DisplayFormat.seconds(1e20) == "1e+20")
        #expect(DisplayFormat.fixed2(.nan) == "–" && DisplayFormat.percent(.infinity) == "– %")
    }
}
