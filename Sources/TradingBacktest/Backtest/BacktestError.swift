public import TradingMarketData
public import TradingReports

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

extension BacktestError {
    /// A data setup's error as a backtest's: the same message.
    public init(_ error: MarketDataError) {
        switch error {
        case .data(let data): self = .data(data)
        case .configuration(let message): self = .configuration(message)
        }
    }

    /// An output file's error as a backtest's.
    public init(_ error: OutputError) { self = .output(error.description) }

    /// Runs `body`, which writes an output file, with its error as a backtest's.
    public static func writing<Result>(_ body: () throws(OutputError) -> Result) throws(BacktestError) -> Result {
        do {
            return try body()
        } catch {
            throw BacktestError(error)
        }
    }
}
