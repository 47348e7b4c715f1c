import TradingCore

/// A problem with an input data file, naming the file, the line and the field when known.
public struct DataError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    /// 1-based line number, if the problem is on a line.
    public let line: Int?
    /// The column or JSON key, if the problem is in one field.
    public let field: String?
    public let message: String

    public init(file: String, line: Int? = nil, field: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    /// `data.csv:12: field 'high': high 10 is below low 11`.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let field { text += "field '\(field)': " }
        return ErrorText.clipped(text + message)
    }
}
