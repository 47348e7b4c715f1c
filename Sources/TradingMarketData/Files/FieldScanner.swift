import TradingCore

/// Splits one CSV line into fields and parses them, reporting errors with the file, line and column.
struct FieldScanner {
    let line: UnsafeBufferPointer<UInt8>
    let file: String
    let lineNumber: Int
    private var position = 0

    init(line: UnsafeBufferPointer<UInt8>, file: String, lineNumber: Int) {
        self.line = line
        self.file = file
        self.lineNumber = lineNumber
    }

    var isAtEnd: Bool { position > line.count }

    func error(_ field: String?, _ message: String) -> DataError {
        DataError(file: file, line: lineNumber, field: field, message: message)
    }

    /// The next comma-separated field.
    mutating func next(_ name: String) throws(DataError) -> UnsafeBufferPointer<UInt8> {
        guard position <= line.count else { throw error(name, "missing (the row has too few columns)") }
        var cursor = position
        while cursor < line.count && line[cursor] != UInt8(ascii: ",") { cursor += 1 }
        let field = UnsafeBufferPointer(rebasing: line[position..<cursor])
        position = cursor + 1
        return field
    }

    /// The field's text for a message, cut to ``ErrorText/quoteLimit`` characters.
    func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        ErrorText.excerpt(
            String(decoding: UnsafeBufferPointer(rebasing: bytes.prefix(4 * ErrorText.quoteLimit)), as: UTF8.self)
        )
    }

    mutating func integer(_ name: String) throws(DataError) -> Int64 {
        let field = try next(name)
        guard let value = IntegerParsing.int64(field) else {
            throw error(name, "expected an integer, got '\(text(field))'")
        }
        return value
    }

    mutating func decimal(_ name: String) throws(DataError) -> Int128 {
        let field = try next(name)
        do {
            return try FixedPoint.parse(utf8: field)
        } catch {
            throw self.error(name, "expected a decimal number, got '\(text(field))' (\(error))")
        }
    }

    mutating func price(_ name: String) throws(DataError) -> Price {
        let raw = try decimal(name)
        guard raw > 0 else { throw error(name, "price must be positive, got \(FixedPoint.format(raw))") }
        guard MarketDataLimits.price.contains(raw) else {
            throw error(name, "price \(FixedPoint.format(raw)) is outside the accepted range 1e-12 to 1e12")
        }
        return Price(raw: raw)
    }

    mutating func quantity(_ name: String) throws(DataError) -> Quantity {
        let raw = try decimal(name)
        guard raw >= 0 else { throw error(name, "must not be negative, got \(FixedPoint.format(raw))") }
        guard MarketDataLimits.quantity.contains(raw) else {
            throw error(name, "\(FixedPoint.format(raw)) is outside the accepted range 0 to 1e15")
        }
        return Quantity(raw: raw)
    }

    mutating func string(_ name: String) throws(DataError) -> String { text(try next(name)) }

    /// Fails when columns remain after the expected ones, unless the header declared them.
    func finish(allowExtra: Bool) throws(DataError) {
        if !allowExtra && position <= line.count {
            throw error(nil, "too many columns")
        }
    }
}
