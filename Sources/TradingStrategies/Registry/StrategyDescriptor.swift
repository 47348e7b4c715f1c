public import TradingCore
public import TradingEngine

/// A strategy the registry can build: its name, what it does, its parameters and a factory.
public struct StrategyDescriptor: Sendable {
    public let name: String
    public let summary: String
    public let parameters: [StrategyParameter]
    /// Whether its signals follow the trend or bet on a reversal: a strength measure reads a move in the
    /// signal's direction as support for a trend follower and against a mean-reversion entry.
    public var style: SignalStyle = .trendFollowing
    /// Checks relations between parameters (`fast < slow`); returns the problem or `nil`.
    let validate: @Sendable (ParameterValues) -> String?
    let make: @Sendable (StrategyID, InstrumentID, ParameterValues) -> any Strategy

    /// Fills in defaults, parses and checks `assignments` (`["fast": "12"]`).
    /// - Throws: ``StrategyParameterError`` naming the parameter and the expected form.
    public func values(_ assignments: [String: String]) throws(StrategyParameterError) -> ParameterValues {
        var values: [String: ParameterValue] = [:]
        for (key, _) in assignments where !parameters.contains(where: { $0.name == key }) {
            throw .unknownParameter(strategy: name, parameter: key, known: parameters.map(\.name))
        }
        for parameter in parameters {
            values[parameter.name] = try parameter.parse(
                assignments[parameter.name] ?? parameter.defaultValue,
                strategy: name
            )
        }
        let result = ParameterValues(values: values, order: parameters.map(\.name))
        if let problem = validate(result) { throw .constraint(strategy: name, message: problem) }
        return result
    }

    /// Builds one instance trading `instrument`.
    public func make(id: StrategyID, instrument: InstrumentID, values: ParameterValues) -> any Strategy {
        make(id, instrument, values)
    }
}

/// How a strategy's signals relate to the market's move (``StrategyDescriptor/style``).
public enum SignalStyle: String, Sendable, Hashable, CaseIterable {
    /// Enters in the direction of the move (crossovers, breakouts, trend indicators).
    case trendFollowing = "trend_following"
    /// Enters against a stretched move, expecting it to revert (oscillator extremes, bands, retracements).
    case meanReversion = "mean_reversion"
}
