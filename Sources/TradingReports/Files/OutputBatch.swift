#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The outputs of one run, written completely or not at all.
///
/// ``run(paths:_:)`` checks every output path before the run starts (its directory exists and is writable,
/// it is not a directory, an existing file is writable: a read-only file is an error, never replaced).
/// While the run lasts, each ``OutputFile`` it commits waits, finished, beside its destination; only when
/// the run returns do they all move into place. A run that throws leaves every earlier file as it was.
public final class OutputBatch: @unchecked Sendable {
    /// The batch of the run in progress on this task, if any.
    @TaskLocal static var current: OutputBatch?

    private var staged: [OutputFile] = []

    private init() {}

    /// Runs `body` with its outputs batched; `paths` (the run's output files) are checked first.
    /// - Throws: ``OutputError`` for a bad path (before `body` runs) or a file that cannot be moved into
    ///   place, and whatever `body` throws (nothing is published then).
    public static func run<Result>(paths: [String], _ body: () throws -> Result) throws -> Result {
        try check(paths)
        let batch = OutputBatch()
        do {
            let result = try $current.withValue(batch) { try body() }
            try batch.publish()
            return result
        } catch {
            batch.discard()
            throw error
        }
    }

    /// The async form of ``run(paths:_:)``.
    public static func run<Result>(paths: [String], _ body: () async throws -> Result) async throws -> Result {
        try check(paths)
        let batch = OutputBatch()
        do {
            let result = try await $current.withValue(batch) { try await body() }
            try batch.publish()
            return result
        } catch {
            batch.discard()
            throw error
        }
    }

    /// Checks every path (``check(_:)-(String)``) and that no file is named twice.
    static func check(_ paths: [String]) throws(OutputError) {
        var seen = Set<String>()
        for path in paths {
            guard seen.insert(path).inserted else {
                throw OutputError(path: path, message: "the same file is named for two outputs")
            }
            try check(path)
        }
    }

    /// Checks that `path` can be written and replaced: a writable directory, not a directory itself, and
    /// not a read-only file.
    /// - Throws: ``OutputError`` naming the path.
    public static func check(_ path: String) throws(OutputError) {
        guard !path.isEmpty else { throw OutputError(path: path, message: "an empty path") }
        var info = stat()
        if stat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR { throw OutputError(path: path, message: "is a directory") }
            // The mode bits as well as access(2): root may write any file, but a file marked read-only is
            // still not one to replace.
            let writeBits = mode_t(S_IWUSR) | mode_t(S_IWGRP) | mode_t(S_IWOTH)
            guard access(path, W_OK) == 0, info.st_mode & writeBits != 0 else {
                throw OutputError(path: path, message: "the file is read-only; it is not replaced")
            }
        }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        guard stat(directory, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw OutputError(path: path, message: "the directory \(directory) does not exist")
        }
        guard access(directory, W_OK) == 0 else {
            throw OutputError(path: path, message: "the directory \(directory) is not writable")
        }
    }

    func stage(_ file: OutputFile) { staged.append(file) }

    private func publish() throws(OutputError) {
        let files = staged
        staged = []
        for (index, file) in files.enumerated() {
            do {
                try file.publish()
            } catch {
                for rest in files[(index + 1)...] { unlink(rest.temporaryPath) }
                throw error
            }
        }
    }

    private func discard() {
        for file in staged { unlink(file.temporaryPath) }
        staged = []
    }
}
