public import TradingCore

/// Number and time formatting for people (summary table, HTML report): fixed decimals, thousands
/// separators, percentages and durations. Deterministic and locale-free.
public enum DisplayFormat {
    /// Two decimals, half away from zero: `1234.5` → `"1234.50"`; `–` for NaN and infinities; a magnitude
    /// of 10¹³ or more (a CAGR of absurd data) in Swift's shortest form, `1e+285`.
    public static func fixed2(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        guard abs(value) < 1e13 else { return value.description }
        let scaled = Int((value * 100).rounded())
        let sign = scaled < 0 ? "-" : ""
        let magnitude = abs(scaled)
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// A fraction as a percentage with two decimals: `0.1234` → `"12.34 %"`.
    public static func percent(_ value: Double) -> String { fixed2(value * 100) + " %" }

    /// Two decimals with thousands separators: `-12345.6` → `"-12,345.60"`.
    public static func money(_ value: Double) -> String {
        let text = fixed2(value)
        guard let dot = text.firstIndex(of: ".") else { return text }
        let integer = String(text[..<dot])
        let negative = integer.hasPrefix("-")
        return (negative ? "-" : "") + grouped(digits: negative ? String(integer.dropFirst()) : integer) + text[dot...]
    }

    /// A price for people: two decimals with thousands separators from 1 up (`26,500.12`), up to eight
    /// decimals without trailing zeros below 1 (`0.00001234`).
    public static func price(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1 else { return money(value) }
        let scaled = Int((abs(value) * 1e8).rounded())
        var digits = String(scaled)
        digits = String(repeating: "0", count: max(0, 8 - digits.count)) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return (value < 0 && scaled > 0 ? "-" : "") + (digits.isEmpty ? "0" : "0." + digits)
    }

    /// A time to the minute for tables: `2024-01-07 04:48` (UTC).
    public static func minute(_ time: Timestamp) -> String {
        let text = time.iso8601
        return String(text.prefix(16)).replacingFirstT()
    }

    /// A count with its noun, singular for one: `count(1, "bot")` → `"1 bot"`, `count(1200, "trade")` →
    /// `"1,200 trades"`.
    public static func count(_ value: Int, _ noun: String, plural: String? = nil) -> String {
        "\(grouped(value)) \(value == 1 ? noun : plural ?? noun + "s")"
    }

    /// An integer with thousands separators: `43211` → `"43,211"`.
    public static func grouped(_ value: Int) -> String {
        (value < 0 ? "-" : "") + grouped(digits: String(abs(value)))
    }

    private static func grouped(digits: String) -> String {
        var result = ""
        for (offset, character) in digits.reversed().enumerated() {
            if offset > 0 && offset % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return String(result.reversed())
    }

    /// Seconds with three decimals.
    public static func seconds(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        guard abs(value) < 1e12 else { return value.description }
        let millis = Int((value * 1000).rounded())
        let rest = millis % 1000
        return "\(millis / 1000).\(rest < 100 ? "0" : "")\(rest < 10 ? "0" : "")\(rest)"
    }

    /// `3d 4h`, `5h 12m` or `7m 30s`.
    public static func duration(_ duration: Duration) -> String {
        let total = duration.totalNanoseconds / 1_000_000_000
        let days = total / 86_400
        let hours = total % 86_400 / 3_600
        let minutes = total % 3_600 / 60
        if days > 0 { return "\(days)d \(hours)h" }
        if hours > 0 { return "\(hours)h \(minutes)m" }
        return "\(minutes)m \(total % 60)s"
    }
}

extension String {
    fileprivate func replacingFirstT() -> String {
        guard let index = firstIndex(of: "T") else { return self }
        var copy = self
        copy.replaceSubrange(index...index, with: " ")
        return copy
    }
}
