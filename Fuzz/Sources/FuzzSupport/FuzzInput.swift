import Foundation

/// Fuzz inputs as the readers meet them: as files on disk.
public enum FuzzInput {
    /// A file path per process and name, in the process's temporary directory.
    public static func path(_ name: String) -> String {
        let directory = NSTemporaryDirectory() + "omega-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory + "/" + name
    }

    /// Writes `size` bytes at `data` to `path` (replacing it).
    public static func write(_ data: UnsafePointer<UInt8>, _ size: Int, to path: String) {
        let handle = fopen(path, "wb")
        if let handle {
            if size > 0 { fwrite(data, 1, size, handle) }
            fclose(handle)
        }
    }

    /// The bytes as text (invalid UTF-8 repaired, as the readers' callers would see it).
    public static func text(_ data: UnsafePointer<UInt8>, _ size: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    }
}

/// libFuzzer's driver (`-sanitize=fuzzer` links it): parses libFuzzer's flags and fuzzes `body`.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ body: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// The target's body; set once by ``runFuzzer(_:)`` before libFuzzer starts.
nonisolated(unsafe) private var fuzzBody: (UnsafePointer<UInt8>, Int) -> Void = { _, _ in }

/// The entry point libFuzzer calls for each input.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzBody(data, size)
    return 0
}

/// Runs libFuzzer on `body` with the process's arguments and exits with its status. Each target's
/// `main.swift` calls it: SwiftPM names the executable's entry point itself, so libFuzzer's own `main` is not
/// the one that runs.
public func runFuzzer(_ body: @escaping (UnsafePointer<UInt8>, Int) -> Void) -> Never {
    fuzzBody = body
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in testOneInput(data, size) })
}
