import FuzzSupport
import OmegaCLI

let commands: [[String]] = [
    ["backtest"], ["optimize"], ["farm"], ["farm", "backtest"], ["data", "import"], ["data", "resample"],
    ["data", "verify"], ["risk", "report"], ["risk", "stress"], ["cosmic"], ["indicators"], ["synth"], ["bench"],
]

/// Command lines: the first byte picks the command, the rest are its arguments, one per line. Parsing
/// (every typed option's parser and every `validate()`) must end in a usage error or a command; nothing runs.
func fuzzOptions(_ data: UnsafePointer<UInt8>, _ size: Int) {
    guard size > 0 else { return }
    let command = commands[Int(data[0]) % commands.count]
    let arguments = FuzzInput.text(data + 1, size - 1).split(separator: "\n", omittingEmptySubsequences: false)
        .map(String.init)
    _ = try? Omega.parseAsRoot(command + arguments)
}
