import Foundation
import Testing
import TradingResearch

@Suite("The risk report's distribution chart")
struct RiskChartTests {
    /// The (x, y, anchor) of each VaR label in `svg`.
    static func labels(_ svg: String) -> [(x: Double, y: Double, text: String)] {
        svg.components(separatedBy: "<text ").dropFirst().compactMap { element in
            guard element.contains(">VaR ") else { return nil }
            func attribute(_ name: String) -> Double? {
                guard let start = element.components(separatedBy: "\(name)=\"").dropFirst().first else { return nil }
                return Double(start.prefix { $0 != "\"" })
            }
            let text = element.components(separatedBy: ">").dropFirst().first?.components(separatedBy: "<").first ?? ""
            guard let x = attribute("x"), let y = attribute("y") else { return nil }
            return (x, y, text)
        }
    }

    @Test("VaR 95 and VaR 99 close together get labels on separate rows; outliers go to the end bins")
    func labelsDoNotOverlap() {
        // Nearly equal VaRs: the labels would sit on each other if they shared a row.
        var returns = (0..<1_000).map { Double($0 % 50 - 25) / 10_000 }
        returns.append(-0.5)  // one outlier far out
        let svg = RiskReportHTML.chart(
            RiskReportHTML.Distribution(
                name: "s",
                horizon: "1d",
                returns: returns,
                valueAtRisk95: 0.0200,
                valueAtRisk99: 0.0201
            )
        )
        let found = Self.labels(svg)
        #expect(found.count == 2)
        #expect(Set(found.map(\.y)).count == 2, "\(found)")
        #expect(found.map(\.text).contains("VaR 99 2.01 %") && found.map(\.text).contains("VaR 95 2 %"))
        // The axis starts at the 0.5th percentile (or the VaR 99), not at the −50 % outlier, and says so.
        #expect(svg.contains(">≤ -2.5 %<") || svg.contains(">≤ -2.01 %<"), "\(svg.suffix(400))")
    }
}
