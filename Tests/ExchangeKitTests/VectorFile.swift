import Foundation
import Testing
import TradingTestSupport

/// A JSON file of `../shared/vectors`, read as loose JSON (the cases differ in shape by venue).
enum VectorFile {
    static func load(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: SharedData.vector(name)))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw VectorError("\(name) is not a JSON object")
        }
        return object
    }

    /// The cases under `key`, or none when `../shared` is missing (the tests are then skipped anyway).
    static func cases(_ name: String, _ key: String) -> [[String: Any]] {
        guard SharedData.isAvailable, let file = try? load(name) else { return [] }
        return file[key] as? [[String: Any]] ?? []
    }
}

struct VectorError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// One case's dictionary, named for Swift Testing's output by its `id`, `description` or method.
struct VectorCase: CustomTestStringConvertible, @unchecked Sendable {
    // The dictionary is read only; JSONSerialization values are immutable Foundation objects.
    let fields: [String: Any]
    let file: String

    var testDescription: String {
        let name = fields["id"] ?? fields["name"] ?? fields["description"] ?? ""
        let args = (fields["args"]).map { "\($0)" } ?? ""
        return "\(file) \(fields["method"] ?? "") \(name) \(args)".trimmingCharacters(in: .whitespaces)
    }

    subscript(_ key: String) -> Any? { fields[key] }

    func string(_ key: String) throws -> String {
        guard let value = fields[key] as? String else { throw VectorError("\(testDescription): no string \(key)") }
        return value
    }

    static func all(_ file: String, _ key: String) -> [VectorCase] {
        VectorFile.cases(file, key).map { VectorCase(fields: $0, file: file) }
    }
}
