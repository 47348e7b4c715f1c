import ArgumentParser
import TradingBacktest
import TradingCore
import TradingEngine
import TradingMarketData
import TradingReports

/// `omega synth`: writes the seeded synthetic market as a candle CSV, for benchmarks and experiments.
struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Write the seeded synthetic market as a candle CSV file."
    )

    @Option(help: "Number of one-minute bars.")
    var bars: Int = 43_200

    @Option(help: "Random seed.")
    var seed: UInt64 = 42

    @Option(help: "Output CSV path (timestamp,open,high,low,close,volume).")
    var output: String

    func validate() throws {
        try SizeLimits.check(bars, "--bars", SizeLimits.synthBars)
    }

    func run() throws {
        let market = SyntheticMarket(seed: seed, bars: bars)
        let source = market.source(instrument: InstrumentIndex(0))
        do {
            let file = try OutputFile(path: output)
            var buffer = "timestamp,open,high,low,close,volume\n"
            buffer.reserveCapacity(1 << 17)
            while case .bar(let bar) = try source.next() {
                buffer += "\(bar.openTime.milliseconds),\(bar.open),\(bar.high),\(bar.low),\(bar.close),\(bar.volume)\n"
                if buffer.utf8.count > 100_000 {
                    file.write(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            file.write(buffer)
            try file.commit()
        } catch {
            var standardError = StandardError()
            print("error: \(error)", to: &standardError)
            throw ExitCode.failure
        }
    }
}
