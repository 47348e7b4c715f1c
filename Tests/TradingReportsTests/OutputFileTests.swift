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
        #expect(throws: OutputError(path: path, message: "No such file or directory")) { try OutputFile(path: path) }
    }
}
