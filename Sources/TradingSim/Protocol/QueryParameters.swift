/// A request's parameters, read from the raw query string (and, for signed requests, the raw body) as
/// Binance reads them: `name=value` pairs joined by `&`, percent-decoded, each name at most once.
public struct QueryParameters: Sendable {
    public private(set) var values: [String: String] = [:]

    /// - Throws: ``BinanceError`` -1101 for a name sent twice, -1100 for a malformed escape.
    public init(raw: String) throws(BinanceError) {
        values.reserveCapacity(12)
        // One pass over the bytes: each `&`-separated pair, split at its first `=`.
        var start = raw.startIndex
        while start < raw.endIndex {
            let end = raw.utf8[start...].firstIndex(of: 0x26) ?? raw.endIndex
            if start < end {
                let pair = raw[start..<end]
                let equals = pair.utf8.firstIndex(of: 0x3D)
                let rawName = equals.map { pair[..<$0] } ?? pair
                let name = try Self.decode(rawName, name: String(rawName.prefix(40)))
                let value = try Self.decode(equals.map { pair[pair.index(after: $0)...] } ?? "", name: name)
                guard values.updateValue(value, forKey: name) == nil else { throw .duplicate(name) }
            }
            start = end < raw.endIndex ? raw.index(after: end) : end
        }
    }

    /// The value of `name`, `nil` when absent or empty.
    public func optional(_ name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }

    /// The value of `name`. - Throws: -1102 when absent or empty.
    public func required(_ name: String) throws(BinanceError) -> String {
        guard let value = optional(name) else { throw .mandatory(name) }
        return value
    }

    /// An integer parameter within `range`, or `nil` when absent.
    /// - Throws: -1100 when not an integer, -1130 when outside `range`.
    public func integer(_ name: String, in range: ClosedRange<Int64>) throws(BinanceError) -> Int64? {
        guard let text = optional(name) else { return nil }
        guard text.count <= 20, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int64(text) else {
            throw .notANumber(name)
        }
        guard range.contains(value) else { throw .invalidValue(name) }
        return value
    }

    /// A symbol parameter: upper-case letters and digits as Binance allows.
    /// - Throws: -1102 when absent, -1100 when it has other characters.
    public func symbol(_ name: String = "symbol") throws(BinanceError) -> String {
        let text = try required(name)
        let allowed = text.utf8.allSatisfy {
            ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E
        }
        guard allowed, text.utf8.count <= 20 else { throw .illegalCharacters(name) }
        return text
    }

    /// Percent-decodes `text` (and `+` as a space), as UTF-8.
    static func decode(_ text: Substring, name: String) throws(BinanceError) -> String {
        // Most values have nothing to decode.
        if !text.utf8.contains(where: { $0 == 0x25 || $0 == 0x2B }) { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == 0x25 {
                guard let high = iterator.next().flatMap(Self.hex), let low = iterator.next().flatMap(Self.hex) else {
                    throw .illegalCharacters(name)
                }
                bytes.append(high << 4 | low)
            } else if byte == 0x2B {
                bytes.append(0x20)
            } else {
                bytes.append(byte)
            }
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else { throw .illegalCharacters(name) }
        return decoded
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
