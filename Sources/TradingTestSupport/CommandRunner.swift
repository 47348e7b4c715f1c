public import Foundation

/// Runs the built `omega` executable and captures its output, for end-to-end tests.
public struct CommandResult: Sendable {
    public let status: Int32
    public let standardOutput: String
    public let standardError: String
}

public enum CommandRunner {
    /// The `omega` executable next to the test binary.
    public static var omegaPath: String { PackagePaths.products.appendingPathComponent("omega").path }

    /// Runs `omega` with `arguments` in `directory`, with `environment` added to this process's.
    public static func omega(
        _ arguments: [String],
        in directory: URL? = nil,
        environment: [String: String] = [:]
    ) throws
        -> CommandResult
    {
        try run(omegaPath, arguments, in: directory, environment: environment)
    }

    /// Runs the executable at `path` with `arguments` in `directory`. Its output goes through temporary
    /// files, so neither stream can fill a pipe and block it, however much it writes.
    public static func run(
        _ path: String,
        _ arguments: [String],
        in directory: URL? = nil,
        environment: [String: String] = [:]
    ) throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, added in added }
        }
        if let directory { process.currentDirectoryURL = directory }
        let scratch = try PackagePaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outputURL = scratch.appendingPathComponent("stdout")
        let errorURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL)
        let error = try FileHandle(forWritingTo: errorURL)
        defer {
            try? output.close()
            try? error.close()
        }
        process.standardOutput = output
        process.standardError = error
        try process.run()
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus,
            standardOutput: String(decoding: try Data(contentsOf: outputURL), as: UTF8.self),
            standardError: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self)
        )
    }

    /// The first of `names` found on the `PATH`, as a full path.
    public static func which(_ names: [String]) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in names {
            for directory in path.split(separator: ":") {
                let candidate = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }
}
