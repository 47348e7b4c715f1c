import TradingCore

/// Decodes Binance `depthUpdate` frames straight from the socket's bytes into a reused ``DepthDiff``: no
/// `Foundation` objects, no strings, decimals parsed digit by digit into fixed point.
///
/// It reads the raw event and the combined-stream wrapper (`{"stream":…,"data":{…}}`); keys it does not
/// need are skipped whatever their value. Invariants the fast path keeps (and the tests check against
/// ``BinanceDepthParsing``, the plain parser): the same frame gives the same diff; a frame that is not a
/// `depthUpdate`, or is cut short, is an error naming the offset, never a partial diff.
public struct BinanceDepthDecoder: Sendable {
    public init() {}

    /// Decodes `frame` into `diff`, reusing its level arrays' storage.
    /// - Throws: ``ResponseFormatError`` naming what is wrong and where.
    public func decode(_ frame: UnsafeRawBufferPointer, into diff: inout DepthDiff) throws(ResponseFormatError) {
        var scanner = Scanner(bytes: frame)
        diff.bids.removeAll(keepingCapacity: true)
        diff.asks.removeAll(keepingCapacity: true)
        diff.previousFinalUpdateID = nil
        var seen = Seen()
        try scanner.object(into: &diff, seen: &seen)
        guard seen.isDepthUpdate else { throw ResponseFormatError("depthUpdate: the event type is not depthUpdate") }
        guard seen.first && seen.final else { throw ResponseFormatError("depthUpdate: U or u missing") }
    }

    /// Decodes a frame held in an array.
    public func decode(_ frame: [UInt8], into diff: inout DepthDiff) throws(ResponseFormatError) {
        let result: Result<Void, ResponseFormatError> = frame.withUnsafeBytes { bytes in
            do throws(ResponseFormatError) {
                try decode(bytes, into: &diff)
                return .success(())
            } catch { return .failure(error) }
        }
        try result.get()
    }

    struct Seen {
        var isDepthUpdate = false
        var first = false
        var final = false
    }

    struct Scanner {
        let bytes: UnsafeRawBufferPointer
        var index = 0

        init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        func failure(_ what: String) -> ResponseFormatError {
            ResponseFormatError("depthUpdate: \(what) at byte \(index)")
        }

        mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                default: return
                }
            }
        }

        mutating func expect(_ byte: UInt8) throws(ResponseFormatError) {
            skipSpace()
            guard index < bytes.count, bytes[index] == byte else {
                throw failure("expected '\(Character(UnicodeScalar(byte)))'")
            }
            index += 1
        }

        /// The bytes of a string without escapes (keys, decimals, the event type), as a range.
        mutating func plainString() throws(ResponseFormatError) -> Range<Int> {
            try expect(UInt8(ascii: "\""))
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                if bytes[index] == UInt8(ascii: "\\") { throw failure("an escaped string") }
                index += 1
            }
            guard index < bytes.count else { throw failure("an unterminated string") }
            let range = start..<index
            index += 1
            return range
        }

        func matches(_ range: Range<Int>, _ text: StaticString) -> Bool {
            guard range.count == text.utf8CodeUnitCount else { return false }
            return text.withUTF8Buffer { expected in
                for offset in 0..<range.count where bytes[range.lowerBound + offset] != expected[offset] {
                    return false
                }
                return true
            }
        }

        mutating func unsigned() throws(ResponseFormatError) -> UInt64 {
            skipSpace()
            var value: UInt64 = 0
            let start = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
                let (times, overflow) = value.multipliedReportingOverflow(by: 10)
                let (sum, carry) = times.addingReportingOverflow(UInt64(bytes[index] - 0x30))
                guard !overflow && !carry else { throw failure("an update ID too large") }
                value = sum
                index += 1
            }
            guard index > start else { throw failure("expected an unsigned integer") }
            return value
        }

        /// A decimal given as a string (Binance) or a bare number.
        mutating func decimal() throws(ResponseFormatError) -> Int128 {
            skipSpace()
            let range: Range<Int>
            if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                range = try plainString()
            } else {
                let start = index
                while index < bytes.count, !",]} \n\r\t".utf8.contains(bytes[index]) { index += 1 }
                range = start..<index
            }
            let buffer = UnsafeBufferPointer(rebasing: bytes.bindMemory(to: UInt8.self)[range])
            do { return try FixedPoint.parse(utf8: buffer) } catch { throw failure("a level is not a decimal") }
        }

        mutating func levels(into levels: inout [BookLevel]) throws(ResponseFormatError) {
            try expect(UInt8(ascii: "["))
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return
            }
            while true {
                try expect(UInt8(ascii: "["))
                let price = try decimal()
                try expect(UInt8(ascii: ","))
                let size = try decimal()
                try expect(UInt8(ascii: "]"))
                levels.append(BookLevel(price: Price(raw: price), size: Quantity(raw: size)))
                skipSpace()
                guard index < bytes.count else { throw failure("an unterminated level list") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect(UInt8(ascii: "]"))
                return
            }
        }

        /// Skips any JSON value.
        mutating func skipValue() throws(ResponseFormatError) {
            skipSpace()
            guard index < bytes.count else { throw failure("a missing value") }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                guard index < bytes.count else { throw failure("an unterminated string") }
                index += 1
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                var depth = 0
                repeat {
                    guard index < bytes.count else { throw failure("an unterminated value") }
                    switch bytes[index] {
                    case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
                    case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
                    case UInt8(ascii: "\""):
                        try skipValue()
                        continue
                    default: break
                    }
                    index += 1
                } while depth > 0
            default:
                while index < bytes.count, !",]}".utf8.contains(bytes[index]) { index += 1 }
            }
        }

        mutating func object(into diff: inout DepthDiff, seen: inout Seen) throws(ResponseFormatError) {
            try expect(UInt8(ascii: "{"))
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return
            }
            while true {
                let key = try plainString()
                try expect(UInt8(ascii: ":"))
                if matches(key, "e") {
                    seen.isDepthUpdate = matches(try plainString(), "depthUpdate")
                } else if matches(key, "E") {
                    diff.exchangeTime = Timestamp(milliseconds: Int64(truncatingIfNeeded: try unsigned()))
                } else if matches(key, "U") {
                    diff.firstUpdateID = try unsigned()
                    seen.first = true
                } else if matches(key, "u") {
                    diff.finalUpdateID = try unsigned()
                    seen.final = true
                } else if matches(key, "pu") {
                    diff.previousFinalUpdateID = try unsigned()
                } else if matches(key, "b") {
                    try levels(into: &diff.bids)
                } else if matches(key, "a") {
                    try levels(into: &diff.asks)
                } else if matches(key, "data") {
                    try object(into: &diff, seen: &seen)
                } else {
                    try skipValue()
                }
                skipSpace()
                guard index < bytes.count else { throw failure("an unterminated object") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect(UInt8(ascii: "}"))
                return
            }
        }
    }
}
