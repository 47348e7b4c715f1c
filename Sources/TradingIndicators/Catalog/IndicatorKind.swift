/// One indicator of the catalog: its name, parameters, outputs and how to build it.
public struct IndicatorKind: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    public let summary: String
    public let parameters: [IndicatorParameter]
    /// Output names; a single-output indicator has one.
    public let outputs: [String]
    let validate: @Sendable ([Double]) -> String?
    let make: @Sendable ([Double]) -> any CandleIndicator

    init(
        _ name: String,
        _ summary: String,
        parameters: [IndicatorParameter] = [],
        outputs: [String] = ["value"],
        validate: @escaping @Sendable ([Double]) -> String? = { _ in nil },
        make: @escaping @Sendable ([Double]) -> any CandleIndicator
    ) {
        self.name = name
        self.summary = summary
        self.parameters = parameters
        self.outputs = outputs
        self.validate = validate
        self.make = make
    }

    /// `name:param:param` with defaults, as shown in errors and listings.
    public var usage: String {
        ([name] + parameters.map(\.usage)).joined(separator: ":")
    }

    public var description: String { usage }

    public static func == (lhs: IndicatorKind, rhs: IndicatorKind) -> Bool { lhs.name == rhs.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}
