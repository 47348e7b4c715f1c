public import Foundation

/// Writes small data files into a temporary directory.
public struct TestFiles {
    public let directory: URL

    public init() throws { directory = try PackagePaths.temporaryDirectory() }

    /// Writes `text` to `name` and returns the path.
    public func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Writes `text` gzip-compressed (with the system gzip) to `name` and returns the path.
    public func writeGzip(_ name: String, _ text: String) throws -> String {
        let plain = try write(String(name.dropLast(3)), text)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-kf", plain]
        try process.run()
        process.waitUntilExit()
        return plain + ".gz"
    }

    public func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    public func read(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }

    public func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }
}
