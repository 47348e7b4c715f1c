/// A request's parameters, read from the raw query string (and, for signed requests, the raw body) as
/// Binance reads them: `name=value` pairs joined by `&`, percent-decoded, each name at most once.
public struct QueryParameters: Sendable {
    public private(set) var values: [String: String] = [:]

    /// - Throws: ``BinanceError`` -1101 for a name sent twice, -1100 for a malformed escape.
    public init(raw: String) throws(BinanceError) {
        var raw = raw
        values = try raw.withUTF8 { bytes in Self.parse(bytes) }.get()
    }

    /// One pass over the bytes: each `&`-separated pair, split at its first `=`.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<[String: String], BinanceError> {
        var values: [String: String] = [:]
        values.reserveCapacity(12)
        var start = 0
        while start < bytes.count {
            var end = start
            var equals = -1
            while end < bytes.count && bytes[end] != 0x26 {
                if equals < 0 && bytes[end] == 0x3D { equals = end }
                end += 1
            }
            if start < end {
                let nameBytes = UnsafeBufferPointer(rebasing: bytes[start..<(equals >= 0 ? equals : end)])
                guard let name = decode(nameBytes) else {
                    return .failure(.illegalCharacters(String(decoding: nameBytes.prefix(40), as: UTF8.self)))
                }
                let valueBytes = UnsafeBufferPointer(rebasing: bytes[(equals >= 0 ? equals + 1 : end)..<end])
                guard let value = decode(valueBytes) else { return .failure(.illegalCharacters(name)) }
                guard values.updateValue(value, forKey: name) == nil else { return .failure(.duplicate(name)) }
            }
            start = end + 1
        }
        return .success(values)
    }

    /// Percent-decodes `bytes` (and `+` as a space) as UTF-8; `nil` for a malformed escape or text that is
    /// not UTF-8.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        // Most values have nothing to decode (and the bytes of a Swift string are valid UTF-8).
        if !bytes.contains(where: { $0 == 0x25 || $0 == 0x2B }) { return String(decoding: bytes, as: UTF8.self) }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            if byte == 0x25 {
                guard let high = iterator.next().flatMap(Self.hex), let low = iterator.next().flatMap(Self.hex) else {
                    return nil
                }
                decoded.append(high << 4 | low)
            } else if byte == 0x2B {
                decoded.append(0x20)
            } else {
                decoded.append(byte)
            }
        }
        return String(validating: decoded, as: UTF8.self)
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

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
