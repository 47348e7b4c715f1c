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

    /// An SVG histogram of the returns in 40 bins over the 0.5th to 99.5th percentile (the rarer returns are
    /// counted in the end bins, whose labels say so); bins beyond the 95 % VaR are red, with lines at both
    /// VaRs. The two VaR labels sit on rows of their own, VaR 99 left of its line and VaR 95 right of its
    /// own, so they never overlap.
    public static func chart(_ distribution: Distribution) -> String {
        let width = 520.0
        let height = 210.0
        let margin = 24.0
        let top = 34.0
        var html =
            "<div class=\"chart\"><h3>\(escape(distribution.name)), \(escape(distribution.horizon)) returns (\(distribution.returns.count))</h3>"
        let sorted = distribution.returns.sorted()
        guard let first = sorted.first, let last = sorted.last, last > first else {
            return html + "<p>not enough returns</p></div>\n"
        }
        func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(p * Double(sorted.count - 1)))] }
        // The VaR lines stay inside the range.
        let var99 = distribution.valueAtRisk99.map { -$0 } ?? first
        var low = min(percentile(0.005), var99)
        var high = percentile(0.995)
        if !(high > low) {
            low = first
            high = last
        }
        let clippedLow = first < low
        let clippedHigh = last > high
        let bins = 40
        var counts = Array(repeating: 0, count: bins)
        for value in sorted {
            let position = Int(((value - low) / (high - low) * Double(bins)).rounded(.down))
            counts[max(0, min(bins - 1, position))] += 1
        }
        let tallest = Double(counts.max() ?? 1)
        func x(_ value: Double) -> Double { margin + (value - low) / (high - low) * (width - 2 * margin) }
        let binWidth = (width - 2 * margin) / Double(bins)
        html +=
            "<svg width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\">"
        let cutoff = distribution.valueAtRisk95.map { -$0 }
        for (index, count) in counts.enumerated() where count > 0 {
            let barHeight = Double(count) / tallest * (height - top - margin)
            let left = margin + Double(index) * binWidth
            let binTop = low + (Double(index) + 1) / Double(bins) * (high - low)
            let colour = cutoff.map { binTop <= $0 } == true ? "#d9534f" : "#5b8def"
            html +=
                "<rect x=\"\(format(left))\" y=\"\(format(height - margin - barHeight))\" width=\"\(format(binWidth - 1))\" height=\"\(format(barHeight))\" fill=\"\(colour)\"><title>\(count)</title></rect>"
        }
        // VaR 99 (further left) on the first row, its label to the left of the line; VaR 95 on the second,
        // to the right; a label that would leave the frame flips to the line's other side.
        for (row, entry) in [
            ("VaR 99", distribution.valueAtRisk99, "#8b0000", true),
            ("VaR 95", distribution.valueAtRisk95, "#d9534f", false),
        ].enumerated() {
            let (label, loss, colour, leftOfLine) = entry
            guard let loss, -loss >= low, -loss <= high else { continue }
            let lineX = x(-loss)
            let text = "\(label) \(format(loss * 100)) %"
            let textWidth = 6.0 * Double(text.count)
            var left = leftOfLine
            if left && lineX - 4 - textWidth < 0 { left = false }
            if !left && lineX + 4 + textWidth > width { left = true }
            let y = 11.0 + 12 * Double(row)
            html +=
                "<line x1=\"\(format(lineX))\" x2=\"\(format(lineX))\" y1=\"\(format(y - 9))\" y2=\"\(format(height - margin))\" stroke=\"\(colour)\" stroke-dasharray=\"4 3\"/>"
            html +=
                "<text x=\"\(format(left ? lineX - 4 : lineX + 4))\" y=\"\(format(y))\" font-size=\"10\" fill=\"\(colour)\" text-anchor=\"\(left ? "end" : "start")\">\(text)</text>"
        }
        html +=
            "<line x1=\"\(format(margin))\" x2=\"\(format(width - margin))\" y1=\"\(format(height - margin))\" y2=\"\(format(height - margin))\" stroke=\"#999\"/>"
        html +=
            "<text x=\"\(format(margin))\" y=\"\(format(height - 6))\" font-size=\"10\">\(clippedLow ? "≤ " : "")\(format(low * 100)) %</text>"
        if low < 0 && high > 0 {
            let zero = x(0)
            html +=
                "<line x1=\"\(format(zero))\" x2=\"\(format(zero))\" y1=\"\(format(height - margin))\" y2=\"\(format(height - margin + 4))\" stroke=\"#999\"/>"
            if zero - margin > 50 && width - margin - zero > 50 {
                html +=
                    "<text x=\"\(format(zero))\" y=\"\(format(height - 6))\" font-size=\"10\" text-anchor=\"middle\">0 %</text>"
            }
        }
        html +=
            "<text x=\"\(format(width - margin))\" y=\"\(format(height - 6))\" font-size=\"10\" text-anchor=\"end\">\(clippedHigh ? "≥ " : "")\(format(high * 100)) %</text>"
        return html + "</svg></div>\n"
    }

    private static func format(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    private static func escape(_ text: String) -> String { HTML.escape(text) }
}
