public import Foundation

/// Finds `../shared` (exchange data, reference results, vectors) next to the package, or where the
/// `OMEGA_SHARED_DIR` environment variable points. Tests that need it are skipped, with this reason, when
/// it is missing.
public enum SharedData {
    /// The shared directory, if present.
    public static let directory: URL? = {
        let fileManager = FileManager.default
        if let override = ProcessInfo.processInfo.environment["OMEGA_SHARED_DIR"], !override.isEmpty {
            let url = URL(fileURLWithPath: override)
            return fileManager.fileExists(atPath: url.appendingPathComponent("data").path) ? url : nil
        }
        let candidate = PackagePaths.root.deletingLastPathComponent().appendingPathComponent("shared")
        return fileManager.fileExists(atPath: candidate.appendingPathComponent("data").path) ? candidate : nil
    }()

    public static var isAvailable: Bool { directory != nil }

    /// The reason printed when tests that need it are skipped.
    public static let skipReason =
        "../shared (real exchange data and reference results) not found; set OMEGA_SHARED_DIR"

    /// A file under `shared/data`.
    public static func data(_ name: String) -> String {
        (directory ?? URL(fileURLWithPath: "/nonexistent")).appendingPathComponent("data").appendingPathComponent(name)
            .path
    }

    /// A file under `shared/vectors` (exchange, order-book, Discord and Telegram protocol cases).
    public static func vector(_ name: String) -> String {
        (directory ?? URL(fileURLWithPath: "/nonexistent")).appendingPathComponent("vectors").appendingPathComponent(
            name
        )
        .path
    }

    /// A file under `shared/reference`.
    public static func reference(_ name: String) -> String {
        (directory ?? URL(fileURLWithPath: "/nonexistent")).appendingPathComponent("reference").appendingPathComponent(
            name
        ).path
    }
}

/// Paths of the package and its build products, for tests.
public enum PackagePaths {
    /// The package root (this file is `Sources/TradingTestSupport/SharedData.swift`).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The directory holding the running test binary, where SwiftPM also puts the `omega` executable.
    public static let products: URL = {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        // XCTest bundles on Linux are directories named *.xctest holding the binary.
        while directory.pathExtension == "xctest" || directory.lastPathComponent == "MacOS" {
            directory = directory.deletingLastPathComponent()
        }
        return directory
    }()

    /// A fresh temporary directory for one test.
    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("omega-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
