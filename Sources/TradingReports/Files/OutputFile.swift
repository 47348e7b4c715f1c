#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written completely or not at all: text goes to `PATH.partial`, which replaces `PATH` only on
/// ``commit()``. An abandoned or failed write leaves any earlier `PATH` untouched. Inside an
/// ``OutputBatch`` (a run with several outputs), a committed file waits for the batch, so a run's outputs
/// appear together or not at all.
public final class OutputFile {
    public let path: String
    let temporaryPath: String
    private var handle: UnsafeMutablePointer<FILE>?

    /// - Throws: ``OutputError`` when the file cannot be created, or `path` is a read-only file (it is
    ///   never replaced).
    public init(path: String) throws(OutputError) {
        self.path = path
        temporaryPath = path + ".partial"
        try OutputBatch.check(path)
        guard let handle = fopen(temporaryPath, "w") else {
            throw OutputError(path: path, message: String(cString: strerror(errno)))
        }
        setvbuf(handle, nil, _IOFBF, 1 << 20)
        self.handle = handle
    }

    deinit { abandon() }

    public func write(_ text: String) {
        guard let handle else { return }
        var text = text
        text.withUTF8 { bytes in
            _ = fwrite(bytes.baseAddress, 1, bytes.count, handle)
        }
    }

    /// Flushes, closes and moves the file into place.
    /// - Throws: ``OutputError`` when writing failed (disk full, permissions).
    public func commit() throws(OutputError) {
        guard let handle else { return }
        self.handle = nil
        let failed = fflush(handle) != 0 || ferror(handle) != 0
        let closeFailed = fclose(handle) != 0
        if failed || closeFailed {
            unlink(temporaryPath)
            throw OutputError(path: path, message: String(cString: strerror(errno)))
        }
        if let batch = OutputBatch.current {
            batch.stage(self)
            return
        }
        try publish()
    }

    /// Moves the finished temporary file into place.
    func publish() throws(OutputError) {
        guard rename(temporaryPath, path) == 0 else {
            unlink(temporaryPath)
            throw OutputError(
                path: path,
                message: "cannot move the finished file into place: \(String(cString: strerror(errno)))"
            )
        }
    }

    /// Discards what was written.
    public func abandon() {
        guard let handle else { return }
        self.handle = nil
        fclose(handle)
        unlink(temporaryPath)
    }

    /// Writes `text` to `path` atomically.
    public static func write(_ text: String, to path: String) throws(OutputError) {
        let file = try OutputFile(path: path)
        file.write(text)
        try file.commit()
    }
}

/// An output file that could not be written, naming it.
public struct OutputError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `cannot write PATH: MESSAGE`.
    public var description: String { "cannot write \(path): \(message)" }
}
