/// One positional argument of an indicator spec.
public struct IndicatorParameter: Sendable, Hashable {
    public let name: String
    public let summary: String
    public let isInteger: Bool
    public let range: ClosedRange<Double>
    public let defaultValue: Double

    static func period(
        _ defaultValue: Int,
        name: String = "period",
        summary: String = "bars in the window",
        minimum: Int = 1
    )
        -> IndicatorParameter
    {
        IndicatorParameter(
            name: name,
            summary: summary,
            isInteger: true,
            range: Double(minimum)...100_000,
            defaultValue: Double(defaultValue)
        )
    }

    static func factor(
        _ name: String,
        _ defaultValue: Double,
        _ range: ClosedRange<Double>,
        summary: String
    )
        -> IndicatorParameter
    {
        IndicatorParameter(name: name, summary: summary, isInteger: false, range: range, defaultValue: defaultValue)
    }

    /// `name` with its default, as shown in listings: `period=14`.
    public var usage: String {
        "\(name)=\(isInteger ? String(Int(defaultValue)) : String(defaultValue))"
    }
}
