import TradingCore
import TradingReports

/// The HTML section of `omega risk report`: the VaR table and, for each curve and horizon, the P&L
/// distribution (a histogram of period returns) with the historical VaR 95 % and 99 % marked.
public enum RiskReportHTML {
    /// One curve's returns over one horizon, with its historical VaR (losses as positive fractions).
    public struct Distribution: Sendable {
        public let name: String
        public let horizon: String
        public let returns: [Double]
        public let valueAtRisk95: Double?
        public let valueAtRisk99: Double?

        public init(name: String, horizon: String, returns: [Double], valueAtRisk95: Double?, valueAtRisk99: Double?) {
            self.name = name
            self.horizon = horizon
            self.returns = returns
            self.valueAtRisk95 = valueAtRisk95
            self.valueAtRisk99 = valueAtRisk99
        }
    }

    /// A self-contained page: the table (first row is the header), then one chart per distribution.
    public static func render(title: String, table: [[String]], distributions: [Distribution]) -> String {
        var html = """
            <!doctype html>
            <html><head><meta charset="utf-8"><title>\(escape(title))</title>
            <style>body{font:14px system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse}
            td,th{padding:3px 10px;border-bottom:1px solid #eee;text-align:right}td.l,th.l{text-align:left}
            .chart{display:inline-block;margin:8px 16px 16px 0}h3{margin:4px 0;font-size:14px}</style></head><body>
            <h1>\(escape(title))</h1>
            <section id="var"><h2>Value at risk</h2><table>

            """
        for (number, row) in table.enumerated() {
            html +=
                "<tr>"
                + row.enumerated().map { index, cell in
                    let tag = number == 0 ? "th" : "td"
                    return "<\(tag)\(index < 3 ? " class=\"l\"" : "")>\(escape(cell))</\(tag)>"
                }.joined() + "</tr>\n"
        }
        html += "</table></section>\n<section id=\"distribution\"><h2>P&amp;L distribution</h2>\n"
        for distribution in distributions { html += chart(distribution) }
        html += "</section></body></html>\n"
        return html
    }

    /// An SVG histogram of the returns in 40 bins; bins beyond the 95 % VaR are red, with lines at both VaRs.
    public static func chart(_ distribution: Distribution) -> String {
        let width = 420.0
        let height = 180.0
        let margin = 24.0
        var html =
            "<div class=\"chart\"><h3>\(escape(distribution.name)), \(escape(distribution.horizon)) returns (\(distribution.returns.count))</h3>"
        guard let low = distribution.returns.min(), let high = distribution.returns.max(), high > low else {
            return html + "<p>not enough returns</p></div>\n"
        }
        let bins = 40
        var counts = Array(repeating: 0, count: bins)
        for value in distribution.returns {
            counts[min(bins - 1, Int((value - low) / (high - low) * Double(bins)))] += 1
        }
        let tallest = Double(counts.max() ?? 1)
        func x(_ value: Double) -> Double { margin + (value - low) / (high - low) * (width - 2 * margin) }
        let binWidth = (width - 2 * margin) / Double(bins)
        html +=
            "<svg width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\">"
        let cutoff = distribution.valueAtRisk95.map { -$0 }
        for (index, count) in counts.enumerated() where count > 0 {
            let barHeight = Double(count) / tallest * (height - 2 * margin)
            let left = margin + Double(index) * binWidth
            let binTop = low + (Double(index) + 1) / Double(bins) * (high - low)
            let colour = cutoff.map { binTop <= $0 } == true ? "#d9534f" : "#5b8def"
            html +=
                "<rect x=\"\(format(left))\" y=\"\(format(height - margin - barHeight))\" width=\"\(format(binWidth - 1))\" height=\"\(format(barHeight))\" fill=\"\(colour)\"><title>\(count)</title></rect>"
        }
        for (label, loss, colour) in [
            ("VaR 95", distribution.valueAtRisk95, "#d9534f"), ("VaR 99", distribution.valueAtRisk99, "#8b0000"),
        ] {
            guard let loss, -loss >= low, -loss <= high else { continue }
            let position = format(x(-loss))
            html +=
                "<line x1=\"\(position)\" x2=\"\(position)\" y1=\"\(format(margin / 2))\" y2=\"\(format(height - margin))\" stroke=\"\(colour)\" stroke-dasharray=\"4 3\"/>"
            html +=
                "<text x=\"\(position)\" y=\"\(format(margin / 2))\" font-size=\"10\" fill=\"\(colour)\">\(label) \(format(loss * 100)) %</text>"
        }
        html +=
            "<line x1=\"\(format(margin))\" x2=\"\(format(width - margin))\" y1=\"\(format(height - margin))\" y2=\"\(format(height - margin))\" stroke=\"#999\"/>"
        html +=
            "<text x=\"\(format(margin))\" y=\"\(format(height - 6))\" font-size=\"10\">\(format(low * 100)) %</text>"
        html +=
            "<text x=\"\(format(width - margin))\" y=\"\(format(height - 6))\" font-size=\"10\" text-anchor=\"end\">\(format(high * 100)) %</text>"
        return html + "</svg></div>\n"
    }

    private static func format(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    private static func escape(_ text: String) -> String { HTML.escape(text) }
}
