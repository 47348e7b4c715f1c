public import TradingCore
import TradingReports

/// Streams every equity sample to a file while the backtest runs: CSV (`timestamp,equity,drawdown`,
/// Unix milliseconds) or, for a `.json` path, an array of `{"timestamp", "equity", "drawdown"}` objects.
public final class EquityFileWriter: EquityObserver {
    private let file: OutputFile
    private let json: Bool
    private var first = true
    private var buffer = ""

    /// - Throws: ``BacktestError/output(_:)`` when the file cannot be created.
    public init(path: String) throws(BacktestError) {
        file = try BacktestError.writing { () throws(OutputError) in try OutputFile(path: path) }
        json = path.lowercased().hasSuffix(".json")
        buffer.reserveCapacity(1 << 16)
        buffer += json ? "[" : "timestamp,equity,drawdown\n"
    }

    public func record(time: Timestamp, equity: Double, drawdown: Double) {
        let equityText = JSONValue.double(equity).serialized(compact: true)
        let drawdownText = drawdown == 0 ? "0" : drawdown.description
        if json {
            buffer += first ? "\n" : ",\n"
            buffer += "{\"timestamp\":\(time.milliseconds),\"equity\":\(equityText),\"drawdown\":\(drawdownText)}"
        } else {
            buffer += "\(time.milliseconds),\(equityText),\(drawdownText)\n"
        }
        first = false
        if buffer.utf8.count > 60_000 {
            file.write(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// Finishes the file and moves it into place.
    public func commit() throws(BacktestError) {
        if json { buffer += first ? "]\n" : "\n]\n" }
        file.write(buffer)
        buffer = ""
        try BacktestError.writing { () throws(OutputError) in try file.commit() }
    }

    /// Discards the partial file (after a failed run).
    public func abandon() { file.abandon() }
}
