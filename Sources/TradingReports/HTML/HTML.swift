/// Helpers for the self-contained HTML reports (backtest, farm, optimisation, risk): escaping, SVG
/// coordinates and the page shell. Reports load nothing from the network.
public enum HTML {
    /// `text` with `&`, `<`, `>` and `"` escaped for HTML.
    public static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }

    /// A number with one decimal, for SVG coordinates: `12.34` → `"12.3"`, `0` for NaN and infinities.
    public static func coordinate(_ value: Double) -> String {
        let scaled = (value * 10).rounded()
        guard scaled.isFinite, abs(scaled) < 1e15 else { return "0" }
        let integer = Int(scaled)
        let sign = integer < 0 ? "-" : ""
        let magnitude = abs(integer)
        return "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }

    /// A whole page: the title, a stylesheet and the body, as one offline document.
    public static func document(title: String, style: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        \(style)
        </style></head><body>
        \(body)</body></html>

        """
    }
}
