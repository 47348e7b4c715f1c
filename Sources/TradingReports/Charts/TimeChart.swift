import TradingCore

/// An SVG chart of values over time: a frame that maps times and values to coordinates, with value grid
/// lines labelled on the left and date ticks below at a calendar interval that suits the span. The reports draw their lines, areas and
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
    /// `exact`, the values are padded by 4 % so that lines do not touch the edges (never below zero when no
    /// value is negative).
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
        // Values that are never negative (prices, equity) keep the axis at or above zero.
        v0 = low >= 0 ? max(0, low - pad) : low - pad
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
        let plotBottom = height - Self.bottom
        for tick in Self.timeTicks(from: Int64(t0), to: Int64(t1)) {
            let x = x(tick.time)
            svg +=
                "<line x1=\"\(f(x))\" x2=\"\(f(x))\" y1=\"\(f(Self.top))\" y2=\"\(f(plotBottom + 4))\" stroke=\"#eef0f3\"/>"
            // Labels near an edge are anchored to it, so they stay inside the frame.
            let anchor = x < Self.left + 40 ? "start" : x > Self.width - Self.right - 40 ? "end" : "middle"
            svg +=
                "<text class=\"axis\" x=\"\(f(x))\" y=\"\(f(bottomY))\" text-anchor=\"\(anchor)\">\(HTML.escape(tick.label))</text>"
        }
        return svg
    }

    /// Date ticks at a calendar interval that gives about 4 to 10 of them between `start` and `end`
    /// (nanoseconds): hours, days, weeks, months, quarters or years, labelled to the interval's precision.
    public static func timeTicks(from start: Int64, to end: Int64) -> [(time: Int64, label: String)] {
        guard end > start else { return [] }
        let hour: Int64 = 3_600_000_000_000
        let day = 24 * hour
        let span = end - start
        let minute = hour / 60
        // Under four minutes there is no calendar step worth drawing: both ends are labelled in full.
        guard span >= 4 * minute else {
            return [(start, Timestamp(nanoseconds: start).iso8601), (end, Timestamp(nanoseconds: end).iso8601)]
        }
        enum Step {
            case minutes(Int64)
            case hours(Int64)
            case days(Int64)
            case months(Int)
        }
        let steps: [Step] = [
            .minutes(1), .minutes(5), .minutes(15), .minutes(30), .hours(1), .hours(3), .hours(6), .hours(12), .days(1),
            .days(2), .days(7), .days(14), .months(1),
            .months(3), .months(6), .months(12), .months(24), .months(60), .months(120),
        ]
        func approximate(_ step: Step) -> Int64 {
            switch step {
            case .minutes(let count): count * minute
            case .hours(let count): count * hour
            case .days(let count): count * day
            case .months(let count): Int64(count) * 30 * day
            }
        }
        let step = steps.first { span / approximate($0) <= 9 } ?? .months(120)
        var ticks: [(Int64, String)] = []
        switch step {
        case .minutes, .hours, .days:
            let size = approximate(step)
            // Aligned to whole multiples of the step since the epoch, so days start at midnight UTC; weeks
            // start on Mondays (the epoch was a Thursday).
            let offset = size >= 7 * day ? 4 * day : 0
            let shifted = start - offset
            var time = (shifted / size + (shifted % size == 0 ? 0 : 1)) * size + offset
            while time <= end {
                let civil = Timestamp(nanoseconds: time).civil
                let date = "\(civil.year)-\(pad(civil.month))-\(pad(civil.day))"
                let clock = "\(pad(civil.hour)):\(pad(civil.minute))"
                ticks.append(
                    (time, size < hour ? clock : size < day ? "\(pad(civil.month))-\(pad(civil.day)) \(clock)" : date)
                )
                time += size
            }
        case .months(let count):
            let first = Timestamp(nanoseconds: start).civil
            // The first month boundary at or after `start` that is a multiple of the step.
            func monthStart(_ month: Int) -> Int64 {
                Timestamp(CivilTime(year: month / 12, month: month % 12 + 1, day: 1)).nanoseconds
            }
            let current = first.year * 12 + (first.month - 1)
            var month = (current + count - 1) / count * count
            if monthStart(month) < start { month += count }
            while true {
                let time = monthStart(month)
                guard time <= end else { break }
                ticks.append((time, count >= 12 ? "\(month / 12)" : "\(month / 12)-\(pad(month % 12 + 1))"))
                month += count
            }
        }
        return ticks
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

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

    /// A shaded band over the times `from`…`to` (nanoseconds), the plot's full height, labelled at its top left
    /// (a market regime behind the lines).
    public func band(from start: Int64, to end: Int64, fill: String, label: String) -> String {
        let f = HTML.coordinate
        let x0 = x(start)
        let x1 = x(end)
        let plotBottom = height - Self.bottom
        var svg =
            "<rect x=\"\(f(x0))\" y=\"\(f(Self.top))\" width=\"\(f(max(0, x1 - x0)))\" height=\"\(f(plotBottom - Self.top))\" fill=\"\(fill)\"><title>\(HTML.escape(label))</title></rect>"
        if x1 - x0 > 6.5 * Double(label.count) {
            svg +=
                "<text class=\"axis\" x=\"\(f(x0 + 3))\" y=\"\(f(Self.top + 11))\">\(HTML.escape(label))</text>"
        }
        return svg
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
