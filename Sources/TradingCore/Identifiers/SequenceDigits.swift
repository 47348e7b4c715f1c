/// Writes decimal digits into a byte buffer without allocating.
enum SequenceDigits {
    /// Writes `value` in decimal at the start of `buffer`; returns the number of bytes written (cut to fit).
    static func write(_ value: UInt64, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        return withUnsafeMutableBytes(of: &digits) { scratch in
            var remaining = value
            var length = 0
            repeat {
                scratch[length] = UInt8(truncatingIfNeeded: remaining % 10) &+ 0x30
                remaining /= 10
                length += 1
            } while remaining > 0
            let written = min(length, buffer.count)
            for index in 0..<written { buffer[index] = scratch[length - 1 - index] }
            return written
        }
    }
}
