import Foundation
import Testing
import TradingReports
import TradingTestSupport

@Suite("Output files")
struct OutputFileTests {
    @Test("an output file replaces the old one only when complete")
    func atomicWrites() throws {
        let files = try TestFiles()
        let path = try files.write("out.txt", "old")
        let file = try OutputFile(path: path)
        file.write("new")
        #expect(try files.read("out.txt") == "old")
        file.abandon()
        #expect(try files.read("out.txt") == "old")
        try OutputFile.write("new", to: path)
        #expect(try files.read("out.txt") == "new")
        #expect(throws: OutputError.self) { try OutputFile(path: files.path("missing/dir/out.txt")) }
    }

    @Test("a failed write names the file")
    func failureNamesFile() throws {
        let files = try TestFiles()
        let path = files.path("missing/dir/out.txt")
        let directory = files.path("missing/dir")
        #expect(throws: OutputError(path: path, message: "the directory \(directory) does not exist")) {
            try OutputFile(path: path)
        }
    }

    @Test("a read-only file is an error, never replaced; a batch publishes all of a run's files or none")
    func batches() throws {
        let files = try TestFiles()
        let locked = try files.write("locked.txt", "old")
        chmod(locked, 0o444)
        #expect(throws: OutputError(path: locked, message: "the file is read-only; it is not replaced")) {
            try OutputBatch.run(paths: [locked]) {}
        }
        #expect(try files.read("locked.txt") == "old")
        let first = files.path("first.txt")
        let second = files.path("second.txt")
        struct Failure: Error {}
        #expect(throws: Failure.self) {
            try OutputBatch.run(paths: [first, second]) {
                try OutputFile.write("one", to: first)
                // Written but not yet in place: the run is not over.
                #expect(!FileManager.default.fileExists(atPath: first))
                throw Failure()
            }
        }
        #expect(
            !FileManager.default.fileExists(atPath: first)
                && !FileManager.default.fileExists(atPath: first + ".partial")
        )
        try OutputBatch.run(paths: [first, second]) {
            try OutputFile.write("one", to: first)
            try OutputFile.write("two", to: second)
        }
        #expect(try files.read("first.txt") == "one" && files.read("second.txt") == "two")
        #expect(throws: OutputError.self) { try OutputBatch.run(paths: [first, first]) {} }
    }
}
