import FuzzSupport
import TradingFarm

/// farm.yaml text, with `${A}` and `${B}` set: every input must end in a ``FarmError`` or a configuration.
func fuzzFarmYAML(_ data: UnsafePointer<UInt8>, _ size: Int) {
    let text = FuzzInput.text(data, size)
    let environment = ["A": "0.25", "B": "secret-value"]
    do {
        let configuration = try FarmConfiguration.parse(yaml: text, source: "farm.yaml") { environment[$0] }
        _ = configuration.bots.count
    } catch {
        precondition(!error.description.contains("secret-value"), "an error showed an interpolated value")
    }
}
