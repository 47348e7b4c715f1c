/// Why a backtest could not run to the end.
public enum BacktestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A data file is malformed or out of order.
    case data(DataError)
    /// The setup is inconsistent (instruments, strategies, balances).
    case configuration(String)
    /// No market data falls inside the requested time range.
    case noData(String)
    /// An output file could not be written.
    case output(String)

    public var description: String {
        switch self {
        case .data(let error): error.description
        case .configuration(let message): "configuration: \(message)"
        case .noData(let message): message
        case .output(let message): "output: \(message)"
        }
    }
}
