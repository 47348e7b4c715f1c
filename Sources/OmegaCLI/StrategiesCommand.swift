import ArgumentParser
import TradingStrategies

/// `omega strategies [NAME]`: lists the strategies and their parameters.
struct StrategiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "strategies",
        abstract: "List strategies, or show one strategy's parameters."
    )

    @Argument(help: "A strategy name to show in detail.")
    var name: String?

    func run() throws {
        if let name {
            let descriptor: StrategyDescriptor
            do {
                descriptor = try StrategyRegistry.descriptor(named: name)
            } catch {
                throw ValidationError(error.description)
            }
            print("\(descriptor.name): \(descriptor.summary)\n")
            let width = descriptor.parameters.map(\.name.count).max() ?? 4
            for parameter in descriptor.parameters {
                let padding = String(repeating: " ", count: width - parameter.name.count + 2)
                print("  \(parameter.name)\(padding)default \(parameter.defaultValue); \(parameter.kindDescription)")
                print("  \(String(repeating: " ", count: width + 2))\(parameter.summary)")
            }
            return
        }
        let width = StrategyRegistry.all.map(\.name.count).max() ?? 8
        for descriptor in StrategyRegistry.all {
            let padding = String(repeating: " ", count: width - descriptor.name.count + 2)
            let parameters = descriptor.parameters.map { "\($0.name)=\($0.defaultValue)" }.joined(separator: " ")
            print("\(descriptor.name)\(padding)\(descriptor.summary)")
            print("\(String(repeating: " ", count: width + 2))\(parameters)")
        }
    }
}
