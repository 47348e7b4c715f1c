/// Writes decimal digits into a byte buffer without allocating.
enum SequenceDigits {
    /// Writes `value` in decimal at the start of `buffer`; returns the number of bytes written (cut to fit,
    /// keeping the leading digits). Two digits per division: every order and fill names itself this way.
    static func write(_ value: UInt64, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        var length = 1
        var bound: UInt64 = 10
        while length < 20 && value >= bound {
            length += 1
            bound = bound &* 10
        }
        let written = min(length, buffer.count)
        guard written > 0 else { return 0 }
        // Drop the trailing digits that do not fit, then write the rest from the end.
        var remaining = value
        for _ in 0..<(length - written) { remaining /= 10 }
        var end = written
        // Digit pairs by arithmetic (divisions by constants become multiplications): a lookup table in a
        // static array cost a lazy-initialisation check and bounds checks on every call.
        while end >= 2 {
            let pair = remaining % 100
            remaining /= 100
            buffer[end - 1] = UInt8(truncatingIfNeeded: pair % 10) &+ 0x30
            buffer[end - 2] = UInt8(truncatingIfNeeded: pair / 10) &+ 0x30
            end -= 2
        }
        if end == 1 { buffer[0] = UInt8(truncatingIfNeeded: remaining) &+ 0x30 }
        return written
    }
}
