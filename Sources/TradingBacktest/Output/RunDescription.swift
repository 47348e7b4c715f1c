/// What was run, for the summary JSON and the report: strategy, parameters, data and settings.
public struct RunDescription: Sendable {
    public var title: String
    public var strategy: String
    public var parameters: [(String, String)]
    public var data: [String]
    /// Settings in display order: fee, slippage, latency, fill rule, sizing, cash.
    public var settings: [(String, String)]

    public init(
        title: String,
        strategy: String,
        parameters: [(String, String)],
        data: [String],
        settings: [(String, String)]
    ) {
        self.title = title
        self.strategy = strategy
        self.parameters = parameters
        self.data = data
        self.settings = settings
    }
}
