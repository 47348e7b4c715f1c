import FuzzSupport
import TradingCore

/// The decimal, integer and timestamp parsers, and the integer-time conversion in every unit.
func fuzzNumbers(_ data: UnsafePointer<UInt8>, _ size: Int) {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let text = FuzzInput.text(data, size)
    if let raw = try? FixedPoint.parse(utf8: bytes) {
        // What parses prints and parses back to the same value.
        precondition((try? FixedPoint.parse(FixedPoint.format(raw))) == raw, "decimal round trip")
    }
    _ = try? Price(text)
    _ = try? Quantity(text)
    if let integer = IntegerParsing.int64(bytes) {
        precondition(IntegerParsing.int64(String(integer)) == integer, "integer round trip")
        for unit in EpochUnit.allCases { _ = try? unit.timestamp(integer, in: Timestamp.marketDataRange) }
        _ = EpochUnit(detecting: integer).timestamp(integer)
        _ = Timestamp(checkedMilliseconds: integer)
    }
    if let time = try? Timestamp(parsing: text) {
        precondition(Timestamp.commandLineRange.contains(time), "a parsed time outside the range")
        _ = time.iso8601
        _ = time.civil
    }
    _ = try? Timestamp(parsing: text, in: Timestamp.marketDataRange)
    _ = ErrorText.clipped(text)
}
