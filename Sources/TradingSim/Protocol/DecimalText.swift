/// Prices and quantities as Binance writes them: a value put on a step (a tick or lot step given as decimal
/// text) and written with a fixed number of decimals, through integers so that no binary rounding shows.
enum DecimalText {
    /// `value` rounded to the nearest multiple of `step`, written with `decimals` decimals.
    static func format(_ value: Double, step: String, decimals: Int) -> String {
        let (stepUnits, stepDecimals) = units(step)
        let places = max(decimals, stepDecimals)
        let scale = power(places)
        guard stepUnits > 0, value.isFinite else { return format(units: 0, decimals: decimals, from: places) }
        let stepInPlaces = stepUnits * power(places - stepDecimals)
        let steps = (value * Double(scale) / Double(stepInPlaces)).rounded()
        guard abs(steps) < 9e15 else { return format(units: 0, decimals: decimals, from: places) }
        return format(units: Int64(steps) * stepInPlaces, decimals: decimals, from: places)
    }

    /// `value` with `decimals` decimals (rounded half away from zero).
    static func format(_ value: Double, decimals: Int) -> String {
        let scale = power(decimals)
        guard value.isFinite, abs(value * Double(scale)) < 9e18 else {
            return format(units: 0, decimals: decimals, from: decimals)
        }
        return format(units: Int64((value * Double(scale)).rounded()), decimals: decimals, from: decimals)
    }

    /// The integer units and decimals of a decimal text (`"0.0100"` → (100, 4)).
    static func units(_ text: String) -> (Int64, Int) {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = Int64(parts[0]) ?? 0
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        return (whole * power(fraction.count) + (Int64(fraction) ?? 0), fraction.count)
    }

    static func power(_ exponent: Int) -> Int64 {
        var result: Int64 = 1
        for _ in 0..<max(0, exponent) { result *= 10 }
        return result
    }

    /// `units` × 10^−`from`, written with `decimals` decimals (fewer than `from`: the digits dropped are
    /// rounded half away from zero; more: zeros appended).
    static func format(units: Int64, decimals: Int, from places: Int) -> String {
        var value = units
        if places < decimals {
            value *= power(decimals - places)
        } else if places > decimals {
            let divisor = power(places - decimals)
            value = (value + (value >= 0 ? divisor / 2 : -divisor / 2)) / divisor
        }
        let negative = value < 0
        let magnitude = value.magnitude
        let scale = UInt64(power(decimals))
        var text = String(magnitude / scale)
        if decimals > 0 {
            let fraction = String(magnitude % scale)
            text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return negative ? "-" + text : text
    }
}
