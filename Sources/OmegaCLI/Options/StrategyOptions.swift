import ArgumentParser
import TradingStrategies

/// Which strategy runs and its parameters: shared by `backtest`, `optimize`, `bench` and `risk stress`.
struct StrategyOptions: ParsableArguments {
    @Option(help: "Strategy name (see `omega strategies`).")
    var strategy: String = "ema_cross"

    @Option(
        name: .customLong("param"),
        help: "A strategy parameter as name=value (repeatable).",
        transform: ParameterArgument.parse
    )
    var parameters: [ParameterArgument] = []

    /// The parameters by name.
    /// - Throws: `ValidationError` for a parameter given twice.
    func assignments() throws -> [String: String] {
        var result: [String: String] = [:]
        for parameter in parameters {
            guard result.updateValue(parameter.value, forKey: parameter.name) == nil else {
                throw ValidationError("--param \(parameter.text): \(parameter.name) is given twice")
            }
        }
        return result
    }

    /// The strategy's descriptor and the values of its parameters, checked.
    /// - Throws: `ValidationError` for an unknown strategy, parameter or value.
    func resolved() throws -> (descriptor: StrategyDescriptor, values: ParameterValues) {
        do {
            let descriptor = try StrategyRegistry.descriptor(named: strategy)
            return (descriptor, try descriptor.values(try assignments()))
        } catch let error as StrategyParameterError {
            throw ValidationError(error.description)
        }
    }
}
