import TradingCore
import TradingEngine

/// The strategies `omega` can run, by name.
public enum StrategyRegistry {
    /// Every registered strategy, sorted by name.
    public static let all: [StrategyDescriptor] = [
        EMACross.descriptor,
        DonchianBreakout.descriptor,
        RSIReversion.descriptor,
        BollingerReversionModel.descriptor,
        MACDTrendModel.descriptor,
        SupertrendModel.descriptor,
        FibonacciRetracementModel.descriptor,
        GridTrading.descriptor,
        DollarCostAveraging.descriptor,
        EnsembleModel.descriptor,
        RegimeAdaptiveModel.descriptor,
    ].sorted { $0.name < $1.name }

    /// The descriptor named `name`.
    /// - Throws: ``StrategyParameterError/unknownStrategy(_:available:)`` listing the known names.
    public static func descriptor(named name: String) throws(StrategyParameterError) -> StrategyDescriptor {
        guard let descriptor = all.first(where: { $0.name == name }) else {
            throw .unknownStrategy(name, available: all.map(\.name))
        }
        return descriptor
    }

    /// Parses `key=value` texts into a dictionary.
    /// - Throws: ``StrategyParameterError/malformed(_:)`` for text without `=`, and for repeated keys.
    public static func assignments(_ texts: [String]) throws(StrategyParameterError) -> [String: String] {
        var result: [String: String] = [:]
        for text in texts {
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else { throw .malformed(text) }
            let key = String(text[..<equals]).trimmingSpaces
            let value = String(text[text.index(after: equals)...]).trimmingSpaces
            guard !key.isEmpty, !value.isEmpty, result[key] == nil else { throw .malformed(text) }
            result[key] = value
        }
        return result
    }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
