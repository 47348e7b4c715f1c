import Foundation

/// Where the market data store lives: `--data-dir`, else the `OMEGA_DATA_DIR` environment variable, else
/// `~/.omega/data`. The database is `omega.sqlite` in that directory.
public enum DataDirectory {
    public static let environmentVariable = "OMEGA_DATA_DIR"
    public static let databaseName = "omega.sqlite"

    /// The directory to use, given the `--data-dir` option.
    public static func resolve(_ option: String?) -> String {
        if let option, !option.isEmpty { return option }
        if let environment = ProcessInfo.processInfo.environment[environmentVariable], !environment.isEmpty {
            return environment
        }
        let home = ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".omega/data")
    }

    /// The database file in `directory`.
    public static func databasePath(in directory: String) -> String {
        (directory as NSString).appendingPathComponent(databaseName)
    }
}
