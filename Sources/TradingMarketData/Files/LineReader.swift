import CZlib

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a text file line by line, plain or gzip (zlib detects the format), in fixed-size chunks: memory
/// stays flat whatever the file size.
///
/// A gzip file must end with its trailer, whose CRC-32 and length zlib checks: a file cut short (even at a
/// flush point, where every byte before the cut decompresses) or corrupted is an error naming the file,
/// never a shorter file read without complaint.
///
/// Each line is handed out as bytes that stay valid until the next call to ``nextLine()``.
public final class LineReader {
    // The reader is used from one thread at a time and its fields are never borrowed across a call, so the
    // runtime's dynamic exclusivity checks (a thread-local access set, touched on every access of a class's
    // `var`) are turned off for the fields read per line.
    public let path: String
    private let handle: gzFile
    @exclusivity(unchecked) private var buffer: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private var start = 0
    @exclusivity(unchecked) private var end = 0
    @exclusivity(unchecked) private var exhausted = false
    /// 1-based number of the line last returned.
    @exclusivity(unchecked) public private(set) var lineNumber = 0
    /// Size of the file on disk, for progress.
    public let fileSize: Int64

    /// - Throws: ``DataError`` when the file cannot be opened.
    public init(path: String, chunkSize: Int = 1 << 20) throws(DataError) {
        self.path = path
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw DataError(file: path, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw DataError(file: path, message: "not a regular file") }
        fileSize = Int64(info.st_size)
        guard let handle = gzopen(path, "rb") else {
            throw DataError(file: path, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        gzbuffer(handle, 1 << 18)
        self.handle = handle
        capacity = chunkSize
        buffer = .allocate(capacity: chunkSize)
    }

    deinit {
        gzclose(handle)
        buffer.deallocate()
    }

    /// How far through the file (compressed bytes for gzip), from 0 to 1.
    public var progress: Double {
        guard fileSize > 0 else { return 1 }
        let offset = gzoffset(handle)
        return min(1, Double(offset) / Double(fileSize))
    }

    /// The next line without its line ending, or `nil` at the end of the file.
    /// - Throws: ``DataError`` on a read or decompression error.
    public func nextLine() throws(DataError) -> UnsafeBufferPointer<UInt8>? {
        while true {
            if start < end, let newline = memchr(buffer + start, 0x0A, end - start) {
                let position = buffer.distance(to: newline.assumingMemoryBound(to: UInt8.self))
                var lineEnd = position
                if lineEnd > start && buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let line = UnsafeBufferPointer(start: buffer + start, count: lineEnd - start)
                start = position + 1
                lineNumber += 1
                return line
            }
            if exhausted {
                guard start < end else { return nil }
                // Last line without a newline.
                var lineEnd = end
                if buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let line = UnsafeBufferPointer(start: buffer + start, count: lineEnd - start)
                start = end
                lineNumber += 1
                return line
            }
            try refill()
        }
    }

    private func refill() throws(DataError) {
        if start > 0 {
            let remaining = end - start
            if remaining > 0 { memmove(buffer, buffer + start, remaining) }
            start = 0
            end = remaining
        }
        if end == capacity {
            // A line longer than the buffer: grow it.
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            grown.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = grown
            capacity *= 2
        }
        let count = gzread(handle, buffer + end, UInt32(capacity - end))
        if count < 0 {
            var code: Int32 = 0
            let message = gzerror(handle, &code).map { String(cString: $0) } ?? "read error"
            throw DataError(file: path, line: lineNumber + 1, message: "cannot read: \(message)")
        }
        if count == 0 {
            // zlib reports a gzip stream that ends before its trailer only through its error state.
            var code: Int32 = 0
            let message = gzerror(handle, &code).map { String(cString: $0) } ?? "read error"
            if code != Z_OK {
                let reason = code == Z_BUF_ERROR ? "the gzip file is truncated (\(message))" : "cannot read: \(message)"
                throw DataError(file: path, line: lineNumber + 1, message: reason)
            }
            exhausted = true
        }
        end += Int(count)
    }
}
