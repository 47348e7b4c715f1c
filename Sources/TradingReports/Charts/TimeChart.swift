import TradingCore

/// An SVG chart of values over time: a frame that maps times and values to coordinates, with value grid
/// lines labelled on the left and the first and last times below. The reports draw their lines, areas and
/// markers into it.
public struct TimeChart: Sendable {
    /// The chart's size in SVG units, and the margins inside it.
    public static let width = 1000.0
    public static let left = 70.0
    public static let right = 10.0
    public static let top = 10.0
    public static let bottom = 24.0

    /// The times (nanoseconds) and values at the frame's edges.
    public let t0: Double
    public let t1: Double
    public let v0: Double
    public let v1: Double
    public let height: Double

    /// A frame over `times` and `values`. An empty or flat value range is widened by one each way; unless
    /// `exact`, the values are padded by 4 % so that lines do not touch the edges.
    public init(times: ClosedRange<Int64>, values: ClosedRange<Double>, height: Double, exact: Bool = false) {
        var low = values.lowerBound
        var high = values.upperBound
        if !(high > low) {
            low -= 1
            high += 1
        }
        let pad = exact ? 0 : (high - low) * 0.04
        t0 = Double(times.lowerBound)
        t1 = Double(times.upperBound)
        v0 = low - pad
        v1 = high + pad
        self.height = height
    }

    /// The x coordinate of time `t` (nanoseconds).
    public func x(_ t: Int64) -> Double {
        let span = t1 > t0 ? t1 - t0 : 1
        return Self.left + (Double(t) - t0) / span * (Self.width - Self.left - Self.right)
    }

    /// The y coordinate of value `v`.
    public func y(_ v: Double) -> Double {
        let span = v1 > v0 ? v1 - v0 : 1
        return Self.top + (1 - (v - v0) / span) * (height - Self.top - Self.bottom)
    }

    /// The opening `<svg>` tag with five value grid lines labelled by `format`, and the first and last times.
    public func open(format: (Double) -> String) -> String {
        let f = HTML.coordinate
        var svg = "<svg viewBox=\"0 0 \(f(Self.width)) \(f(height))\" xmlns=\"http://www.w3.org/2000/svg\">"
        for step in 0...4 {
            let value = v0 + (v1 - v0) * Double(step) / 4
            let y = y(value)
            svg +=
                "<line x1=\"\(f(Self.left))\" x2=\"\(f(Self.width - Self.right))\" y1=\"\(f(y))\" y2=\"\(f(y))\" stroke=\"#eef0f3\"/>"
            svg +=
                "<text class=\"axis\" x=\"\(f(Self.left - 6))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(HTML.escape(format(value)))</text>"
        }
        let bottomY = height - 6
        svg +=
            "<text class=\"axis\" x=\"\(f(Self.left))\" y=\"\(f(bottomY))\">\(Timestamp(nanoseconds: Int64(t0)).iso8601)</text>"
        svg +=
            "<text class=\"axis\" x=\"\(f(Self.width - Self.right))\" y=\"\(f(bottomY))\" text-anchor=\"end\">\(Timestamp(nanoseconds: Int64(t1)).iso8601)</text>"
        return svg
    }

    /// A line through `points` (time in nanoseconds, value).
    public func polyline(_ points: [(time: Int64, value: Double)], color: String, width: Double = 1.3) -> String {
        let f = HTML.coordinate
        var svg = "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(f(width))\" points=\""
        for point in points { svg += "\(f(x(point.time))),\(f(y(point.value))) " }
        return svg + "\"/>"
    }

    /// The area between `points` and the value `base`.
    public func area(_ points: [(time: Int64, value: Double)], base: Double, fill: String, stroke: String) -> String {
        guard let first = points.first, let last = points.last else { return "" }
        let f = HTML.coordinate
        var svg =
            "<polygon fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"1\" points=\"\(f(x(first.time))),\(f(y(base))) "
        for point in points { svg += "\(f(x(point.time))),\(f(y(point.value))) " }
        return svg + "\(f(x(last.time))),\(f(y(base)))\"/>"
    }

    /// A legend row per series below the chart's frame: a swatch and the name.
    public static func legend(_ entries: [(name: String, color: String)]) -> String {
        var html = "<div class=\"legend\">"
        for entry in entries {
            html += "<span><i style=\"background:\(entry.color)\"></i>\(HTML.escape(entry.name))</span>"
        }
        return html + "</div>\n"
    }
}
