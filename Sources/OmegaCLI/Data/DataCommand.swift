import ArgumentParser
import TradingCore
import TradingData

/// `omega data`: the market data store.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Import, list, verify, resample and export market data in the local store.",
        discussion: """
            The store is an SQLite file, omega.sqlite, in the data directory: --data-dir, else $OMEGA_DATA_DIR, \
            else ~/.omega/data.
            """,
        subcommands: [
            DataImportCommand.self, DataDownloadCommand.self, DataListCommand.self, DataVerifyCommand.self,
            DataResampleCommand.self, DataExportCommand.self,
        ]
    )
}

/// `--data-dir`, shared by the data commands and `backtest`.
struct DataDirectoryOption: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "The data directory (default: $OMEGA_DATA_DIR, else ~/.omega/data).")
    var dataDirectory: String?

    var resolved: String { DataDirectory.resolve(dataDirectory) }

    func openStore() throws -> MarketStore {
        do {
            return try MarketStore(directory: resolved)
        } catch {
            throw DataCommandError(error.description)
        }
    }
}

/// A data command failure: printed as `error: …` with a non-zero exit.
struct DataCommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs a data command body, printing failures as `error: …`.
func runDataCommand(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch {
        var standardError = StandardError()
        print("error: \(ErrorText.clipped("\(error)"))", to: &standardError)
        throw ExitCode.failure
    }
}
